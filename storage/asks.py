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
    due = [
        m
        for m, body_id, day, starts_at in meetings
        if due_moment(day, settings[body_id][0], settings[body_id][1], tz)
        <= now
        < ahead_until(day, starts_at, tz)
    ]
    if not due:
        return 0
    # One query for every meeting due: its seat holders with a chat user and no answer yet.
    answered = exists().where(
        Attendance.meeting_id == Meeting.id, Attendance.person_id == Membership.person_id
    )
    linked = exists().where(ChatIdentity.person_id == Membership.person_id)
    wanted = session.execute(
        select(Meeting.id, Membership.person_id)
        .join(Membership, Membership.body_id == Meeting.body_id)
        .where(and_(Meeting.id.in_(due), Membership.role.in_(SEAT_ROLES), linked, ~answered))
        .order_by(Meeting.id, Membership.person_id)
    ).all()
    written = 0
    for meeting_id, person_id in wanted:
        written += notices.enqueue(
            session, key=f"ask:{meeting_id}:{person_id}", kind="ask", meeting_id=meeting_id, now=now,
            person_id=person_id,
        )  # fmt: skip
    return written
