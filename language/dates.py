"""Norwegian date expressions → dates: a small parser first, dateparser behind it.

dateparser alone reads «7.12» as the time 07:12, knows no «neste torsdag» or «i overmorgen» and
prefers past dates, so the forms members actually write are read here; dateparser only gets the
whole text when none of them matched (and only a short one). The parser knows no body names: the
caller strips those. The clock is the caller's: every function takes `today`.

Every finder is one left-to-right pass of its pattern, so the cost is linear in the text (a check
that looked back over the whole prefix for each match made 40 KB cost seconds). A date that cannot
exist (31.02, 7.12.10000, 32.12, «i mars 12345») comes back `invalid`, never as an error.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from language.date_patterns import (
    BESIDE,
    CLOCK_BEFORE,
    CLOCK_WINDOW,
    COUNTS,
    DAY_MONTH,
    IN_DAYS,
    IN_MONTH,
    IN_TEXT_MONTH,
    ISO,
    MAX_DATES,
    MAX_YEAR,
    MONTH_HINT,
    NEXT_MEETING,
    NUMERIC,
    ORDINALS,
    RELATIVE,
    RELATIVE_DAYS,
    WEEKDAY,
    WEEKDAY_IN_MONTH,
    WEEKDAYS,
)
from language.months import MONTHS

DateKind = Literal["day", "month", "next_meeting"]


@dataclass(frozen=True)
class DateQuery:
    """What a date expression asked for: a day, a month, or «neste møte»; `invalid` for «31.02»."""

    kind: DateKind
    matched: str  # the substring understood, as written
    day: dt.date | None = None
    month: tuple[int, int] | None = None  # (year, month)
    invalid: str | None = None  # a day.month that does not exist; `day` is then None


# Candidates of higher rank win; among equals the leftmost. A date written out beats a weekday.
_EXPLICIT, _RELATIVE, _WEEKDAY, _MONTH, _NEXT = range(5)
Found = tuple[int, int, DateQuery]  # (start, end, what)


def parse_date_expression(text: str, *, today: dt.date) -> DateQuery | None:
    """The date expression in `text`, read as Norwegian with future dates preferred; None if none."""
    found = _candidates(text, today, limit=1)  # the leftmost of each kind is all the choice needs
    if found:
        return min(found, key=lambda item: (item[0], item[1]))[3]
    return _dateparser_fallback(text, today)


def find_dates(text: str, *, today: dt.date, fallback: bool = True) -> list[DateQuery]:
    """Every date expression in `text`, left to right («23.11 og 7.12» → two days); overlapping
    expressions keep the one of higher rank (the date in «torsdag 23/11»)."""
    kept: list[tuple[int, int, int, DateQuery]] = []
    for item in sorted(_candidates(text, today, limit=MAX_DATES), key=lambda item: (item[1], item[0])):
        if kept and item[1] < kept[-1][2]:  # overlaps the last one kept: the higher rank stays
            if item[0] < kept[-1][0]:
                kept[-1] = item
            continue
        kept.append(item)
    if not kept:
        found = _dateparser_fallback(text, today) if fallback else None
        return [found] if found else []
    return [item[3] for item in kept[:MAX_DATES]]


def _candidates(text: str, today: dt.date, *, limit: int) -> list[tuple[int, int, int, DateQuery]]:
    """(rank, start, end, what): at most `limit` of each kind, the leftmost.

    A pattern runs only when the text holds a word it needs (every weekday ends in «dag», every
    month starts with one of twelve syllables): most messages then cost a few substring tests.
    """
    lowered = text.lower()
    has_weekday, has_month = "dag" in lowered, MONTH_HINT.search(lowered) is not None
    explicit = _explicit(text, today, limit, has_month=has_month)
    if has_weekday and has_month:
        explicit += _weekday_in_month(text, today, limit)
    found = [(_EXPLICIT, s, e, q) for s, e, q in explicit]
    spans = sorted((s, e) for s, e, _ in explicit)
    for rank, items in (
        (_RELATIVE, _relative(text, today, limit)),
        (_WEEKDAY, _weekday(text, today, spans, limit) if has_weekday else []),
        (_MONTH, _in_month(text, today, limit) if has_month else []),
        (_NEXT, _next_meeting(text, limit) if "møte" in lowered else []),
    ):
        found.extend((rank, s, e, q) for s, e, q in items)
    return found


def _explicit(text: str, today: dt.date, limit: int, *, has_month: bool) -> list[Found]:
    """«07.12.2017», «7.12», «7.12.17», «7/12», «15. mars», «15 mars 2018», «2017-12-07»."""
    out: list[Found] = []
    base = len(out)
    for m in ISO.finditer(text) if "-" in text else ():
        out.append((m.start(), m.end(), _day(int(m[1]), int(m[2]), int(m[3]), m[0])))
        if len(out) - base >= limit:
            break
    base = len(out)
    for m in NUMERIC.finditer(text):
        if CLOCK_BEFORE.search(text, max(0, m.start() - CLOCK_WINDOW), m.start()):
            continue  # «kl.  10.12» (the pattern itself skips the usual spellings): a time
        day, month = int(m[1]), int(m[3])
        if not 1 <= month <= 12 and m[2] == "." and not m[4]:
            continue  # «09.00», «2.15»: a time or a number, not a date at all
        if m[4] and len(m[4]) not in (2, 4) and len(m[4]) < 5:
            continue  # «1.2.345»: not a year
        year = _full_year(m[4]) if m[4] else _future_year(day, month, today)
        out.append((m.start(), m.end(), _day(year, month, day, m[0])))
        if len(out) - base >= limit:
            break
    base = len(out)
    for m in DAY_MONTH.finditer(text) if has_month else ():
        day, month = int(m[1]), MONTHS[m[2].lower()]
        year = int(m[3]) if m[3] else _future_year(day, month, today)
        out.append((m.start(), m.end(), _day(year, month, day, m[0])))
        if len(out) - base >= limit:
            break
    return out


def _relative(text: str, today: dt.date, limit: int) -> list[Found]:
    """«i dag», «i morgen», «i overmorgen» (and nynorsk), «om tre dager», «om to uker»."""
    out: list[Found] = []
    base = len(out)
    lowered = text.lower()
    for m in RELATIVE.finditer(text) if "dag" in lowered or "morg" in lowered else ():
        offset = RELATIVE_DAYS[re.sub(r"\s+", " ", m[1].lower())]
        out.append((m.start(), m.end(), _offset(today, offset, m[0])))
        if len(out) - base >= limit:
            break
    base = len(out)
    for m in IN_DAYS.finditer(text):
        count = int(m[1]) if m[1].isdigit() else COUNTS[m[1].lower()]
        unit = 1 if m[2].lower().startswith("dag") else 7
        out.append((m.start(), m.end(), _offset(today, count * unit, m[0])))
        if len(out) - base >= limit:
            break
    return out


def _weekday(text: str, today: dt.date, spans: list[tuple[int, int]], limit: int) -> list[Found]:
    """«neste torsdag», «på torsdag», «førstkommende fredag»: the first such day after today.

    «torsdag neste uke» is the Thursday of the coming (Monday-based) week. A weekday written next
    to a date (`spans`, sorted) only names that date and is left out.
    """
    out: list[Found] = []
    at = 0
    base = len(out)
    for m in WEEKDAY.finditer(text):
        while at < len(spans) and spans[at][1] <= m.start() - 40:
            at += 1  # spans far behind can be beside no later weekday either
        if any(_beside(text, m.start(2), m.end(), s, e) for s, e in spans[at : at + 4]):
            continue
        weekday = WEEKDAYS[m[2].lower()]
        offset = 7 - today.weekday() + weekday if m[3] else (weekday - today.weekday() - 1) % 7 + 1
        out.append((m.start(), m.end(), _offset(today, offset, m[0])))
        if len(out) - base >= limit:
            break
    return out


def _beside(text: str, start: int, end: int, span_start: int, span_end: int) -> bool:
    """Whether a date at span_start..span_end sits right before or after the weekday at start..end."""
    if span_start >= end:
        return span_start - end <= 8 and bool(BESIDE.match(text[end:span_start]))
    if span_end <= start:
        return start - span_end <= 3 and bool(BESIDE.match(text[span_end:start]))
    return True  # inside one: «første torsdag i desember»


def _weekday_in_month(text: str, today: dt.date, limit: int) -> list[Found]:
    """«første torsdag i desember» (a day), «siste fredag i mai»; «torsdag i desember» is the month."""
    out: list[Found] = []
    base = len(out)
    for m in WEEKDAY_IN_MONTH.finditer(text):
        month = MONTHS[m[3].lower()]
        year = int(m[4]) if m[4] else (today.year if month >= today.month else today.year + 1)
        if year >= MAX_YEAR:
            out.append((m.start(), m.end(), DateQuery("day", m[0], invalid=m[0].strip())))
            if len(out) - base >= limit:
                break
            continue
        weekday, nth = WEEKDAYS[m[2].lower()], ORDINALS[m[1].lower()]
        if nth > 0:
            first = dt.date(year, month, 1)
            day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
        else:
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            day = last - dt.timedelta(days=(last.weekday() - weekday) % 7)
        out.append((m.start(), m.end(), DateQuery("day", m[0], day=day)))  # the 4th is at the latest the 28th
        if len(out) - base >= limit:
            break
    return out


def _in_month(text: str, today: dt.date, limit: int) -> list[Found]:
    """«i desember», «i mars 2018»: this year's month unless it has passed."""
    out: list[Found] = []
    base = len(out)
    for m in IN_MONTH.finditer(text):
        month = MONTHS[m[1].lower()]
        year = int(m[2]) if m[2] else (today.year if month >= today.month else today.year + 1)
        if year > MAX_YEAR:
            out.append((m.start(), m.end(), DateQuery("month", m[0], invalid=m[0].strip())))
            if len(out) - base >= limit:
                break
        else:
            out.append((m.start(), m.end(), DateQuery("month", m[0], month=(year, month))))
            if len(out) - base >= limit:
                break
    return out


def _next_meeting(text: str, limit: int) -> list[Found]:
    """«neste møte», «førstkommende møte», «neste styringsgruppemøte»."""
    found = itertools.islice(NEXT_MEETING.finditer(text), limit)
    return [(m.start(), m.end(), DateQuery("next_meeting", m[0])) for m in found]


def _day(year: int, month: int, day: int, matched: str) -> DateQuery:
    """That day, or `invalid` when it does not exist (31.02, 32.12, 7.13.2017, year 10000)."""
    try:
        return DateQuery("day", matched, day=dt.date(year, month, day))
    except (ValueError, OverflowError):
        return DateQuery("day", matched, invalid=matched.strip())


def _offset(today: dt.date, days: int, matched: str) -> DateQuery:
    try:
        return DateQuery("day", matched, day=today + dt.timedelta(days=days))
    except OverflowError:
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
