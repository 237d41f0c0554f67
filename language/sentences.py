"""Sentences of a vedtak and the sak numbers it cites («sak 14/2016», «14/16»)."""

from __future__ import annotations

import datetime as dt
import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"])|\n+")
# «14/2016», «03/2018», «14/16»: a sak number and its year.
_CITATION = re.compile(r"(?<!\d)(\d{1,4})/(\d{4}|\d{2})(?!\d)")


def sentences(text: str) -> list[str]:
    """The sentences of a text, whitespace collapsed: a new one after «.», «!» or «?» and a capital."""
    return [" ".join(s.split()) for s in _SENTENCE_END.split(text) if s and s.strip()]


def citations(*texts: str | None, meeting_date: dt.date) -> set[tuple[int, int]]:
    """The (number, year) of every sak cited as «NN/YYYY» or «NN/YY» (the century that is not ahead)."""
    out: set[tuple[int, int]] = set()
    for text in texts:
        for m in _CITATION.finditer(text or ""):
            number, year = int(m[1]), int(m[2])
            if len(m[2]) == 2:
                year += meeting_date.year - meeting_date.year % 100
                if year > meeting_date.year + 1:
                    year -= 100
            out.add((number, year))
    return out
