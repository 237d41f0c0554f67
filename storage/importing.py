"""Storage writes for the document import: upserts by natural keys, keyword-only; never commits.

The import runs thousands of documents, so these use Core statements built once at import time
(bound parameters, expanding IN lists) on the session's connection: building a statement costs
more than running it on SQLite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, exists, insert, select, tuple_, update
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


_FIND_DOC = select(
    Document.id,
    Document.file_name,
    Document.content_hash,
    Document.kind,
    Document.doc_date,
    Document.plan_start,
    Document.plan_end,
).where(Document.file_name == bindparam("f"))


def find_document(session: Session, *, file_name: str) -> DocumentRow | None:
    """The imported document with this file name, if any."""
    row = conn(session).execute(_FIND_DOC, {"f": file_name}).first()
    return DocumentRow(*row) if row is not None else None


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


_BODIES = select(Body.name, Body.id).where(Body.name.in_(expanding("names")))


def ensure_bodies(session: Session, *, names: Iterable[str]) -> dict[str, int]:
    """Body name → id, creating the missing bodies."""
    c = conn(session)
    wanted = set(names)
    found: dict[str, int] = {r.name: r.id for r in c.execute(_BODIES, {"names": list(wanted)})}
    for name in sorted(wanted - found.keys()):
        found[name] = c.execute(
            insert(Body).returning(Body.id),
            {"name": name, "reminder_offsets": [7, 1], "reminder_time": "09:00"},
        ).scalar_one()
    return found


@dataclass(frozen=True)
class MeetingRow:
    id: int
    body_id: int
    date: dt.date
    set_by_secretariat: bool


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
    return MeetingRow(c.execute(_NEW_MEETING, values).scalar_one(), body_id, date, False)


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
    others = [
        (r.kind == "referat", r.doc_date, r.file_name) for r in c.execute(_SOURCE_RANKS, {"m": meeting.id})
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


_SAKER = select(Sak.id, Sak.number, Sak.year, Sak.title).where(
    Sak.body_id == bindparam("b"), tuple_(Sak.number, Sak.year).in_(expanding("keys"))
)
_SAK_RANKS = (
    select(Treatment.sak_id, Document.kind, Document.doc_date, Document.file_name)
    .join(Document, Document.id == Treatment.document_id)
    .where(Treatment.sak_id.in_(expanding("ids")))
)


_UPDATE_SAK = by_id(Sak)
# One statement for all new saker, ids back through RETURNING (SQLite ≥ 3.35, PostgreSQL); rows are
# matched by (number, year), so their order does not matter and SQLAlchemy can batch them.
_NEW_SAKER = insert(Sak).returning(Sak.id, Sak.number, Sak.year)


def ensure_saker(
    session: Session, *, body_id: int, titles: Mapping[tuple[int, int], str], rank: Rank
) -> tuple[dict[tuple[int, int], int], set[int]]:
    """The body's saker (number, year) → id, created when missing, and the ids that existed before.

    Titles follow the top-ranked document that treats the sak.
    """
    c = conn(session)
    keys = list(titles)
    if not keys:
        return {}, set()
    found = {(r.number, r.year): (r.id, r.title) for r in c.execute(_SAKER, {"b": body_id, "keys": keys})}
    if found:
        top: dict[int, Rank] = {}
        for r in c.execute(_SAK_RANKS, {"ids": [i for i, _ in found.values()]}):
            top[r.sak_id] = max(top.get(r.sak_id, LOWEST), (r.kind == "referat", r.doc_date, r.file_name))
        for key, (sak_id, title) in found.items():
            if title != titles[key] and rank >= top.get(sak_id, LOWEST):
                c.execute(_UPDATE_SAK, {"row_id": sak_id, "title": titles[key]})
    ids = {key: sak_id for key, (sak_id, _) in found.items()}
    missing = [
        {"body_id": body_id, "number": number, "year": year, "title": titles[(number, year)]}
        for number, year in keys
        if (number, year) not in found
    ]
    if missing:
        for new in c.execute(_NEW_SAKER, missing):
            ids[(new.number, new.year)] = new.id
    return ids, {sak_id for sak_id, _ in found.values()}


@dataclass(frozen=True)
class TreatmentRow:
    """A treatment already recorded, with the rank of the document behind it."""

    id: int
    rank: Rank | None
    text: str
    proposal: str | None
    vedtak: str | None


_TREATMENTS = (
    select(
        Treatment.sak_id,
        Treatment.id,
        Treatment.text,
        Treatment.proposal,
        Treatment.vedtak,
        Document.kind,
        Document.doc_date,
        Document.file_name,
    )
    .outerjoin(Document, Document.id == Treatment.document_id)
    .where(Treatment.meeting_id == bindparam("m"), Treatment.sak_id.in_(expanding("ids")))
)


def treatments_at(session: Session, *, meeting_id: int, sak_ids: Iterable[int]) -> dict[int, TreatmentRow]:
    """The treatments already recorded at a meeting for these saker, keyed by sak id."""
    ids = list(sak_ids)
    if not ids:
        return {}
    out = {}
    for r in conn(session).execute(_TREATMENTS, {"m": meeting_id, "ids": ids}):
        rank = (r.kind == "referat", r.doc_date, r.file_name) if r.kind is not None else None
        out[r.sak_id] = TreatmentRow(r.id, rank, r.text, r.proposal, r.vedtak)
    return out


_UPDATE_TREATMENT = by_id(Treatment)
_NEW_TREATMENT = insert(Treatment)


def put_treatment(
    session: Session,
    *,
    existing: TreatmentRow | None,
    sak_id: int,
    meeting_id: int,
    document: DocumentRow,
    position: int,
    text: str,
    proposal: str | None,
    vedtak: str | None,
) -> dict[str, Any] | None:
    """A sak's treatment at a meeting: the row to insert, or None when merged into another document's."""
    if existing is None:
        return {
            "sak_id": sak_id,
            "meeting_id": meeting_id,
            "document_id": document.id,
            "position": position,
            "text": text,
            "proposal": proposal,
            "vedtak": vedtak,
        }
    if existing.rank is None or document.rank >= existing.rank:
        # Minutes record what was decided; a case document only fills what the minutes lack.
        values = {
            "vedtak": vedtak if document.kind == "referat" else (vedtak or existing.vedtak),
            "proposal": proposal or existing.proposal,
            "text": text or existing.text,
            "document_id": document.id,
            "position": position,
        }
    else:
        values = {
            "vedtak": existing.vedtak or vedtak,
            "proposal": existing.proposal or proposal,
            "text": existing.text or text,
        }
    conn(session).execute(_UPDATE_TREATMENT, {"row_id": existing.id, **values})
    return None


def insert_treatments(session: Session, *, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert new treatments in one statement."""
    if rows:
        conn(session).execute(_NEW_TREATMENT, [dict(r) for r in rows])
