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

from sqlalchemy import and_, delete, exists, select
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


def put_plan_entries(session: Session, *, document: Document, entries: Sequence[PlanEntryIn]) -> None:
    """Store a document's plan lines (first line wins for a repeated body and date) and its span."""
    seen: set[tuple[int, dt.date]] = set()
    for entry in entries:
        if (entry.body_id, entry.date) in seen:
            continue
        seen.add((entry.body_id, entry.date))
        session.add(
            PlanEntry(
                document_id=document.id,
                body_id=entry.body_id,
                date=entry.date,
                line_no=entry.line,
                raw=entry.raw,
            )
        )
    dates = [e.date for e in entries]
    document.plan_start = min(dates) if dates else None
    document.plan_end = max(dates) if dates else None


def plan_in_force(
    session: Session, *, start: dt.date | None = None, end: dt.date | None = None
) -> dict[tuple[int, dt.date], set[int]]:
    """(body id, date) of plan entries in force within [start, end] → the documents naming them."""
    entry_q = select(PlanEntry.body_id, PlanEntry.date, PlanEntry.document_id, Document.doc_date).join(
        Document, Document.id == PlanEntry.document_id
    )
    cover_q = (
        select(Document.id, Document.doc_date, Document.plan_start, Document.plan_end, PlanEntry.body_id)
        .join(PlanEntry, PlanEntry.document_id == Document.id)
        .distinct()
    )
    if start is not None:
        entry_q = entry_q.where(PlanEntry.date >= start)
        cover_q = cover_q.where(Document.plan_end >= start)
    if end is not None:
        entry_q = entry_q.where(PlanEntry.date <= end)
        cover_q = cover_q.where(Document.plan_start <= end)
    covers: dict[int, list[tuple[dt.date, dt.date, dt.date]]] = defaultdict(list)
    for cover in session.execute(cover_q):
        if cover.plan_start is not None and cover.plan_end is not None:
            covers[cover.body_id].append((cover.doc_date, cover.plan_start, cover.plan_end))
    in_force: dict[tuple[int, dt.date], set[int]] = defaultdict(set)
    for row in session.execute(entry_q):
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


def refresh_planned_meetings(session: Session, *, windows: Iterable[Window | None]) -> None:
    """Create the meetings plan lines in force imply; drop meetings in the windows nothing holds."""
    for start, end in merge_windows(windows):
        session.flush()
        wanted = set(plan_in_force(session, start=start, end=end))
        have = {
            (r.body_id, r.date)
            for r in session.execute(
                select(Meeting.body_id, Meeting.date).where(Meeting.date >= start, Meeting.date <= end)
            )
        }
        for body_id, date in sorted(wanted - have):
            session.add(Meeting(body_id=body_id, date=date, status="planned", set_by_secretariat=False))
        # A meeting nothing holds: no source document, treatment or attendance, not the secretariat's.
        held_by_nothing = and_(
            Meeting.date >= start,
            Meeting.date <= end,
            Meeting.set_by_secretariat.is_(False),
            ~exists().where(MeetingSource.meeting_id == Meeting.id),
            ~exists().where(Treatment.meeting_id == Meeting.id),
            ~exists().where(Attendance.meeting_id == Meeting.id),
        )
        orphans = [
            m_id
            for m_id, body_id, date in session.execute(
                select(Meeting.id, Meeting.body_id, Meeting.date).where(held_by_nothing)
            )
            if (body_id, date) not in wanted
        ]
        if orphans:
            session.execute(delete(Meeting).where(Meeting.id.in_(orphans)))
