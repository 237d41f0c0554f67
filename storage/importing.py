"""Storage writes for the document import: upserts by natural keys, keyword-only; never commits.

The import runs thousands of documents, so these use Core statements built once at import time
(bound parameters, expanding IN lists) on the session's connection: building a statement costs
more than running it on SQLite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, exists, insert, select, update
from sqlalchemy.orm import Session

from storage.models import Attendance, Body, Document, Meeting, MeetingSource, PlanEntry, Sak, Treatment

# Which of two documents speaks for a meeting or a sak when they disagree: minutes beat case
# documents, then the later document date, then the file name. A total order, so the outcome
# does not depend on the order the documents were imported in.
Rank = tuple[bool, dt.date, str]
LOWEST: Rank = (False, dt.date.min, "")


def expanding(name: str) -> Any:
    """An expanding IN-list parameter: one cached statement for any list length."""
    return bindparam(name, expanding=True)


def by_id(model: Any) -> Any:
    """`UPDATE model SET … WHERE id = :row_id`; the SET list comes from the parameters given."""
    return update(model).where(model.id == bindparam("row_id"))


def conn(session: Session) -> Connection:
    """The session's connection, inside its transaction."""
    return session.connection()


@dataclass(frozen=True)
class DocumentRow:
    """An imported document as the loader needs it."""

    id: int
    file_name: str
    content_hash: str
    kind: str
    doc_date: dt.date
    plan_start: dt.date | None
    plan_end: dt.date | None

    @property
    def rank(self) -> Rank:
        return (self.kind == "referat", self.doc_date, self.file_name)


_DOC_COLUMNS = (
    Document.id,
    Document.file_name,
    Document.content_hash,
    Document.kind,
    Document.doc_date,
    Document.plan_start,
    Document.plan_end,
)
_BY_HASH = select(*_DOC_COLUMNS).where(Document.content_hash == bindparam("h"))
_BY_SUBJECT = select(*_DOC_COLUMNS).where(Document.subject == bindparam("s"))
_BY_NAME = select(Document.file_name).where(Document.file_name == bindparam("f")).limit(1)


def document_with_content(session: Session, *, content_hash: str) -> DocumentRow | None:
    """The imported document with exactly this content (its SHA-256), whatever its file name."""
    row = conn(session).execute(_BY_HASH, {"h": content_hash}).first()
    return DocumentRow(*row) if row is not None else None


def document_about(session: Session, *, subject: str) -> DocumentRow | None:
    """The imported document that describes the same thing (kind, body, meeting, saker), if any."""
    row = conn(session).execute(_BY_SUBJECT, {"s": subject}).first()
    return DocumentRow(*row) if row is not None else None


def file_name_used(session: Session, *, file_name: str) -> bool:
    """True when some imported document has this file name (another folder's, perhaps)."""
    return conn(session).execute(_BY_NAME, {"f": file_name}).first() is not None


@dataclass(frozen=True)
class DocumentMeeting:
    """A meeting a document is a source of, with what the document put there."""

    body: str
    date: dt.date
    saker: int
    attendance: int


def meetings_of_document(session: Session, *, document: DocumentRow) -> list[DocumentMeeting]:
    """The meetings an imported document speaks for, with its saker and (minutes) attendance there."""
    c = conn(session)
    rows = c.execute(
        select(Meeting.id, Body.name, Meeting.date)
        .join(MeetingSource, MeetingSource.meeting_id == Meeting.id)
        .join(Body, Body.id == Meeting.body_id)
        .where(MeetingSource.document_id == document.id)
        .order_by(Meeting.date, Body.name)
    ).all()
    out = []
    for r in rows:
        saker = len(
            c.execute(
                select(Treatment.id).where(Treatment.meeting_id == r.id, Treatment.document_id == document.id)
            ).all()
        )
        people = 0
        if document.kind == "referat":
            people = len(
                c.execute(
                    select(Attendance.id).where(Attendance.meeting_id == r.id, Attendance.origin == "minutes")
                ).all()
            )
        out.append(DocumentMeeting(r.name, r.date, saker, people))
    return out


_NEW_DOC = insert(Document).returning(Document.id)
_UPDATE_DOC = by_id(Document)


def save_document(
    session: Session, *, existing: DocumentRow | None, values: Mapping[str, Any]
) -> DocumentRow:
    """Insert or overwrite the document row (file name, hash, kind, dates, warnings, import time)."""
    c = conn(session)
    if existing is None:
        doc_id = c.execute(_NEW_DOC, dict(values)).scalar_one()
    else:
        doc_id = existing.id
        c.execute(_UPDATE_DOC, {"row_id": doc_id, **values})
    return DocumentRow(
        doc_id,
        values["file_name"],
        values["content_hash"],
        values["kind"],
        values["doc_date"],
        values["plan_start"],
        values["plan_end"],
    )


@dataclass(frozen=True)
class Forgotten:
    """What an earlier version of a document touched, so the loader can tidy up after it."""

    meeting_ids: frozenset[int]
    dates: frozenset[dt.date]
    plan_window: tuple[dt.date, dt.date] | None


def forget_document(session: Session, *, document: DocumentRow) -> Forgotten:
    """Remove what an earlier version said: its treatments, minutes attendance, plan and sources."""
    c = conn(session)
    rows = c.execute(
        select(Meeting.id, Meeting.date)
        .join(MeetingSource, MeetingSource.meeting_id == Meeting.id)
        .where(MeetingSource.document_id == document.id)
    ).all()
    meeting_ids = frozenset(r.id for r in rows)
    sak_ids = set(c.scalars(select(Treatment.sak_id).where(Treatment.document_id == document.id)))
    c.execute(delete(Treatment).where(Treatment.document_id == document.id))
    if document.kind == "referat" and meeting_ids:
        # Chat-origin forfall is the members' own word and survives any re-import.
        c.execute(
            delete(Attendance).where(Attendance.meeting_id.in_(meeting_ids), Attendance.origin == "minutes")
        )
    c.execute(delete(PlanEntry).where(PlanEntry.document_id == document.id))
    c.execute(delete(MeetingSource).where(MeetingSource.document_id == document.id))
    if sak_ids:
        c.execute(delete(Sak).where(Sak.id.in_(sak_ids), ~exists().where(Treatment.sak_id == Sak.id)))
    window = None
    if document.plan_start is not None and document.plan_end is not None:
        window = (document.plan_start, document.plan_end)
    return Forgotten(meeting_ids, frozenset(r.date for r in rows), window)


@dataclass(frozen=True)
class MeetingRow:
    id: int
    body_id: int
    date: dt.date
    set_by_secretariat: bool
    new: bool = False  # created by this import: nothing else can point at it yet


_MEETING = select(Meeting.id, Meeting.body_id, Meeting.date, Meeting.set_by_secretariat).where(
    Meeting.body_id == bindparam("b"), Meeting.date == bindparam("d")
)
_NEW_MEETING = insert(Meeting).returning(Meeting.id)
_UPDATE_MEETING = by_id(Meeting)
_NEW_SOURCE = insert(MeetingSource)


def meeting_on(session: Session, *, body_id: int, date: dt.date) -> MeetingRow:
    """The body's meeting on that day, created as planned when missing."""
    c = conn(session)
    row = c.execute(_MEETING, {"b": body_id, "d": date}).first()
    if row is not None:
        return MeetingRow(*row)
    values = {"body_id": body_id, "date": date, "status": "planned", "set_by_secretariat": False}
    return MeetingRow(c.execute(_NEW_MEETING, values).scalar_one(), body_id, date, False, new=True)


_SOURCE_RANKS = (
    select(Document.kind, Document.doc_date, Document.file_name)
    .join(MeetingSource, MeetingSource.document_id == Document.id)
    .where(MeetingSource.meeting_id == bindparam("m"))
)


def record_meeting_facts(
    session: Session,
    *,
    meeting: MeetingRow,
    document: DocumentRow,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    location: str | None,
) -> None:
    """Link the document to its meeting and take its time, place and status when it outranks."""
    c = conn(session)
    others = []
    if not meeting.new:
        others = [
            (r.kind == "referat", r.doc_date, r.file_name)
            for r in c.execute(_SOURCE_RANKS, {"m": meeting.id})
        ]
    c.execute(_NEW_SOURCE, {"meeting_id": meeting.id, "document_id": document.id})
    if meeting.set_by_secretariat:
        return  # the secretariat's hand wins over any document
    values: dict[str, Any] = {}
    if document.kind == "referat":
        values["status"] = "held"
    if all(document.rank >= rank for rank in others):
        given = {"starts_at": starts_at, "ends_at": ends_at, "location": location}
        values.update({k: v for k, v in given.items() if v is not None})
    if values:
        c.execute(_UPDATE_MEETING, {"row_id": meeting.id, **values})


def settle_meetings(session: Session, *, meeting_ids: Iterable[int]) -> None:
    """After a document left these meetings: held only while some minutes remain a source."""
    ids = set(meeting_ids)
    if not ids:
        return
    with_minutes = (
        select(MeetingSource.meeting_id)
        .join(Document, Document.id == MeetingSource.document_id)
        .where(Document.kind == "referat")
    )
    conn(session).execute(
        update(Meeting)
        .where(
            Meeting.id.in_(ids),
            Meeting.set_by_secretariat.is_(False),
            Meeting.status == "held",
            Meeting.id.not_in(with_minutes),
        )
        .values(status="planned")
    )
