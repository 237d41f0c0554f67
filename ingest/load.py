"""Documents → database: one transaction per document, upserts by natural keys, a report for each."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from ingest.model import DocumentError, ParsedDocument, ParsedSak, Warning
from ingest.people import Mention, resolve_people
from storage import importing as store
from storage import planlines
from storage.clock import OSLO, Clock
from storage.db import unit_of_work
from storage.models import Body, Document, Meeting, Treatment

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
        return ImportReport(
            name, ok=False, error_code=INTERNAL_ERROR, error_detail=f"{type(exc).__name__}: {exc}"
        )


def _import(
    session: Session, path: Path, digest: str, *, clock: Clock, tz: ZoneInfo, parse: Parser
) -> ImportReport:
    document = store.find_document(session, file_name=path.name)
    if document is not None and document.content_hash == digest:
        return ImportReport(path.name, ok=True, unchanged=True, kind=document.kind, date=document.doc_date)
    parsed = parse(path)
    windows: list[planlines.Window | None] = []
    left: frozenset[int] = frozenset()
    if document is None:
        document = Document(file_name=path.name)
        session.add(document)
    else:
        forgotten = store.forget_document(session, document=document)
        left = forgotten.meeting_ids
        windows.append(forgotten.plan_window)
        windows.extend((d, d) for d in forgotten.dates)
    document.content_hash = digest
    document.kind = parsed.kind
    document.doc_date = parsed.date
    document.warnings = [f"{w.line}:{w.code}:{w.detail}" for w in parsed.warnings]
    document.imported_at = clock()
    session.flush()

    bodies = store.ensure_bodies(session, names=[parsed.body, *(p.body for p in parsed.plan)])
    meeting = store.meeting_on(session, body_id=bodies[parsed.body].id, date=parsed.date)
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
        warnings.extend(_write_attendance(session, parsed, meeting, bodies[parsed.body]))
    _write_saker(session, parsed, meeting, document)
    store.settle_meetings(session, meeting_ids=left - {meeting.id})

    entries = [planlines.PlanEntryIn(bodies[p.body].id, p.date, p.line, p.raw) for p in parsed.plan]
    planlines.put_plan_entries(session, document=document, entries=entries)
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


def _write_attendance(
    session: Session, parsed: ParsedDocument, meeting: Meeting, body: Body
) -> list[Warning]:
    mentions = [Mention(a.name, a.organisation) for a in parsed.attendance]
    mentions += [Mention(a.substitute_for, a.organisation) for a in parsed.attendance if a.substitute_for]
    people = resolve_people(session, mentions=mentions)
    rows: dict[int, store.AttendanceIn] = {}
    roles: dict[int, str] = {}
    for position, line in enumerate(parsed.attendance):
        person = people[line.name]
        substitute_for = people[line.substitute_for] if line.substitute_for else None
        earlier = rows.get(person.id)
        if earlier is not None:
            # Named twice (in the list, then as chair under «Møteledelse»): the first line stands
            # and takes the role.
            if line.role and not earlier.role:
                rows[person.id] = replace(earlier, role=line.role)
        else:
            rows[person.id] = store.AttendanceIn(
                person_id=person.id,
                status=line.status,
                position=position,
                substitute_for_id=substitute_for.id if substitute_for else None,
                role=line.role,
            )
        # A vara is not a member; the member they stood in for is.
        if line.status == "secretariat":
            _raise_role(roles, person.id, "secretariat")
        elif substitute_for is not None:
            _raise_role(roles, substitute_for.id, "member")
        else:
            _raise_role(roles, person.id, "chair" if line.role == "chair" else "member")
    session.flush()
    kept = store.put_minutes_attendance(session, meeting_id=meeting.id, rows=list(rows.values()))
    store.grant_memberships(session, body_id=body.id, roles=roles)
    by_id = {p.id: p.name for p in people.values()}
    return [Warning(0, CHAT_ATTENDANCE_KEPT, by_id[person_id]) for person_id in kept]


def _raise_role(roles: dict[int, str], person_id: int, role: str) -> None:
    if store.MEMBERSHIP_RANK[role] > store.MEMBERSHIP_RANK.get(roles.get(person_id, ""), 0):
        roles[person_id] = role


def _write_saker(session: Session, parsed: ParsedDocument, meeting: Meeting, document: Document) -> None:
    titles: dict[tuple[int, int], str] = {}
    for sak in parsed.saker:
        titles.setdefault((sak.number, sak.year), sak.title)
    saker = store.ensure_saker(
        session, body_id=meeting.body_id, titles=titles, rank=store.document_rank(document)
    )
    existing = store.treatments_at(session, meeting_id=meeting.id, sak_ids=[s.id for s in saker.values()])
    ranks = store.treatment_ranks(session, treatments=existing.values())
    for position, sak in enumerate(parsed.saker):
        row = saker[(sak.number, sak.year)]
        old = existing.get(row.id)
        existing[row.id] = _write_sak(
            session,
            sak,
            sak_id=row.id,
            meeting=meeting,
            document=document,
            position=position,
            existing=old,
            existing_rank=ranks.get(old.id) if old is not None else None,
        )


def _write_sak(
    session: Session,
    sak: ParsedSak,
    *,
    sak_id: int,
    meeting: Meeting,
    document: Document,
    position: int,
    existing: Treatment | None,
    existing_rank: store.Rank | None,
) -> Treatment:
    return store.put_treatment(
        session,
        existing=existing,
        existing_rank=existing_rank,
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
