"""`motebot plan import FILE`: a møteplan from an .ics or .csv file, all or nothing.

The whole file is read and checked first; any problem is reported with its line number and
nothing is written. Then every row goes in within one transaction, as if typed with `plan add`
(or `plan cancel` for a row marked cancelled).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from handlers import secretariat_texts, texts
from handlers.plan_files import PlanRow, Problem, read_csv
from handlers.plan_ics import read_ics
from handlers.plan_input import resolve_body, times_on
from handlers.services import Services
from handlers.types import BadInput, DomainError, Reply, Text
from language.folding import fold
from storage import plan as store
from storage.db import unit_of_work

MAX_PROBLEMS_SHOWN = 20


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    cancelled: int = 0
    unchanged: int = 0
    past: int = 0
    held: int = 0


def import_plan(services: Services, *, path: Path, body: str | None = None) -> Reply:
    """Read, check and store a plan file; a refusal lists every bad line and changes nothing."""
    suffix = path.suffix.lower()
    if suffix not in (".ics", ".csv"):
        raise BadInput(secretariat_texts.IMPORT_PLAN_BAD_TYPE.format(name=path.name))
    try:
        raw = path.read_bytes()
    except OSError:
        raise BadInput(secretariat_texts.IMPORT_PLAN_UNREADABLE.format(name=path.name)) from None
    with unit_of_work(services.factory) as session:
        names = store.body_names(session)
        forced = resolve_body(session, body).name if body is not None else None
        reader = read_ics if suffix == ".ics" else read_csv
        rows, problems = reader(raw, bodies=names, forced_body=forced, tz=services.tz)
        problems += _check_times(rows, services)
        if not rows and not problems:
            problems.append(Problem(1, secretariat_texts.IMPORT_PLAN_EMPTY))
        if problems:
            raise BadInput(_refusal(path.name, problems))
        tally = _apply(session, rows, services)
    line = secretariat_texts.IMPORT_PLAN_DONE.format(
        name=path.name, created=tally.created, updated=tally.updated, cancelled=tally.cancelled,
        unchanged=tally.unchanged,
    )  # fmt: skip
    extra = []
    if tally.past:
        extra.append(Text(secretariat_texts.IMPORT_PLAN_SKIPPED_PAST.format(count=tally.past)))
    if tally.held:
        extra.append(Text(secretariat_texts.IMPORT_PLAN_SKIPPED_HELD.format(count=tally.held)))
    return Reply((Text(line), *extra), fallback=line)


def _check_times(rows: list[PlanRow], services: Services) -> list[Problem]:
    """Times that do not exist on their day (the spring change) are refused with their line."""
    problems = []
    for row in rows:
        if row.start is None:
            continue
        span = row.start.strftime("%H:%M") + (f"-{row.end.strftime('%H:%M')}" if row.end else "")
        try:
            times_on(row.date, span, services.tz)
        except DomainError as exc:
            problems.append(Problem(row.line, exc.message))
    return problems


def _refusal(name: str, problems: list[Problem]) -> str:
    ordered = sorted(problems, key=lambda p: p.line)
    lines = [secretariat_texts.IMPORT_PLAN_FAILED.format(name=name)]
    lines += [
        secretariat_texts.IMPORT_PLAN_LINE.format(line=p.line, problem=p.text)
        for p in ordered[:MAX_PROBLEMS_SHOWN]
    ]
    if len(ordered) > MAX_PROBLEMS_SHOWN:
        lines.append(texts.MORE_ITEMS.format(count=len(ordered) - MAX_PROBLEMS_SHOWN))
    return "\n".join(lines)


def _apply(session: Session, rows: list[PlanRow], services: Services) -> Tally:
    now = services.clock()
    today = now.astimezone(services.tz).date()
    by_fold = {fold(name): name for name in store.body_names(session)}
    tally = Tally()
    for row in rows:
        if row.date < today:
            tally.past += 1
            continue
        body = store.body_named(session, name=by_fold.get(fold(row.body), row.body))
        assert body is not None  # checked by the reader
        meeting = store.meeting_on(session, body_id=body.id, date=row.date)
        if meeting is not None and meeting.status == "held":
            tally.held += 1
            continue
        if row.cancelled:
            if meeting is None or meeting.status == "cancelled":
                tally.unchanged += 1
            else:
                store.cancel_meeting(session, meeting=meeting, now=now)
                tally.cancelled += 1
            continue
        span = None
        if row.start is not None:
            span = row.start.strftime("%H:%M") + (f"-{row.end.strftime('%H:%M')}" if row.end else "")
        times = times_on(row.date, span, services.tz)
        slot = store.Slot(row.date, times.starts_at, times.ends_at, row.place)
        meeting, change = store.put_meeting(session, body=body, slot=slot)
        store.queue_due_reminders(session, meeting=meeting, now=now, tz=services.tz)
        if change == "unchanged":
            tally.unchanged += 1
        elif change == "created":
            tally.created += 1
        else:
            tally.updated += 1
    return tally
