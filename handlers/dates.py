"""Norwegian date expressions → dates: a small parser first, dateparser behind it.

dateparser alone reads «7.12» as the time 07:12, knows no «neste torsdag» or «i overmorgen» and
prefers past dates, so the forms members actually write are read here; dateparser only gets the
whole text when none of them matched. The parser knows no body names: the caller strips those.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from storage import open_rules

DateKind = Literal["day", "month", "next_meeting"]


@dataclass(frozen=True)
class DateQuery:
    """What a date expression asked for: a day, a month, or «neste møte»; `invalid` for «31.02»."""

    kind: DateKind
    matched: str  # the substring understood, as written
    day: dt.date | None = None
    month: tuple[int, int] | None = None  # (year, month)
    invalid: str | None = None  # a day.month that does not exist; `day` is then None


# --- Vocabulary (input words, bokmål and nynorsk; what members read lives in texts.py) -------------

MONTHS = open_rules.MONTHS  # one table: the åpne saker rules read month names too
WEEKDAYS: dict[str, int] = {
    "mandag": 0, "måndag": 0, "tirsdag": 1, "tysdag": 1, "onsdag": 2, "torsdag": 3,
    "fredag": 4, "lørdag": 5, "laurdag": 5, "søndag": 6, "sundag": 6,
}  # fmt: skip
RELATIVE_DAYS: dict[str, int] = {
    "i dag": 0, "idag": 0, "i morgen": 1, "imorgen": 1, "i morgon": 1, "imorgon": 1,
    "i overmorgen": 2, "i overmorgon": 2, "iovermorgen": 2,
}  # fmt: skip
COUNTS: dict[str, int] = {
    "en": 1, "ein": 1, "ei": 1, "ett": 1, "eitt": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5,
    "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10,
}  # fmt: skip

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
# «i jul» is Christmas, not July: «i <måned>» takes only the full names.
_FULL_MONTH_RE = "|".join(name for name in MONTHS if len(name) > 3 or name == "mai")
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_RELATIVE_RE = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in RELATIVE_DAYS), key=len)[::-1])
_COUNT_RE = "|".join(sorted(COUNTS, key=len, reverse=True))

ISO = re.compile(r"(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?![\d])")
NUMERIC = re.compile(r"(?<![\d.,/:])(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?(?![\d]|[.,]\d)")
DAY_MONTH = re.compile(rf"(?<![\d.])(\d{{1,2}})\.?\s*({_MONTH_RE})\.?(?:\s+(\d{{4}}))?(?![\wæøå])", re.I)
RELATIVE = re.compile(rf"(?<![\wæøå])({_RELATIVE_RE})(?![\wæøå])", re.I)
IN_DAYS = re.compile(
    rf"(?<![\wæøå])om\s+(\d{{1,2}}|{_COUNT_RE})\s+(dag|dager|dagar|uke|uker|veke|veker)\b", re.I
)
WEEKDAY = re.compile(
    rf"(?<![\wæøå])(?:(neste|på|førstkommende|kommende|til)\s+)?({_WEEKDAY_RE})"
    rf"(?:\s+(?:i\s+)?(neste|kommende)\s+(uke|veke))?(?![\wæøå])",
    re.I,
)
ORDINALS: dict[str, int] = {
    "første": 1, "fyrste": 1, "1.": 1, "andre": 2, "2.": 2, "tredje": 3, "3.": 3, "fjerde": 4, "4.": 4,
    "siste": -1,
}  # fmt: skip
_ORDINAL_RE = "|".join(re.escape(k) for k in ORDINALS)
# «første torsdag i desember»; without the ordinal («torsdag i desember») it is the month that counts.
WEEKDAY_IN_MONTH = re.compile(
    rf"(?<![\wæøå])(?:({_ORDINAL_RE})\s+)?({_WEEKDAY_RE})\s+i\s+({_FULL_MONTH_RE})(?:\s+(\d{{4}}))?(?![\wæøå])",
    re.I,
)
IN_MONTH = re.compile(rf"(?<![\wæøå])i\s+({_FULL_MONTH_RE})(?:\s+(\d{{4}}))?(?![\wæøå])", re.I)
NEXT_MEETING = re.compile(r"(?<![\wæøå])(neste|førstkommende|kommende)\s+([\wæøå-]*møte[\wæøå]*)", re.I)
IN_TEXT_MONTH = re.compile(rf"(?<![\wæøå])({_FULL_MONTH_RE})(?![\wæøå])", re.I)
CLOCK_BEFORE = re.compile(r"(?:kl|klokka|klokken)\.?\s*$", re.I)

# Candidates of higher rank win; among equals the leftmost. A date written out beats a weekday.
_EXPLICIT, _RELATIVE, _WEEKDAY, _MONTH, _NEXT = range(5)


def parse_date_expression(text: str, *, today: dt.date) -> DateQuery | None:
    """The date expression in `text`, read as Norwegian with future dates preferred; None if none."""
    found: list[tuple[int, int, DateQuery]] = []
    for rank, finder in (
        (_EXPLICIT, _explicit),
        (_EXPLICIT, _weekday_in_month),
        (_RELATIVE, _relative),
        (_WEEKDAY, _weekday),
        (_MONTH, _in_month),
        (_NEXT, _next_meeting),
    ):
        found.extend((rank, start, query) for start, query in finder(text, today))
    if found:
        return min(found, key=lambda item: (item[0], item[1]))[2]
    return _dateparser_fallback(text, today)


def _explicit(text: str, today: dt.date) -> list[tuple[int, DateQuery]]:
    """«07.12.2017», «7.12», «7.12.17», «15. mars», «15 mars 2018», «2017-12-07»."""
    out: list[tuple[int, DateQuery]] = []
    for m in ISO.finditer(text):
        query = _day(int(m[1]), int(m[2]), int(m[3]), m[0])
        if query:
            out.append((m.start(), query))
    for m in NUMERIC.finditer(text):
        if CLOCK_BEFORE.search(text, 0, m.start()):
            continue  # «kl. 10.12» is a time
        day, month = int(m[1]), int(m[2])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue  # «09.00», «2.15»: not a date at all
        year = _full_year(m[3]) if m[3] else _future_year(day, month, today)
        query = _day(year, month, day, m[0])
        if query:
            out.append((m.start(), query))
    for m in DAY_MONTH.finditer(text):
        day, month = int(m[1]), MONTHS[m[2].lower()]
        if not 1 <= day <= 31:
            continue
        year = int(m[3]) if m[3] else _future_year(day, month, today)
        query = _day(year, month, day, m[0])
        if query:
            out.append((m.start(), query))
    return out


def _relative(text: str, today: dt.date) -> list[tuple[int, DateQuery]]:
    """«i dag», «i morgen», «i overmorgen» (and nynorsk), «om tre dager», «om to uker»."""
    out: list[tuple[int, DateQuery]] = []
    for m in RELATIVE.finditer(text):
        offset = RELATIVE_DAYS[re.sub(r"\s+", " ", m[1].lower())]
        out.append((m.start(), DateQuery("day", m[0], day=today + dt.timedelta(days=offset))))
    for m in IN_DAYS.finditer(text):
        count = int(m[1]) if m[1].isdigit() else COUNTS[m[1].lower()]
        unit = 1 if m[2].lower().startswith("dag") else 7
        out.append((m.start(), DateQuery("day", m[0], day=today + dt.timedelta(days=count * unit))))
    return out


def _weekday(text: str, today: dt.date) -> list[tuple[int, DateQuery]]:
    """«neste torsdag», «på torsdag», «førstkommende fredag»: the first such day after today.

    «torsdag neste uke» is the Thursday of the coming (Monday-based) week.
    """
    out: list[tuple[int, DateQuery]] = []
    in_month = {m.start(2) for m in WEEKDAY_IN_MONTH.finditer(text)}
    for m in WEEKDAY.finditer(text):
        if m.start(2) in in_month:
            continue  # «torsdag i desember»: read by _weekday_in_month
        weekday = WEEKDAYS[m[2].lower()]
        if m[3]:
            monday = today + dt.timedelta(days=7 - today.weekday())
            day = monday + dt.timedelta(days=weekday)
        else:
            day = today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
        out.append((m.start(), DateQuery("day", m[0], day=day)))
    return out


def _weekday_in_month(text: str, today: dt.date) -> list[tuple[int, DateQuery]]:
    """«første torsdag i desember» (a day), «siste fredag i mai»; «torsdag i desember» is the month."""
    out: list[tuple[int, DateQuery]] = []
    for m in WEEKDAY_IN_MONTH.finditer(text):
        if not m[1]:
            continue  # the month alone: _in_month reads «i desember»
        month = MONTHS[m[3].lower()]
        year = int(m[4]) if m[4] else (today.year if month >= today.month else today.year + 1)
        weekday, nth = WEEKDAYS[m[2].lower()], ORDINALS[m[1].lower()]
        if nth > 0:
            first = dt.date(year, month, 1)
            day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
        else:
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            day = last - dt.timedelta(days=(last.weekday() - weekday) % 7)
        out.append((m.start(), DateQuery("day", m[0], day=day)))  # the 4th is at the latest the 28th
    return out


def _in_month(text: str, today: dt.date) -> list[tuple[int, DateQuery]]:
    """«i desember», «i mars 2018»: this year's month unless it has passed."""
    out: list[tuple[int, DateQuery]] = []
    for m in IN_MONTH.finditer(text):
        month = MONTHS[m[1].lower()]
        year = int(m[2]) if m[2] else (today.year if month >= today.month else today.year + 1)
        out.append((m.start(), DateQuery("month", m[0], month=(year, month))))
    return out


def _next_meeting(text: str, today: dt.date) -> list[tuple[int, DateQuery]]:
    """«neste møte», «førstkommende møte», «neste styringsgruppemøte»."""
    return [(m.start(), DateQuery("next_meeting", m[0])) for m in NEXT_MEETING.finditer(text)]


def _day(year: int, month: int, day: int, matched: str) -> DateQuery | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    try:
        return DateQuery("day", matched, day=dt.date(year, month, day))
    except ValueError:
        return DateQuery("day", matched, invalid=matched.strip())


def _full_year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _future_year(day: int, month: int, today: dt.date) -> int:
    """This year, unless day.month has already passed: then next year."""
    return today.year if (month, day) >= (today.month, today.day) else today.year + 1


@lru_cache(maxsize=4)
def _dateparser(today: dt.date) -> Any:
    from dateparser.date import DateDataParser  # slow to import; only needed for the rare forms

    base = dt.datetime.combine(today, dt.time(12, 0))
    settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": base, "RETURN_TIME_AS_PERIOD": True}
    return DateDataParser(languages=["nb", "nn"], settings=settings)


def _dateparser_fallback(text: str, today: dt.date) -> DateQuery | None:
    """The whole text through dateparser; only a day or a month counts (never a bare time)."""
    stripped = text.strip().rstrip("?.!")
    if not stripped or len(stripped) > 60:
        return None
    try:
        data = _dateparser(today).get_date_data(stripped)
    except Exception:  # dateparser raises assorted errors on odd input; no date then
        return None
    # Without a digit or a month's name dateparser reads «to», «ni» and «jul» as dates: not ours.
    if data.date_obj is None or not (re.search(r"\d", stripped) or IN_TEXT_MONTH.search(stripped)):
        return None
    when = data.date_obj.date()
    if data.period == "day":
        return DateQuery("day", stripped, day=when)
    if data.period == "month":
        return DateQuery("month", stripped, month=(when.year, when.month))
    return None
