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

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ingest.model import DocumentError, ParsedDocument, ParsedSak, Warning
from ingest.people import Mention, resolve_people
from storage import importing as store
from storage import importing_people as who
from storage import importing_saker as saker_store
from storage import open_items as open_store
from storage import planlines
from storage.bodies import body_aliases, resolve_bodies
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
class Replaced:
    """An earlier document this one takes the place of (same kind, body and meeting), and what it held."""

    file_name: str
    kind: str
    meetings: tuple[store.DocumentMeeting, ...]


@dataclass(frozen=True)
class Agenda:
    """The saksliste against what was read: listed saker, those read with a vedtak, those without."""

    listed: tuple[str, ...] = ()
    with_vedtak: tuple[str, ...] = ()
    without_vedtak: tuple[str, ...] = ()
    unread: tuple[str, ...] = ()  # listed, but no heading of that sak anywhere in the document


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
    new_bodies: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (name, short forms)
    replaced: tuple[Replaced, ...] = ()
    same_file_name: bool = False  # another document of this file name is kept beside this one
    agenda: Agenda = field(default_factory=Agenda)
    start: dt.time | None = None
    end: dt.time | None = None
    location: str | None = None
    present: int = 0
    absent: int = 0
    plan_dates: tuple[tuple[str, dt.date], ...] = ()
    by_other: bool = False  # a concurrent import wrote this very document first
    dry_run: bool = False

    @property
    def held(self) -> bool:
        """Minutes (referat, protokoll): the meeting was held."""
        return self.kind == "referat"

    @property
    def complete(self) -> bool:
        """False when the saksliste names saker that were not read (with a vedtak, for minutes)."""
        return not self.agenda.unread and not (self.held and self.agenda.without_vedtak)


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
    dry_run: bool = False,
) -> list[ImportReport]:
    """Import each file in its own transaction; a failing file leaves nothing and the rest go in."""
    parser = parse or _default_parser()
    reports = []
    for raw in paths:
        report = import_path(factory, Path(raw), clock=clock, tz=tz, parse=parser, dry_run=dry_run)
        reports.append(report)
        if progress is not None:
            progress(report)
    return reports


class _Rollback(Exception):
    """Ends a dry run's transaction after the report is made."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(report.file_name)
        self.report = report


# A concurrent import of the same document (or of one naming the same new body, meeting or sak)
# makes this one hit a unique key or a deadlock; once more sees what the other wrote.
_RETRIES = 3


def import_path(
    factory: sessionmaker[Session],
    path: Path,
    *,
    clock: Clock,
    tz: ZoneInfo = OSLO,
    parse: Parser,
    dry_run: bool = False,
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
    for attempt in range(_RETRIES):
        try:
            with unit_of_work(factory) as session:
                report = _import(session, path, digest, clock=clock, tz=tz, parse=parse)
                if dry_run:
                    raise _Rollback(replace(report, dry_run=True))
            if attempt and report.unchanged:
                return replace(report, by_other=True)
            return report
        except _Rollback as done:
            return done.report
        except DocumentError as exc:
            return ImportReport(name, ok=False, error_code=exc.code, error_detail=exc.detail)
        except (IntegrityError, OperationalError) as exc:
            if attempt + 1 < _RETRIES and _concurrent(exc):
                log.info("import of %s met a concurrent import; trying again", path)
                continue
            return _internal(path, exc)
        except Exception as exc:
            return _internal(path, exc)
    raise AssertionError("unreachable")  # the loop returns


def _concurrent(exc: DBAPIError) -> bool:
    """A unique key taken by another transaction, a deadlock, or SQLite busy: worth one more try."""
    if isinstance(exc, IntegrityError):
        return True
    text = str(exc.orig).lower()
    return "deadlock" in text or "could not serialize" in text or "locked" in text


def _internal(path: Path, exc: Exception) -> ImportReport:
    # Anything else is our bug, not the document's: logged in full, reported briefly.
    log.exception("import of %s failed", path, exc_info=exc)
    first_line = (str(exc).splitlines() or [""])[0][:200]  # a database error carries its SQL
    return ImportReport(
        path.name, ok=False, error_code=INTERNAL_ERROR, error_detail=f"{type(exc).__name__}: {first_line}"
    )


def subject_of(parsed: ParsedDocument, body_id: int) -> str:
    """What a document describes: its kind, body and meeting day, and a case document's saker."""
    subject = f"{parsed.kind}|{body_id}|{parsed.date.isoformat()}"
    if parsed.kind == "saksframlegg":
        subject += "|" + ",".join(f"{s.number}/{s.year}" for s in sorted(parsed.saker, key=_sak_key))
    return subject


def _sak_key(sak: ParsedSak) -> tuple[int, int]:
    return (sak.year, sak.number)


def _import(
    session: Session, path: Path, digest: str, *, clock: Clock, tz: ZoneInfo, parse: Parser
) -> ImportReport:
    same = store.document_with_content(session, content_hash=digest)
    if same is not None:
        return ImportReport(path.name, ok=True, unchanged=True, kind=same.kind, date=same.doc_date)
    parsed = parse(path)
    bodies = resolve_bodies(session, names=[parsed.body, *(p.body for p in parsed.plan)])
    body = bodies[parsed.body]
    subject = subject_of(parsed, body.id)
    old = store.document_about(session, subject=subject)
    replaced: list[Replaced] = []
    same_file_name = store.file_name_used(session, file_name=path.name) and (
        old is None or old.file_name != path.name
    )
    windows: list[planlines.Window | None] = []
    left: frozenset[int] = frozenset()
    if old is not None:
        # Said before anything is changed: the report lists what the earlier version held.
        held = tuple(store.meetings_of_document(session, document=old))
        replaced.append(Replaced(old.file_name, old.kind, held))
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
            "subject": subject,
            "kind": parsed.kind,
            "doc_date": parsed.date,
            "plan_start": min(plan_dates, default=None),
            "plan_end": max(plan_dates, default=None),
            "warnings": [f"{w.line}:{w.code}:{w.detail}" for w in parsed.warnings],
            "imported_at": clock(),
        },
    )
    warnings = list(parsed.warnings)
    kept: set[int] = set()
    if parsed.kind != "moteplan":  # a møteplan names coming meetings only, not one of its own
        meeting = store.meeting_on(session, body_id=body.id, date=parsed.date)
        store.record_meeting_facts(
            session,
            meeting=meeting,
            document=document,
            starts_at=_aware(parsed.date, parsed.start, tz),
            ends_at=_aware(parsed.date, parsed.end, tz),
            location=parsed.location,
        )
        if parsed.attendance:
            warnings.extend(_write_attendance(session, parsed, meeting))
        _write_saker(session, parsed, meeting, document)
        kept.add(meeting.id)
    store.settle_meetings(session, meeting_ids=left - kept)

    entries = [planlines.PlanEntryIn(bodies[p.body].id, p.date, p.line, p.raw) for p in parsed.plan]
    planlines.put_plan_entries(session, document_id=document.id, entries=entries)
    if document.plan_start is not None and document.plan_end is not None:
        windows.append((document.plan_start, document.plan_end))
    planlines.refresh_planned_meetings(session, windows=windows)
    new_bodies = []
    for found in {b.id: b for b in bodies.values() if b.created}.values():
        new_bodies.append((found.name, tuple(body_aliases(session, body_id=found.id))))
    return ImportReport(
        path.name,
        ok=True,
        counts=_counts(parsed),
        warnings=tuple(warnings),
        kind=parsed.kind,
        body=body.name,
        date=parsed.date,
        new_bodies=tuple(new_bodies),
        replaced=tuple(replaced),
        same_file_name=same_file_name,
        agenda=agenda_of(parsed),
        start=parsed.start,
        end=parsed.end,
        location=parsed.location,
        present=len({a.name for a in parsed.attendance if a.status == "present"}),
        absent=len({a.name for a in parsed.attendance if a.status == "absent"}),
        plan_dates=tuple((bodies[p.body].name, p.date) for p in parsed.plan),
    )


def agenda_of(parsed: ParsedDocument) -> Agenda:
    """The saksliste (or, without one, the saker read) against the saker read with a vedtak."""
    read = {(s.number, s.year): s for s in parsed.saker}
    listed = list(dict.fromkeys([*parsed.agenda, *read]))
    label = {k: f"{k[0]:02d}/{k[1] % 100:02d}" for k in listed}
    return Agenda(
        listed=tuple(label[k] for k in listed),
        with_vedtak=tuple(label[k] for k in listed if k in read and read[k].vedtak),
        without_vedtak=tuple(label[k] for k in listed if k not in read or not read[k].vedtak),
        unread=tuple(label[k] for k in listed if k not in read),
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
