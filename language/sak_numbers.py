"""Sak numbers as bodies write them: a series, a number and a year.

Most bodies number every sak in one series a year («Sak 21/2016», «PS 12/17»). Municipal case
systems keep separate series beside it — referatsaker («RS 3/17»), orienteringssaker («OS»),
delegerte saker («DS»), formannskapssaker («FS»), «R-3/17» — which count from 1 again, so RS 3/17
and PS 3/17 are two different saker. The main series is written "" (so «Sak», «PS», «Saksnr»
and a bare number are one series); the others by their letters.
"""

from __future__ import annotations

import re

# Heading prefixes (as written, upper case) that open a series of their own.
SEPARATE_SERIES = frozenset({"RS", "OS", "DS", "FS", "R"})


def series_of(prefix: str) -> str:
    """The series a heading prefix («Sak», «PS», «RS», «R-») belongs to: "" for the main one."""
    word = "".join(ch for ch in prefix if ch.isalpha()).upper()
    return word if word in SEPARATE_SERIES else ""


def sak_label(series: str, number: int, year: int, *, short_year: bool = False) -> str:
    """«21/2016», «RS 03/2017» (or «21/16», «RS 03/17» with `short_year`)."""
    shown = f"{year % 100:02d}" if short_year else str(year)
    return f"{series + ' ' if series else ''}{number:02d}/{shown}"


# A sak number in a member's message: «24/2016», «sak 24/16», «RS 3/17», «rs 3/17», «R-27/19».
_IN_TEXT = re.compile(
    r"(?:\b(?P<series>[rRoOdDfF][sS]|[rR](?=\s*-))\s*-?\s*)?(?<![\d/.])(?P<number>\d{1,3})\s*/\s*"
    r"(?P<year>\d{4}|\d{2})(?![\d/])"
)


def find_sak_number(text: str) -> tuple[str, int, str] | None:
    """The first sak number in `text`: (series, number, year as written: two or four digits)."""
    found = _IN_TEXT.search(text)
    if found is None:
        return None
    return series_of(found["series"] or ""), int(found["number"]), found["year"]
