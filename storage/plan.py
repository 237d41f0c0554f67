"""The secretariat's writes to the møteplan and the reminder channels; keyword-only, never commits.

A meeting the secretariat touches gets `set_by_secretariat=True`: the document import then keeps
its date, time, place and status. Moves and cancellations queue their notices in `reminder_posts`
in the same transaction, so a notice exists exactly when the change does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from storage import reminder_due, reminders
from storage.models import (
    Attendance,
    Body,
    Channel,
    Meeting,
    MeetingSource,
    PlanEntry,
    ReminderPost,
    Treatment,
)

Change = Literal["created", "updated", "reinstated", "unchanged"]
PLATFORMS = ("slack", "teams")


def body_named(session: Session, *, name: str) -> Body | None:
    """The body with this name, case-insensitive."""
    wanted = " ".join(name.split()).lower()
    return session.scalar(select(Body).where(func.lower(Body.name) == wanted))


def body_names(session: Session) -> list[str]:
    """Every body's name, sorted."""
    return list(session.scalars(select(Body.name).order_by(Body.name)))


def meeting_on(session: Session, *, body_id: int, date: dt.date) -> Meeting | None:
    """The body's meeting that day, with its body."""
    stmt = (
        select(Meeting)
        .options(joinedload(Meeting.body))
        .where(Meeting.body_id == body_id, Meeting.date == date)
    )
    return session.scalar(stmt)


def meetings(
    session: Session, *, body_ids: Sequence[int] | None = None, after: dt.date | None = None
) -> list[Meeting]:
    """Meetings (every status) of these bodies, on or after `after`, by date then body."""
    stmt = select(Meeting).options(joinedload(Meeting.body)).order_by(Meeting.date, Meeting.body_id)
    if body_ids is not None:
        stmt = stmt.where(Meeting.body_id.in_(list(body_ids)))
    if after is not None:
        stmt = stmt.where(Meeting.date >= after)
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class Slot:
    """Where and when, as the database keeps it (UTC)."""

    date: dt.date
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    location: str | None


def put_meeting(session: Session, *, body: Body, slot: Slot) -> tuple[Meeting, Change]:
    """Plan a meeting (or set the time and place of the one that day) as the secretariat."""
    meeting = meeting_on(session, body_id=body.id, date=slot.date)
    if meeting is None:
        meeting = Meeting(
            body_id=body.id,
            date=slot.date,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            location=slot.location,
            status="planned",
            set_by_secretariat=True,
        )
        session.add(meeting)
        session.flush()
        return meeting, "created"
    before = (
        meeting.starts_at,
        meeting.ends_at,
        meeting.location,
        meeting.status,
        meeting.set_by_secretariat,
    )
    change: Change = "reinstated" if meeting.status == "cancelled" else "updated"
    if slot.starts_at is not None:  # what is not given is kept
        meeting.starts_at, meeting.ends_at = slot.starts_at, slot.ends_at
    if slot.location is not None:
        meeting.location = slot.location
    meeting.status = "planned"
    meeting.set_by_secretariat = True
    after = (meeting.starts_at, meeting.ends_at, meeting.location, meeting.status, True)
    return meeting, ("unchanged" if before == after else change)


def move_meeting(session: Session, *, meeting: Meeting, slot: Slot, now: dt.datetime) -> None:
    """Move a planned meeting (same row: forfall and saksliste follow) and queue the notices."""
    old = meeting.date
    meeting.date = slot.date
    meeting.starts_at, meeting.ends_at = slot.starts_at, slot.ends_at
    if slot.location is not None:
        meeting.location = slot.location
    meeting.set_by_secretariat = True
    session.flush()
    if old != slot.date and _named_by_plan_line(session, body_id=meeting.body_id, date=old):
        # A plan line still names the old day; without this marker the next import would plan a
        # meeting there again, and remind members of it.
        session.add(Meeting(body_id=meeting.body_id, date=old, status="cancelled", set_by_secretariat=True))
    number = 1 + max((_move_number(k) for k in _kinds(session, meeting.id)), default=0)
    _queue_notice(session, meeting=meeting, kind=reminders.moved_kind(number, old, slot.date), now=now)


def drop_placeholder(session: Session, *, meeting: Meeting) -> bool:
    """Delete a cancelled meeting nothing else holds (no document, forfall or sak); True if gone."""
    if meeting.status != "cancelled":
        return False
    held = [
        select(MeetingSource.meeting_id).where(MeetingSource.meeting_id == meeting.id),
        select(Attendance.id).where(Attendance.meeting_id == meeting.id),
        select(Treatment.id).where(Treatment.meeting_id == meeting.id),
    ]
    if any(session.scalar(q.limit(1)) is not None for q in held):
        return False
    session.delete(meeting)
    session.flush()
    return True


def cancel_meeting(session: Session, *, meeting: Meeting, now: dt.datetime) -> None:
    """Cancel a planned meeting: no more reminders, and a notice in the body's channels."""
    meeting.status = "cancelled"
    meeting.set_by_secretariat = True
    session.flush()
    _queue_notice(session, meeting=meeting, kind=reminders.cancelled_kind(meeting.date), now=now)


def queue_due_reminders(session: Session, *, meeting: Meeting, now: dt.datetime, tz: ZoneInfo) -> int:
    """Queue the reminder already due for a meeting just planned or moved (it follows the meeting)."""
    session.flush()
    due = reminder_due.due_posts(session, now=now, tz=tz, platforms=PLATFORMS, meeting_ids=[meeting.id])
    # Posted in order of due time: `now` puts it after the change notice queued just before it.
    due = [dataclasses.replace(p, due_at=max(p.due_at, now)) for p in due]
    return reminder_due.insert_posts(session, posts=due)


def queue_due_for_body(session: Session, *, body: Body, now: dt.datetime, tz: ZoneInfo) -> int:
    """Queue what is already due for a body's meetings (its channel just changed)."""
    session.flush()
    due = reminder_due.due_posts(session, now=now, tz=tz, platforms=PLATFORMS, body_ids=[body.id])
    return reminder_due.insert_posts(session, posts=due)


def _queue_notice(session: Session, *, meeting: Meeting, kind: str, now: dt.datetime) -> None:
    for channel in channels_of(session, body_id=meeting.body_id):
        session.add(
            ReminderPost(
                meeting_id=meeting.id,
                kind=kind,
                channel=f"{channel.platform}:{channel.channel_id}",
                due_at=now,
                state="pending",
                attempts=0,
            )
        )
    session.flush()


def _kinds(session: Session, meeting_id: int) -> list[str]:
    return list(session.scalars(select(ReminderPost.kind).where(ReminderPost.meeting_id == meeting_id)))


def _move_number(kind: str) -> int:
    head, _, rest = kind.partition(":")
    return int(rest.partition(":")[0]) if head == "moved" else 0


def _named_by_plan_line(session: Session, *, body_id: int, date: dt.date) -> bool:
    stmt = select(PlanEntry.id).where(PlanEntry.body_id == body_id, PlanEntry.date == date).limit(1)
    return session.scalar(stmt) is not None


# --- Channels -------------------------------------------------------------------------------------


def channels_of(session: Session, *, body_id: int) -> list[Channel]:
    """A body's reminder channels, by platform."""
    stmt = select(Channel).where(Channel.body_id == body_id).order_by(Channel.platform)
    return list(session.scalars(stmt))


def all_channels(session: Session) -> list[tuple[str, str, str]]:
    """(body name, platform, channel id) for every channel, sorted."""
    stmt = (
        select(Body.name, Channel.platform, Channel.channel_id)
        .join(Body, Body.id == Channel.body_id)
        .order_by(Body.name, Channel.platform)
    )
    return [(r[0], r[1], r[2]) for r in session.execute(stmt).all()]


def set_channel(session: Session, *, body: Body, platform: str, channel_id: str) -> str | None:
    """Point a body's reminders on `platform` at `channel_id`; returns the channel it replaced."""
    row = session.scalar(select(Channel).where(Channel.body_id == body.id, Channel.platform == platform))
    if row is None:
        session.add(Channel(body_id=body.id, platform=platform, channel_id=channel_id))
        session.flush()
        return None
    previous = row.channel_id
    row.channel_id = channel_id
    return previous
