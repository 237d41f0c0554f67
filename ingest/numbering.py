"""Sak numbers as minutes write them, and lines a PDF ran together cut at sak headings and labels."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from ingest.text import Line
from language.sak_numbers import series_of

# The numbering forms of sak headings, at the start of a line: «Sak 21/2016», «Sak 14/07», «Sak nr.
# 47/09», «SAK 3/19», «PS 12/17», «RS 3/17», «R-27/19», «Saksnr. 12/19», «Saksnr.: 12/19», and a
# bare «047/12:» or «14/2016 Title». «se sak 29/2016», «sak 46d/15» in a sentence are references.
_NUMBER = r"0*(\d{1,3})\s*/\s*(\d{4}|\d{2})(?![\d/])"
_PREFIXES = (
    r"(?:Sak|SAK)(?:\s+nr\.?)?\s*:?\s*",
    r"(?P<series>PS|RS|OS|DS|FS)\s*",
    r"(?P<r>R)\s*-\s*",
    r"(?:Saksnr|Saknr|Sak\s+nr|Saksnummer)\.?\s*:?\s*",
)
SAK_HEADING = re.compile(rf"^(?:{'|'.join(_PREFIXES)}){_NUMBER}\s*[:.–-]?\s*(.*)$")
# A bare number needs a separator and a capitalised title after it: «047/12: Budsjett», «14/2016 Tittel».
_BARE_HEADING = re.compile(rf"^{_NUMBER}(?:\s*[:.–-]\s*|\s+)([A-ZÆØÅ«\"].*)$")


def sak_heading(text: str, *, year: int | None = None) -> tuple[int, int, str, str] | None:
    """(number, year, rest of line, series) when the line is a sak heading; a two-digit year is read
    in the century of `year` (the meeting's), no later than the year after it. The series is ""
    for the main one, else «RS», «OS», … (language.sak_numbers)."""
    match = SAK_HEADING.match(text)
    if match is not None:
        series = series_of(match["series"] or match["r"] or "")
        *_, number, year_text, rest = match.groups()
    else:
        bare = _BARE_HEADING.match(text)
        if bare is None:
            return None
        series, (number, year_text, rest) = "", bare.groups()
    return int(number), _full_year(year_text, year), rest.strip().rstrip(":").strip(), series


def _full_year(text: str, year: int | None) -> int:
    if len(text) == 4:
        return int(text)
    base = year or 2000
    full = base - base % 100 + int(text)
    return full - 100 if full > base + 1 else full


_CAPITAL = re.compile(r"(?<=\s)[A-ZÆØÅ]")
_INLINE_SAK = re.compile(r"(?<=\s)(?=(?:PS|RS|Saksnr\.?|Sak\s+nr\.?)\s*0*\d{1,3}\s*/\s*\d{2,4}(?![\d/]))")


def split_inline(lines: Sequence[Line], *, label: re.Pattern[str]) -> list[Line]:
    """Lines a PDF ran together cut apart: before a sak heading («… PS 89/22 Gebyrregulativ …») and
    before a section label with its colon («047/17: Godkjenning Vedtak: Protokollen godkjennes.»)."""
    out: list[Line] = []
    for line in lines:
        text = line.text
        if not text or (":" not in text and "/" not in text):
            out.append(line)
            continue
        cuts = {0, len(text)}
        cuts.update(m.start() for m in _INLINE_SAK.finditer(text))
        if ":" in text:
            for match in _CAPITAL.finditer(text):
                found = label.match(text[match.start() :])
                if found and found["rest"] is not None and text[match.start() - 2 : match.start() - 1] != ":":
                    cuts.add(match.start())
        if len(cuts) == 2:
            out.append(line)
            continue
        points = sorted(cuts)
        for a, b in itertools.pairwise(points):
            piece = text[a:b].strip()
            if piece:
                out.append(Line(line.no, piece, piece))
    return out
