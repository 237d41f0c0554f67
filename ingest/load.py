"""Documents → database: one transaction per document, upserts by natural keys, a report for each."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ingest.model import DocumentError, ParsedDocument, ParsedSak
from ingest.report import Agenda, ImportCounts, ImportReport, Replaced, agenda_of, counts_of
from ingest.write import CHAT_ATTENDANCE_KEPT, aware, write_attendance, write_saker
from storage import importing as store
from storage import planlines
from storage.bodies import body_aliases, resolve_bodies
from storage.clock import OSLO, Clock
from storage.db import unit_of_work

log = logging.getLogger(__name__)

__all__ = [  # the report's types are part of the loader's interface
    "CHAT_ATTENDANCE_KEPT",
    "Agenda",
    "ImportCounts",
    "ImportReport",
    "Replaced",
    "import_path",
    "import_paths",
]

Parser = Callable[[Path], ParsedDocument]

# Codes the loader itself reports (the parser has its own); handlers/texts.py words them.
FILE_NOT_FOUND = "file_not_found"
UNREADABLE = "file_unreadable"
INTERNAL_ERROR = "internal_error"


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
        subject += "|" + ",".join(
            f"{s.series}{s.number}/{s.year}" for s in sorted(parsed.saker, key=_sak_key)
        )
    return subject


def _sak_key(sak: ParsedSak) -> tuple[int, str, int]:
    return (sak.year, sak.series, sak.number)


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
            starts_at=aware(parsed.date, parsed.start, tz),
            ends_at=aware(parsed.date, parsed.end, tz),
            location=parsed.location,
        )
        if parsed.attendance:
            warnings.extend(write_attendance(session, parsed, meeting))
        write_saker(session, parsed, meeting, document)
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
        counts=counts_of(parsed),
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
