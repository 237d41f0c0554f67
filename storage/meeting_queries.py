"""Meetings read for the member commands: the coming ones, their saksliste and who has sent forfall."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from storage.models import Attendance, Meeting, Treatment


def meeting(session: Session, *, meeting_id: int) -> Meeting | None:
    """One meeting with its body."""
    stmt = select(Meeting).options(joinedload(Meeting.body)).where(Meeting.id == meeting_id)
    return session.scalar(stmt)


def upcoming_meetings(
    session: Session,
    *,
    body_ids: Sequence[int],
    after: dt.date,
    until: dt.date | None = None,
    include_cancelled: bool = False,
    limit: int | None = None,
) -> list[Meeting]:
    """Meetings of these bodies on or after `after` (and up to `until`), by date then body."""
    stmt = (
        select(Meeting)
        .options(joinedload(Meeting.body))
        .where(Meeting.body_id.in_(list(body_ids)), Meeting.date >= after)
        .order_by(Meeting.date, Meeting.body_id)
    )
    if until is not None:
        stmt = stmt.where(Meeting.date <= until)
    if not include_cancelled:
        stmt = stmt.where(Meeting.status != "cancelled")
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def next_meetings(
    session: Session, *, body_ids: Sequence[int], after: dt.date, with_body: bool = True
) -> list[Meeting]:
    """The next meeting (not cancelled) of each body on or after `after`, by date; `with_body=False`
    when the bodies are loaded in the session already (meeting.body then costs no query)."""
    first = (
        select(Meeting.body_id, func.min(Meeting.date).label("day"))
        .where(Meeting.body_id.in_(list(body_ids)), Meeting.date >= after, Meeting.status != "cancelled")
        .group_by(Meeting.body_id)
        .subquery()
    )
    stmt = (
        select(Meeting)
        .join(first, (first.c.body_id == Meeting.body_id) & (first.c.day == Meeting.date))
        .order_by(Meeting.date, Meeting.body_id)
    )
    if with_body:
        stmt = stmt.options(joinedload(Meeting.body))
    return list(session.scalars(stmt))


def meetings_between(
    session: Session, *, body_ids: Sequence[int], first: dt.date, last: dt.date
) -> list[Meeting]:
    """Meetings (not cancelled) of these bodies from `first` to `last` inclusive."""
    return upcoming_meetings(session, body_ids=body_ids, after=first, until=last)


def nearest_meetings(
    session: Session, *, body_ids: Sequence[int], around: dt.date, today: dt.date, count: int = 3
) -> list[Meeting]:
    """The coming meetings closest to `around` (none before `today`), by date."""
    candidates = upcoming_meetings(session, body_ids=body_ids, after=today)
    candidates.sort(key=lambda m: (abs((m.date - around).days), m.date))
    return sorted(candidates[:count], key=lambda m: (m.date, m.body_id))


def agenda(session: Session, *, meeting_id: int) -> list[Treatment]:
    """The saker treated (or to be treated) at a meeting, in document order."""
    stmt = (
        select(Treatment)
        .options(joinedload(Treatment.sak))
        .where(Treatment.meeting_id == meeting_id)
        .order_by(Treatment.position, Treatment.id)
    )
    return list(session.scalars(stmt))


def agendas(session: Session, *, meeting_ids: Sequence[int]) -> dict[int, list[Treatment]]:
    """meeting id → its saksliste in document order, for several meetings in one query."""
    stmt = (
        select(Treatment)
        .options(joinedload(Treatment.sak))
        .where(Treatment.meeting_id.in_(list(meeting_ids)))
        .order_by(Treatment.meeting_id, Treatment.position, Treatment.id)
    )
    out: dict[int, list[Treatment]] = {m: [] for m in meeting_ids}
    for treatment in session.scalars(stmt):
        out[treatment.meeting_id].append(treatment)
    return out


def absences_at(session: Session, *, meeting_ids: Sequence[int]) -> dict[int, list[Attendance]]:
    """meeting id → who has sent forfall, in order of registration, for several meetings in one query."""
    stmt = (
        select(Attendance)
        .options(joinedload(Attendance.person))
        .where(Attendance.meeting_id.in_(list(meeting_ids)), Attendance.status == "absent")
        .order_by(Attendance.meeting_id, Attendance.position, Attendance.registered_at, Attendance.id)
    )
    out: dict[int, list[Attendance]] = {m: [] for m in meeting_ids}
    for attendance in session.scalars(stmt):
        out[attendance.meeting_id].append(attendance)
    return out


def absences(session: Session, *, meeting_id: int) -> list[Attendance]:
    """Who has sent forfall to a meeting, in order of registration."""
    stmt = (
        select(Attendance)
        .options(joinedload(Attendance.person))
        .where(Attendance.meeting_id == meeting_id, Attendance.status == "absent")
        .order_by(Attendance.position, Attendance.registered_at, Attendance.id)
    )
    return list(session.scalars(stmt))


def attendance_of(session: Session, *, meeting_id: int, person_id: int) -> Attendance | None:
    """The person's attendance row at a meeting, if any."""
    stmt = select(Attendance).where(Attendance.meeting_id == meeting_id, Attendance.person_id == person_id)
    return session.scalar(stmt)


def forfall_of(session: Session, *, person_id: int, after: dt.date) -> list[tuple[Attendance, Meeting]]:
    """The person's forfall to meetings on or after `after`, by date."""
    stmt = (
        select(Attendance, Meeting)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .options(joinedload(Meeting.body))
        .where(Attendance.person_id == person_id, Attendance.status == "absent", Meeting.date >= after)
        .order_by(Meeting.date, Meeting.body_id)
    )
    return [(a, m) for a, m in session.execute(stmt).all()]


def latest_held(session: Session) -> dict[int, dt.date]:
    """body id → the date of its latest meeting with minutes imported."""
    stmt = (
        select(Meeting.body_id, func.max(Meeting.date))
        .where(Meeting.status == "held")
        .group_by(Meeting.body_id)
    )
    return {body_id: day for body_id, day in session.execute(stmt).all()}
