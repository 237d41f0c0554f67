"""Documents → database: one transaction per document, upserts by natural keys, a report for each."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from ingest.model import DocumentError, ParsedDocument, ParsedSak, Warning
from ingest.people import Mention, resolve_people
from storage import importing as store
from storage import importing_people as who
from storage import importing_saker as saker_store
from storage import open_items as open_store
from storage import planlines
from storage.clock import OSLO, Clock
from storage.db import unit_of_work

log = logging.getLogger(__name__)

Parser = Callable[[Path], ParsedDocument]

# Codes the loader itself reports (the parser has its own); handlers/texts.py words them.
FILE_NOT_FOUND = "file_not_found"
UNREADABLE = "file_unreadable"
INTERNAL_ERROR = "internal_error"
CHAT_ATTENDANCE_KEPT = "chat_attendance_kept"


@dataclass(frozen=True)
class ImportCounts:
    """What a document brought: meetings named (its own and its plan lines'), saker, and so on."""

    meetings: int = 0
    saker: int = 0
    vedtak: int = 0
    proposals: int = 0
    attendance: int = 0
    plan_lines: int = 0


@dataclass(frozen=True)
class ImportReport:
    """The outcome of importing one file."""

    file_name: str
    ok: bool
    unchanged: bool = False
    error_code: str | None = None
    error_detail: str = ""
    counts: ImportCounts = field(default_factory=ImportCounts)
    warnings: tuple[Warning, ...] = ()
    kind: str | None = None
    body: str | None = None
    date: dt.date | None = None


def _default_parser() -> Parser:
    from ingest.parse import parse_file  # helper-1's module; imported late so tests can stand in

    return parse_file


def import_paths(
    factory: sessionmaker[Session],
    paths: Iterable[Path | str],
    *,
    clock: Clock,
    tz: ZoneInfo = OSLO,
    parse: Parser | None = None,
    progress: Callable[[ImportReport], None] | None = None,
) -> list[ImportReport]:
    """Import each file in its own transaction; a failing file leaves nothing and the rest go in."""
    parser = parse or _default_parser()
    reports = []
    for raw in paths:
        report = import_path(factory, Path(raw), clock=clock, tz=tz, parse=parser)
        reports.append(report)
        if progress is not None:
            progress(report)
    return reports


def import_path(
    factory: sessionmaker[Session], path: Path, *, clock: Clock, tz: ZoneInfo = OSLO, parse: Parser
) -> ImportReport:
    """Import one file in one transaction and report on it; never raises for a bad document."""
    name = path.name
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return ImportReport(name, ok=False, error_code=FILE_NOT_FOUND, error_detail=str(path))
    except OSError as exc:
        return ImportReport(name, ok=False, error_code=UNREADABLE, error_detail=exc.strerror or str(exc))
    digest = hashlib.sha256(content).hexdigest()
    try:
        with unit_of_work(factory) as session:
            return _import(session, path, digest, clock=clock, tz=tz, parse=parse)
    except DocumentError as exc:
        return ImportReport(name, ok=False, error_code=exc.code, error_detail=exc.detail)
    except Exception as exc:
        # Anything else is our bug, not the document's: logged in full, reported briefly.
        log.exception("import of %s failed", path)
        first_line = (str(exc).splitlines() or [""])[0][:200]  # a database error carries its SQL
        return ImportReport(
            name, ok=False, error_code=INTERNAL_ERROR, error_detail=f"{type(exc).__name__}: {first_line}"
        )


def _import(
    session: Session, path: Path, digest: str, *, clock: Clock, tz: ZoneInfo, parse: Parser
) -> ImportReport:
    old = store.find_document(session, file_name=path.name)
    if old is not None and old.content_hash == digest:
        return ImportReport(path.name, ok=True, unchanged=True, kind=old.kind, date=old.doc_date)
    parsed = parse(path)
    windows: list[planlines.Window | None] = []
    left: frozenset[int] = frozenset()
    if old is not None:
        forgotten = store.forget_document(session, document=old)
        left = forgotten.meeting_ids
        windows.append(forgotten.plan_window)
        windows.extend((d, d) for d in forgotten.dates)
    plan_dates = [p.date for p in parsed.plan]
    document = store.save_document(
        session,
        existing=old,
        values={
            "file_name": path.name,
            "content_hash": digest,
            "kind": parsed.kind,
            "doc_date": parsed.date,
            "plan_start": min(plan_dates, default=None),
            "plan_end": max(plan_dates, default=None),
            "warnings": [f"{w.line}:{w.code}:{w.detail}" for w in parsed.warnings],
            "imported_at": clock(),
        },
    )
    bodies = store.ensure_bodies(session, names=[parsed.body, *(p.body for p in parsed.plan)])
    meeting = store.meeting_on(session, body_id=bodies[parsed.body], date=parsed.date)
    store.record_meeting_facts(
        session,
        meeting=meeting,
        document=document,
        starts_at=_aware(parsed.date, parsed.start, tz),
        ends_at=_aware(parsed.date, parsed.end, tz),
        location=parsed.location,
    )
    warnings = list(parsed.warnings)
    if parsed.attendance:
        warnings.extend(_write_attendance(session, parsed, meeting))
    _write_saker(session, parsed, meeting, document)
    store.settle_meetings(session, meeting_ids=left - {meeting.id})

    entries = [planlines.PlanEntryIn(bodies[p.body], p.date, p.line, p.raw) for p in parsed.plan]
    planlines.put_plan_entries(session, document_id=document.id, entries=entries)
    if document.plan_start is not None and document.plan_end is not None:
        windows.append((document.plan_start, document.plan_end))
    planlines.refresh_planned_meetings(session, windows=windows)
    return ImportReport(
        path.name,
        ok=True,
        counts=_counts(parsed),
        warnings=tuple(warnings),
        kind=parsed.kind,
        body=parsed.body,
        date=parsed.date,
    )


def _aware(day: dt.date, time: dt.time | None, tz: ZoneInfo) -> dt.datetime | None:
    """A local wall-clock time on `day` as an aware UTC datetime."""
    if time is None:
        return None
    return dt.datetime.combine(day, time, tzinfo=tz).astimezone(dt.UTC)


def _write_attendance(session: Session, parsed: ParsedDocument, meeting: store.MeetingRow) -> list[Warning]:
    mentions = [Mention(a.name, a.organisation) for a in parsed.attendance]
    mentions += [Mention(a.substitute_for, a.organisation) for a in parsed.attendance if a.substitute_for]
    people = resolve_people(session, mentions=mentions)
    rows: dict[int, who.AttendanceIn] = {}
    roles: dict[int, str] = {}
    for position, line in enumerate(parsed.attendance):
        person_id = people[line.name]
        substitute_for = people[line.substitute_for] if line.substitute_for else None
        earlier = rows.get(person_id)
        if earlier is not None:
            # Named twice (in the list, then as chair under «Møteledelse»): the first line stands
            # and takes the role.
            if line.role and not earlier.role:
                rows[person_id] = replace(earlier, role=line.role)
        else:
            rows[person_id] = who.AttendanceIn(
                person_id=person_id,
                status=line.status,
                position=position,
                substitute_for_id=substitute_for,
                role=line.role,
            )
        # A vara is not a member; the member they stood in for is.
        if line.status == "secretariat":
            _raise_role(roles, person_id, "secretariat")
        elif substitute_for is not None:
            _raise_role(roles, substitute_for, "member")
        else:
            _raise_role(roles, person_id, "chair" if line.role == "chair" else "member")
    kept = who.put_minutes_attendance(
        session, meeting_id=meeting.id, rows=list(rows.values()), new_meeting=meeting.new
    )
    who.grant_memberships(session, body_id=meeting.body_id, roles=roles)
    names = {person_id: name for name, person_id in people.items()}
    return [Warning(0, CHAT_ATTENDANCE_KEPT, names[person_id]) for person_id in kept]


def _raise_role(roles: dict[int, str], person_id: int, role: str) -> None:
    if who.MEMBERSHIP_RANK[role] > who.MEMBERSHIP_RANK.get(roles.get(person_id, ""), 0):
        roles[person_id] = role


def _write_saker(
    session: Session, parsed: ParsedDocument, meeting: store.MeetingRow, document: store.DocumentRow
) -> None:
    titles: dict[tuple[int, int], str] = {}
    for sak in parsed.saker:
        titles.setdefault((sak.number, sak.year), sak.title)
    saker, known = saker_store.ensure_saker(
        session, body_id=meeting.body_id, titles=titles, rank=document.rank
    )
    # Saker or a meeting created just now cannot have a treatment yet.
    existing = {}
    if not meeting.new:
        existing = saker_store.treatments_at(
            session, meeting_id=meeting.id, sak_ids=[i for i in saker.values() if i in known]
        )
    new: dict[int, dict[str, Any]] = {}
    for position, sak in enumerate(parsed.saker):
        sak_id = saker[(sak.number, sak.year)]
        if sak_id in new:
            continue  # the same sak twice in one document: the first stands
        row = _write_sak(
            session,
            sak,
            sak_id=sak_id,
            meeting=meeting,
            document=document,
            position=position,
            existing=existing.get(sak_id),
        )
        if row is not None:
            new[sak_id] = row
    saker_store.insert_treatments(session, rows=list(new.values()))
    open_store.refresh_meeting(session, meeting_id=meeting.id)


def _write_sak(
    session: Session,
    sak: ParsedSak,
    *,
    sak_id: int,
    meeting: store.MeetingRow,
    document: store.DocumentRow,
    position: int,
    existing: saker_store.TreatmentRow | None,
) -> dict[str, Any] | None:
    return saker_store.put_treatment(
        session,
        existing=existing,
        sak_id=sak_id,
        meeting_id=meeting.id,
        document=document,
        position=position,
        text=sak.text,
        proposal=sak.proposal,
        vedtak=sak.vedtak,
    )


def _counts(parsed: ParsedDocument) -> ImportCounts:
    named = {(parsed.body, parsed.date)} | {(p.body, p.date) for p in parsed.plan}
    return ImportCounts(
        meetings=len(named),
        saker=len(parsed.saker),
        vedtak=sum(1 for s in parsed.saker if s.vedtak),
        proposals=sum(1 for s in parsed.saker if s.proposal),
        attendance=len({a.name for a in parsed.attendance}),
        plan_lines=len(parsed.plan),
    )
