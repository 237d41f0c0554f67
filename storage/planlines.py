"""Møteplan lines: which are in force, and the planned meetings they imply.

A plan entry (document, body, date) is in force unless a document with a LATER document date has
a plan period (the span of its own plan lines) covering that date and names the same body among
its plan lines. The rule depends only on the set of documents, so import order does not matter.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, exists, insert, select
from sqlalchemy.orm import Session

from storage.models import Attendance, Document, Meeting, MeetingSource, PlanEntry, Treatment

Window = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class PlanEntryIn:
    """One møteplan line of a document, its body already resolved."""

    body_id: int
    date: dt.date
    line: int
    raw: str


def put_plan_entries(session: Session, *, document_id: int, entries: Sequence[PlanEntryIn]) -> None:
    """Store a document's plan lines (the first line wins for a repeated body and date)."""
    rows: dict[tuple[int, dt.date], dict[str, object]] = {}
    for e in entries:
        rows.setdefault(
            (e.body_id, e.date),
            {
                "document_id": document_id,
                "body_id": e.body_id,
                "date": e.date,
                "line_no": e.line,
                "raw": e.raw,
            },
        )
    if rows:
        session.connection().execute(_NEW_ENTRY, list(rows.values()))


_ENTRIES = (
    select(PlanEntry.body_id, PlanEntry.date, PlanEntry.document_id, Document.doc_date)
    .join(Document, Document.id == PlanEntry.document_id)
    .where(PlanEntry.date >= bindparam("start"), PlanEntry.date <= bindparam("end"))
)
_COVERS = (
    select(Document.id, Document.doc_date, Document.plan_start, Document.plan_end, PlanEntry.body_id)
    .join(PlanEntry, PlanEntry.document_id == Document.id)
    .where(Document.plan_end >= bindparam("start"), Document.plan_start <= bindparam("end"))
    .distinct()
)


def plan_in_force(
    session: Session, *, start: dt.date = dt.date.min, end: dt.date = dt.date.max
) -> dict[tuple[int, dt.date], set[int]]:
    """(body id, date) of plan entries in force within [start, end] → the documents naming them."""
    c = session.connection()
    covers: dict[int, list[tuple[dt.date, dt.date, dt.date]]] = defaultdict(list)
    for cover in c.execute(_COVERS, {"start": start, "end": end}):
        if cover.plan_start is not None and cover.plan_end is not None:
            covers[cover.body_id].append((cover.doc_date, cover.plan_start, cover.plan_end))
    in_force: dict[tuple[int, dt.date], set[int]] = defaultdict(set)
    for row in c.execute(_ENTRIES, {"start": start, "end": end}):
        superseded = any(
            doc_date > row.doc_date and p_start <= row.date <= p_end
            for doc_date, p_start, p_end in covers[row.body_id]
        )
        if not superseded:
            in_force[(row.body_id, row.date)].add(row.document_id)
    return dict(in_force)


def merge_windows(windows: Iterable[Window | None]) -> list[Window]:
    """Overlapping or touching date ranges joined into as few as possible."""
    merged: list[Window] = []
    for start, end in sorted(w for w in windows if w is not None):
        if merged and start <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


_MEETINGS_IN = select(Meeting.body_id, Meeting.date).where(
    Meeting.date >= bindparam("start"), Meeting.date <= bindparam("end")
)
# A meeting nothing holds: no source document, treatment or attendance, not the secretariat's.
_HELD_BY_NOTHING = select(Meeting.id, Meeting.body_id, Meeting.date).where(
    Meeting.date >= bindparam("start"),
    Meeting.date <= bindparam("end"),
    Meeting.set_by_secretariat.is_(False),
    ~exists().where(MeetingSource.meeting_id == Meeting.id),
    ~exists().where(Treatment.meeting_id == Meeting.id),
    ~exists().where(Attendance.meeting_id == Meeting.id),
)
_NEW_MEETING = insert(Meeting)
_DROP_MEETINGS = delete(Meeting).where(Meeting.id.in_(bindparam("ids", expanding=True)))
_NEW_ENTRY = insert(PlanEntry)


def refresh_planned_meetings(session: Session, *, windows: Iterable[Window | None]) -> None:
    """Create the meetings plan lines in force imply; drop meetings in the windows nothing holds."""
    c = session.connection()
    for start, end in merge_windows(windows):
        span = {"start": start, "end": end}
        wanted = set(plan_in_force(session, start=start, end=end))
        have = {(r.body_id, r.date) for r in c.execute(_MEETINGS_IN, span)}
        missing = sorted(wanted - have)
        if missing:
            rows = [
                {"body_id": b, "date": d, "status": "planned", "set_by_secretariat": False}
                for b, d in missing
            ]
            c.execute(_NEW_MEETING, rows)
        orphans = [
            m_id for m_id, body_id, date in c.execute(_HELD_BY_NOTHING, span) if (body_id, date) not in wanted
        ]
        if orphans:
            c.execute(_DROP_MEETINGS, {"ids": orphans})
