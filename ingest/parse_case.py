"""Saker: «Sak NN/YYYY» headings, titles, text, vedtak (also per sub-point A, B, …) and forslag til vedtak."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ingest import numbering
from ingest.case_lines import BULLET, HEADING_MAX, Block, is_list_item, joins, list_item, marker, table_row
from ingest.model import ParsedSak, SakKey, Warning
from ingest.numbering import sak_heading
from ingest.parse_plan import is_schedule_item, plan_matches
from ingest.text import Line, is_markdown_heading, join_paragraphs
from language.sak_numbers import sak_label

W_SAK_WITHOUT_TITLE = "sak_without_title"
W_DUPLICATE_SAK = "duplicate_sak"
W_EMPTY_VEDTAK = "empty_vedtak"

_LABEL = re.compile(
    r"^(?:(?P<proposal>(?:forslag|framlegg|forslag\s+og\s+tilråding)\s+til\s+(?:vedtak|innstilling)"
    r"|(?:[\w-]+s\s+|[\w-]+\s+)?innstilling(?:\s+til\s+[\w\s]+)?|(?:[\w-]+s\s+)?tilråding)"
    r"|(?P<vedtak>(?:[\w-]+s\s+|[\w-]+\s+sitt\s+|endelig\s+|samrøystes\s+|enstemmig\s+)?vedtak"
    r"(?:\s+i\s+[\wæøåÆØÅ-]+(?:\s+[\wæøåÆØÅ-]+)?)?)"
    r"|(?P<other>behandling|handsaming|behandling\s+i\s+[\wæøå\s-]+|handsaming\s+i\s+[\wæøå\s-]+"
    r"|votering|røysting|avstemming|protokolltilførsel))\s*(?::\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
_VEDLEGG = re.compile(r"^Vedlegg(?:\s+\d+)?\s*:?$", re.IGNORECASE)
_SUBPOINT = re.compile(r"^(?:[-–•*]\s*)?([A-Z])[.)]?\s+([A-ZÆØÅ0-9].*)$")
_TITLE_MAX = 150


def split_inline(lines: Sequence[Line]) -> list[Line]:
    """Lines a PDF ran together, cut before sak headings and section labels (ingest.numbering)."""
    return numbering.split_inline(lines, label=_LABEL)


def parse_saker(
    lines: Sequence[Line], *, year: int | None = None
) -> tuple[tuple[ParsedSak, ...], tuple[Warning, ...]]:
    """Every sak in the lines (the lines after the document's title)."""
    saker, _, warnings = read_saker(lines, year=year)
    return saker, warnings


def read_saker(
    lines: Sequence[Line], *, year: int | None = None
) -> tuple[tuple[ParsedSak, ...], tuple[SakKey, ...], tuple[Warning, ...]]:
    """The saker, the saksliste (saker listed as bare headings, one after another) and warnings.

    A sak that appears in the saksliste and again with its text is one sak: the fuller reading stands.
    """
    starts = [i for i, ln in enumerate(lines) if sak_heading(ln.text, year=year)]
    saker: dict[SakKey, ParsedSak] = {}
    agenda: list[SakKey] = []
    warnings: list[Warning] = []
    for k, i in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        body = lines[i + 1 : end]
        listed = all(ln.blank for ln in body) and len(starts) > 1
        sak, sak_warnings = _parse_sak(lines[i], body, year=year, listed=listed)
        key = sak.key
        if listed:
            agenda.append(key)
        earlier = saker.get(key)
        if earlier is None:
            warnings.extend(sak_warnings)
            saker[key] = sak
        elif _empty(earlier):
            warnings.extend(sak_warnings)
            saker[key] = replace(sak, title=sak.title or earlier.title)
        elif not _empty(sak):
            warnings.append(Warning(sak.line, W_DUPLICATE_SAK, sak_label(*key)))
    return tuple(saker.values()), tuple(dict.fromkeys(agenda)) if len(agenda) > 1 else (), tuple(warnings)


def _empty(sak: ParsedSak) -> bool:
    return not (sak.text or sak.vedtak or sak.proposal)


def _parse_sak(
    heading: Line, body: Sequence[Line], *, year: int | None = None, listed: bool = False
) -> tuple[ParsedSak, list[Warning]]:
    found = sak_heading(heading.text, year=year)
    assert found is not None
    number, year, title, series = found
    label = sak_label(series, number, year)
    warnings: list[Warning] = []
    rest = list(body)
    if not title and not listed:
        title, rest = _title_below(rest)
        if not title:
            warnings.append(Warning(heading.no, W_SAK_WITHOUT_TITLE, label))
    blocks = build_blocks(rest)
    text, vedtak, proposal, empty = _split(blocks)
    warnings.extend(Warning(no, W_EMPTY_VEDTAK, label) for no in empty)
    sak = ParsedSak(number, year, title.rstrip(":").strip(), text, vedtak, proposal, heading.no, series)
    return sak, warnings


def _title_below(lines: list[Line]) -> tuple[str, list[Line]]:
    """The title on the next non-blank line, skipping a stray «Vedlegg»; '' when that line is not one."""
    for i, line in enumerate(lines):
        if line.blank or _VEDLEGG.match(line.text):
            continue
        text = line.text
        if (
            _LABEL.match(text)
            or _SUBPOINT.match(text)
            or BULLET.match(text)
            or len(text) > _TITLE_MAX
            or text.endswith(".")
        ):
            return "", lines[i:]
        return text, lines[i + 1 :]
    return "", []


def build_blocks(lines: Sequence[Line]) -> list[Block]:
    """Paragraphs of a sak's lines: PDF-broken lines joined, lists, sub-points and labels kept apart."""
    blocks: list[Block] = []
    cur: Block | None = None
    blank = True
    expected = "A"
    plans = plan_matches(lines)
    for line in lines:
        if line.blank:
            blank = True
            continue
        text = line.text
        label = _LABEL.match(text)
        if (
            label
            and label["other"]
            and not (text[:1].isupper() and (":" in text or text.isupper() or len(text) < 12))
        ):
            label = None  # «… i sin / behandling»: a PDF line break, not a «Behandling:» section
        sub = _SUBPOINT.match(text)
        plan = line.no in plans
        if is_markdown_heading(line.raw):
            cur = None
            blocks.append(Block("heading", line.no, [text]))
        elif label:
            kind = "proposal" if label["proposal"] else "vedtak" if label["vedtak"] else "other"
            blocks.append(Block("label", line.no, [text], label=kind))
            cur = Block("text", line.no, [label["rest"].strip()]) if label["rest"] else None
            if cur:
                blocks.append(cur)
        elif sub and sub[1] == expected and _subpoint_title(sub[2]):
            expected = chr(ord(expected) + 1)
            cur = None
            blocks.append(Block("subpoint", line.no, [f"{sub[1]} {sub[2]}"]))
        elif "\t" in line.raw or text.startswith("|"):
            row = table_row(line.raw)
            if row is None:
                continue
            if cur is None or cur.kind != "table" or blank:
                cur = Block("table", line.no, [], sources=0)
                blocks.append(cur)
            cur.lines.append(row)
            cur.sources += 1
        elif plan or is_schedule_item(text) or is_list_item(text, blank, cur):
            item = list_item(text)
            # Items of one list stay together even when blank lines separate them (a «loose» list).
            same_list = cur is not None and cur.kind == "list" and marker(cur.lines[-1]) == marker(item)
            if cur is not None and (same_list or (not blank and cur.kind in ("text", "list"))):
                cur.lines.append(item)
                cur.kind = "list"
                cur.sources += 1
            else:
                cur = Block("list", line.no, [item])
                blocks.append(cur)
        elif cur is not None and cur.kind in ("text", "list") and (not blank or joins(cur, text)):
            cur.lines[-1] = f"{cur.lines[-1]} {text}"
            cur.sources += 1
        else:
            cur = Block("text", line.no, [text])
            blocks.append(cur)
        blank = False
    return blocks


def _subpoint_title(title: str) -> bool:
    return len(title) <= HEADING_MAX and len(title.split()) <= 8 and title[-1:] not in ".,;"


def _split(blocks: list[Block]) -> tuple[str, str | None, str | None, list[int]]:
    """Sak text (up to the first label), vedtak and forslag til vedtak; line numbers of empty labels."""
    first_label = next((i for i, b in enumerate(blocks) if b.kind == "label"), len(blocks))
    text = join_paragraphs([b.render() for b in blocks[:first_label]])
    found: dict[str, list[tuple[str | None, str]]] = {"vedtak": [], "proposal": [], "other": []}
    empty: list[int] = []
    sub: str | None = None
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "subpoint":
            sub = block.lines[0]
        if block.kind != "label":
            i += 1
            continue
        paragraphs: list[str] = []
        j = i + 1
        while j < len(blocks) and _continues(blocks[j], bool(paragraphs)):
            paragraphs.append(blocks[j].render())
            j += 1
        if paragraphs:
            found[block.label].append((sub, join_paragraphs(paragraphs)))
        elif block.label != "other":
            empty.append(block.no)
        i = j
    return text, _combine(found["vedtak"]), _combine(found["proposal"]), empty


def _continues(block: Block, started: bool) -> bool:
    """Whether a block still belongs to the vedtak (or forslag) above it."""
    if block.kind not in ("text", "list"):
        return False
    return not (started and block.heading_like)


def _combine(parts: list[tuple[str | None, str]]) -> str | None:
    """One decision, or the sub-point decisions as «A Title: text», separated by blank lines."""
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0][1]
    return "\n\n".join(f"{sub}: {text}" if sub else text for sub, text in parts)
