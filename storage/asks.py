"""«Kommer du?»: which members get the question by direct message, and when.

Some days before a meeting (the body's `ask_days`, 0 turns it off), at the body's reminder time,
each seat holder with a chat user who has not answered (no forfall, no «Ja») gets one notice;
its unique key («ask:MEETING:PERSON») means never twice, and one who answers is not asked at all.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session

from storage import notices
from storage.models import SEAT_ROLES, Attendance, Body, ChatIdentity, Meeting, Membership
from storage.reminders import Schedule, ahead_until, due_moment


def queue_asks(session: Session, *, now: dt.datetime, tz: ZoneInfo) -> int:
    """Write the «Kommer du?» notices that are due and not yet written; returns how many."""
    today = now.astimezone(tz).date()
    bodies = session.execute(
        select(Body.id, Body.ask_days, Body.reminder_time).where(Body.ask_days > 0)
    ).all()
    if not bodies:
        return 0
    reach = max(b.ask_days for b in bodies)
    settings = {b.id: (b.ask_days, Schedule.of(None, b.reminder_time).at) for b in bodies}
    meetings = session.execute(
        select(Meeting.id, Meeting.body_id, Meeting.date, Meeting.starts_at).where(
            Meeting.status == "planned",
            Meeting.body_id.in_(list(settings)),
            Meeting.date >= today,
            Meeting.date <= today + dt.timedelta(days=reach),
        )
    ).all()
    written = 0
    for meeting_id, body_id, day, starts_at in meetings:
        days, at = settings[body_id]
        if not (due_moment(day, days, at, tz) <= now < ahead_until(day, starts_at, tz)):
            continue
        answered = exists().where(
            Attendance.meeting_id == meeting_id, Attendance.person_id == Membership.person_id
        )
        linked = exists().where(ChatIdentity.person_id == Membership.person_id)
        people = session.scalars(
            select(Membership.person_id)
            .where(and_(Membership.body_id == body_id, Membership.role.in_(SEAT_ROLES), linked, ~answered))
            .order_by(Membership.person_id)
        ).all()
        for person_id in people:
            written += notices.enqueue(
                session,
                key=f"ask:{meeting_id}:{person_id}",
                kind="ask",
                meeting_id=meeting_id,
                now=now,
                person_id=person_id,
            )
    return written
