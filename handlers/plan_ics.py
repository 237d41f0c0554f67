"""Reading a møteplan .ics file into rows, with every problem tied to its line number."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar

from handlers import secretariat_texts, texts
from handlers.plan_files import PlanRow, Problem, Result, decode, dedupe, match_body
from language.folding import body_stem, fold
from storage.clock import OSLO

_CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+[;:]")


@dataclass
class _Outline:
    """Where each VEVENT and each of its properties starts in the file (after unfolding)."""

    events: list[tuple[int, dict[str, int]]]


def _outline(text: str) -> tuple[_Outline, list[Problem]]:
    """Check the line syntax and BEGIN/END nesting line by line (the parser would only guess)."""
    logical: list[tuple[int, str]] = []
    for number, physical in enumerate(text.splitlines(), start=1):
        if physical[:1] in (" ", "\t") and logical:
            logical[-1] = (logical[-1][0], logical[-1][1] + physical[1:])
        elif physical.strip():
            logical.append((number, physical))
    outline = _Outline(events=[])
    stack: list[tuple[str, int]] = []
    for number, content in logical:
        if not _CONTENT_LINE.match(content):
            return outline, [
                Problem(number, secretariat_texts.IMPORT_PLAN_ICS_SYNTAX.format(text=content[:60]))
            ]
        name, _, value = content.partition(":")
        name = name.split(";")[0].upper()
        if not stack and (name, value.strip().upper()) != ("BEGIN", "VCALENDAR"):
            return outline, [Problem(number, secretariat_texts.IMPORT_PLAN_ICS_NO_CALENDAR)]
        if name == "BEGIN":
            stack.append((value.strip().upper(), number))
            if stack[-1][0] == "VEVENT":
                outline.events.append((number, {}))
        elif name == "END":
            closing = value.strip().upper()
            if stack and stack[-1][0] != closing and any(n == closing for n, _ in stack):
                # «END:VCALENDAR» while a VEVENT is open: the fault is the BEGIN never closed.
                name, opened = stack[-1]
                return outline, [
                    Problem(opened, secretariat_texts.IMPORT_PLAN_ICS_UNCLOSED.format(name=name))
                ]
            if not stack or stack[-1][0] != closing:
                return outline, [
                    Problem(number, secretariat_texts.IMPORT_PLAN_ICS_UNOPENED.format(name=value.strip()))
                ]
            stack.pop()
        elif stack and stack[-1][0] == "VEVENT":
            outline.events[-1][1].setdefault(name, number)
    if stack:
        name, number = stack[-1]
        return outline, [Problem(number, secretariat_texts.IMPORT_PLAN_ICS_UNCLOSED.format(name=name))]
    return outline, []


def read_ics(
    raw: bytes, *, bodies: Sequence[str], forced_body: str | None = None, tz: ZoneInfo | None = None
) -> Result:
    """Every VEVENT; the body from --body, X-MOTEBOT-BODY, CATEGORIES or SUMMARY, in that order."""
    text, problems = decode(raw)
    if text is None:
        return [], problems
    outline, problems = _outline(text)
    if problems:
        return [], problems
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as exc:
        return [], [Problem(1, secretariat_texts.IMPORT_PLAN_ICS_SYNTAX.format(text=str(exc)[:80]))]
    rows: list[PlanRow] = []
    events = list(calendar.walk("VEVENT"))
    for (start_line, props), event in zip(outline.events, events, strict=False):
        row = _ics_row(event, start_line, props, bodies, forced_body, problems, tz)
        if row is not None:
            rows.append(row)
    return dedupe(rows, problems), problems


def _ics_row(
    event: Any,
    line: int,
    props: dict[str, int],
    bodies: Sequence[str],
    forced: str | None,
    problems: list[Problem],
    tz: ZoneInfo | None,
) -> PlanRow | None:
    for name, message in event.errors:
        where = props.get((name or "").upper(), line)
        problems.append(
            Problem(
                where, secretariat_texts.IMPORT_PLAN_ICS_BAD_VALUE.format(name=name or "?", problem=message)
            )
        )
    if event.errors:
        return None
    if "DTSTART" not in event:
        problems.append(Problem(line, secretariat_texts.IMPORT_PLAN_ICS_NO_START))
        return None
    if "RRULE" in event:
        problems.append(Problem(props.get("RRULE", line), secretariat_texts.IMPORT_PLAN_ICS_RRULE))
        return None
    summary = str(event.get("SUMMARY", ""))
    body = forced or _ics_body(event, summary, bodies)
    if body is None:
        problems.append(
            Problem(
                props.get("SUMMARY", line), secretariat_texts.IMPORT_PLAN_ICS_NO_BODY.format(summary=summary)
            )
        )
        return None
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND") if "DTEND" in event else None
    if end is None and "DURATION" in event:
        end = start + event.decoded("DURATION")
    cancelled = str(event.get("STATUS", "")).upper() == "CANCELLED"
    place = str(event.get("LOCATION", "")).strip() or None
    if not isinstance(start, dt.datetime):  # an all-day event
        if isinstance(end, dt.date) and not isinstance(end, dt.datetime) and (end - start).days > 1:
            problems.append(Problem(props.get("DTEND", line), secretariat_texts.IMPORT_PLAN_ICS_MULTIDAY))
            return None
        return PlanRow(line, body, start, None, None, place, cancelled)
    local_start = _local(start, tz)
    local_end = _local(end, tz) if isinstance(end, dt.datetime) else None
    if local_end is not None and local_end <= local_start:
        shown = {"start": texts.clock(local_start.time()), "end": texts.clock(local_end.time())}
        problems.append(
            Problem(props.get("DTEND", line), secretariat_texts.PLAN_END_BEFORE_START.format(**shown))
        )
        return None
    if local_end is not None and local_end.date() != local_start.date():
        problems.append(Problem(props.get("DTEND", line), secretariat_texts.IMPORT_PLAN_ICS_MULTIDAY))
        return None
    end_time = local_end.time() if local_end else None
    return PlanRow(line, body, local_start.date(), local_start.time(), end_time, place, cancelled)


def _local(moment: dt.datetime, tz: ZoneInfo | None) -> dt.datetime:
    """Naive local wall-clock time: a floating time already is; UTC or another zone is converted."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(tz or OSLO).replace(tzinfo=None)


def _ics_body(event: Any, summary: str, bodies: Sequence[str]) -> str | None:
    explicit = event.get("X-MOTEBOT-BODY")
    if explicit is not None:
        return match_body(str(explicit), bodies)
    categories = event.get("CATEGORIES")
    for group in categories if isinstance(categories, list) else [categories] if categories else []:
        for name in getattr(group, "cats", []):
            found = match_body(str(name), bodies)
            if found:
                return found
    # «Styringsgruppemøte», «Møte i Styringsgruppen»: the body's stem anywhere a word starts.
    folded = fold(summary)
    hits = [b for b in bodies if re.search(rf"(?<![a-z]){re.escape(body_stem(b))}", folded)]
    return max(hits, key=len) if hits else None
