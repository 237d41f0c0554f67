"""Meeting-plan lines inside a document: «23. nov: Rådmannsgruppen», «15.3: Styringsgruppen – ordinært møte».

A plan line starts with a day and month (no year) and a colon; the year is inferred from the
document's own date. A line right after a plan line may drop the colon («14.6  Generalforsamling»).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.bodies import body_at_start
from ingest.model import PlanLine, Warning
from ingest.text import MONTH_NAME, MONTHS, Line, ends_sentence

W_PLAN_WITHOUT_BODY = "plan_line_without_body"
W_PLAN_BAD_DATE = "plan_line_bad_date"

_NUMERIC = r"(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})(?:\.(?P<year>\d{4}))?\.?"
_WORDED = rf"(?P<wday>\d{{1,2}})\.?\s*(?P<wmonth>{MONTH_NAME})\.?"
_STRICT = re.compile(rf"^(?:{_NUMERIC}|{_WORDED})\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
_LOOSE = re.compile(rf"^(?:{_NUMERIC}|{_WORDED})\s+(?P<rest>[^\s\-–—:].*)$", re.IGNORECASE)
# A møteplan table row: «06.02 – Bystyret», «13.03.2019 - Formannskapet» (a letter after the dash,
# so «16.3 – 30.5: …», a period, is not one).
_DASHED = re.compile(rf"^(?:{_NUMERIC}|{_WORDED})\s*[–—-]\s*(?P<rest>[A-ZÆØÅ].*)$")
# «Neste møte er 17. oktober», «Neste møte: 12.03.2020 kl. 10», «Neste møte vert tysdag 3. desember».
_NEXT = re.compile(
    r"^(?:[-–•*]\s*)?neste\s+møte(?:\s+(?:er|blir|vert|blei|holdes|er\s+satt\s+til))?\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# «Møteplan 2019: 6.2, 13.3, 8.5 og 12.6», «Møteplan for 2020: 5. februar, 11. mars», «Møtedatoar 2019: …».
_LISTED = re.compile(
    r"^(?:møteplan|møtedatoer|møtedatoar|møtedagar|møtedager)(?:\s+for)?(?:\s+(?P<year>\d{4}))?"
    r"(?:\s+(?:[\wæøå.]+\s+){0,3}?)?\s*:\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_DAY_MONTH = re.compile(
    rf"(?<![\d.])(?:(?P<day>\d{{1,2}})\.\s?(?P<month>\d{{1,2}})(?:\.(?P<year>\d{{4}}))?(?![\d])"
    rf"|(?P<wday>\d{{1,2}})\.?\s*(?P<wmonth>{MONTH_NAME})\.?(?:\s+(?P<wyear>\d{{4}}))?)",
    re.IGNORECASE,
)
# «Sept: …», «Okt-nov: …»: schedule items without a day; not plan lines, but list items.
_MONTH_ITEM = re.compile(rf"^{MONTH_NAME}\w*(?:\s*[-–]\s*{MONTH_NAME}\w*)?\.?\s*:\s*\S", re.IGNORECASE)


@dataclass(frozen=True)
class PlanMatch:
    """A line that starts with a day and month: what it says after the date."""

    day: int
    month: int
    year: int | None
    rest: str


def match_plan(text: str, *, after_plan_line: bool = False) -> PlanMatch | None:
    """The date and text of a plan line; the colon may be missing only right after another plan line."""
    if not text[:1].isdigit():
        return None
    match = _STRICT.match(text) or _DASHED.match(text)
    if match is None and after_plan_line:
        match = _LOOSE.match(text)
    if match is None:
        return None
    if match["day"] is not None:
        day, month = int(match["day"]), int(match["month"])
    else:
        day, month = int(match["wday"]), MONTHS[match["wmonth"].lower()]
    year = int(match["year"]) if match["year"] else None
    return PlanMatch(day, month, year, match["rest"].strip())


def is_schedule_item(text: str) -> bool:
    """«Sept: Gjennomføre spørreundersøkelse», «Okt-nov: Drøfting»: a month-labelled list item."""
    return ":" in text[:24] and bool(_MONTH_ITEM.match(text))


def plan_matches(lines: Sequence[Line]) -> dict[int, PlanMatch]:
    """Plan lines among the lines, by line number.

    A date at the start of a line is a plan line only where a new line of text can begin: after a
    blank line, after a full sentence, or after another plan or schedule line. A PDF that wraps
    «… til behandling i Styringsgruppen 15.3.2018: …» does not make a plan line of it.
    """
    found: dict[int, PlanMatch] = {}
    previous: str | None = None
    blank = True
    after_plan = False
    for line in lines:
        if line.blank:
            blank = True
            continue
        fresh = (
            blank or previous is None or after_plan or ends_sentence(previous) or is_schedule_item(previous)
        )
        # A møteplan row «09.02 – Bystyret» is a plan line wherever it stands (a table has no sentences).
        strong = _DASHED.match(line.text) is not None
        match = match_plan(line.text, after_plan_line=after_plan) if fresh or strong else None
        if match is not None:
            found[line.no] = match
        after_plan = match is not None
        previous, blank = line.text, False
    return found


def parse_plan(
    lines: Sequence[Line], *, document_date: dt.date, known: Sequence[str] = ()
) -> tuple[tuple[PlanLine, ...], tuple[Warning, ...]]:
    """Plan lines with their years inferred from the document's date, and warnings for unusable ones.

    The first date is the first such day on or after the document's date; later lines are read as
    chronological, so a date before the previous line's rolls into the next year.
    """
    plan: list[PlanLine] = []
    warnings: list[Warning] = []
    previous: dt.date | None = None
    by_no = {line.no: line for line in lines}
    for no, found in plan_matches(lines).items():
        text = by_no[no].text
        date = _infer(found, document_date, previous)
        if date is None:
            warnings.append(Warning(no, W_PLAN_BAD_DATE, text))
            continue
        previous = date
        body = body_at_start(found.rest, known=known)
        if body is None:
            warnings.append(Warning(no, W_PLAN_WITHOUT_BODY, text))
            continue
        plan.append(PlanLine(body=body, date=date, line=no, raw=text))
    if known:
        seen = {(p.body, p.date) for p in plan}
        for line in spoken_plan(lines, document_date=document_date, body=known[0]):
            if (line.body, line.date) not in seen:
                seen.add((line.body, line.date))
                plan.append(line)
    return tuple(plan), tuple(warnings)


def spoken_plan(lines: Sequence[Line], *, document_date: dt.date, body: str) -> list[PlanLine]:
    """The document's own body's coming meetings named in a sentence or a list: «Neste møte er 17.
    oktober», «Møteplan 2019: 6.2, 13.3 og 8.5»."""
    out: list[PlanLine] = []
    for line in lines:
        text = line.text
        if not text or text[0].isdigit():
            continue
        nxt = _NEXT.match(text)
        listed = _LISTED.match(text) if nxt is None else None
        if nxt is None and listed is None:
            continue
        rest = (nxt or listed)["rest"]  # type: ignore[index]
        year = int(listed["year"]) if listed is not None and listed["year"] else None
        previous: dt.date | None = None
        for found in _DAY_MONTH.finditer(rest):
            if found["day"] is not None:
                day, month, given = int(found["day"]), int(found["month"]), found["year"]
            else:
                day, month, given = int(found["wday"]), MONTHS[found["wmonth"].lower()], found["wyear"]
            match = PlanMatch(day, month, int(given) if given else year, "")
            floor = previous or (dt.date(year, 1, 1) if year else document_date)
            date = _infer(match, floor, None)
            if date is None or date < document_date:
                continue
            previous = date
            out.append(PlanLine(body=body, date=date, line=line.no, raw=text))
            if nxt is not None:
                break  # «Neste møte …»: one date
    return out


def _infer(found: PlanMatch, document_date: dt.date, previous: dt.date | None) -> dt.date | None:
    if found.year is not None:
        return _date(found.year, found.month, found.day)
    floor = previous or document_date
    date = _date(floor.year, found.month, found.day)
    if date is None:
        # 29.2 in a year without it: try the next year before giving up
        return _date(floor.year + 1, found.month, found.day)
    if date < floor:
        return _date(floor.year + 1, found.month, found.day)
    return date


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
