"""Reminder posts: when they fall due, and the claim/record SQL that makes each one happen once.

A post is a row of `reminder_posts`, unique per (meeting, kind, channel). Rows are created only
when they fall due (storage/reminder_due.py), so a pass with nothing due reads an index and
nothing else. A row is claimed by one worker with a conditional UPDATE (plus `FOR UPDATE SKIP
LOCKED` on PostgreSQL), and recorded as posted or given back with a time for the next attempt.
Every write here is one statement that writes first, so SQLite takes its write lock up front
instead of failing to upgrade a read lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, or_, select, update
from sqlalchemy.orm import Session

from storage.leases import LeaseQueue
from storage.models import ReminderPost

POSTS = cast(Table, ReminderPost.__table__)


# --- Kinds: "before:7:2027-01-14", "moved:2:2027-01-14>2027-01-21", "cancelled:2027-01-14" ----------


@dataclass(frozen=True)
class Kind:
    """A parsed reminder kind; `date` is the meeting day the post speaks of."""

    type: str  # before | moved | cancelled | summary
    date: dt.date
    offset: int = 0  # days before (before)
    old_date: dt.date | None = None  # moved from (moved)


def before_kind(offset: int, date: dt.date) -> str:
    """The kind of the reminder `offset` days before a meeting on `date`."""
    return f"before:{offset}:{date.isoformat()}"


def moved_kind(number: int, old: dt.date, new: dt.date) -> str:
    """The kind of the `number`th move notice of a meeting."""
    return f"moved:{number}:{old.isoformat()}>{new.isoformat()}"


def cancelled_kind(date: dt.date) -> str:
    """The kind of the notice that a meeting on `date` is cancelled."""
    return f"cancelled:{date.isoformat()}"


def parse_kind(kind: str) -> Kind:
    """The parts of a kind written by the functions above."""
    head, _, rest = kind.partition(":")
    if head == "before":
        offset, _, day = rest.partition(":")
        return Kind("before", dt.date.fromisoformat(day), offset=int(offset))
    if head == "moved":
        _, _, span = rest.partition(":")
        old, _, new = span.partition(">")
        return Kind("moved", dt.date.fromisoformat(new), old_date=dt.date.fromisoformat(old))
    if head in ("cancelled", "summary"):
        return Kind(head, dt.date.fromisoformat(rest))
    raise ValueError(f"unknown reminder kind {kind!r}")


def post_key(meeting_id: int, kind: str) -> str:
    """The key a post carries in its message metadata (the channel is where it is looked for)."""
    return f"{meeting_id}:{kind}"


# --- When reminders fall due ----------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """A body's reminder settings: days before the meeting, and the local time of day."""

    offsets: tuple[int, ...]
    at: dt.time

    @classmethod
    def of(cls, offsets: Iterable[int] | None, at: str | None) -> Schedule:
        """From the body's columns; bad or missing values fall back to the defaults (7, 1; 09:00)."""
        clean = tuple(sorted({int(o) for o in (offsets or (7, 1)) if int(o) >= 0}, reverse=True))
        try:
            hour, minute = (int(p) for p in (at or "09:00").split(":"))
            when = dt.time(hour, minute)
        except ValueError:
            when = dt.time(9, 0)
        return cls(clean or (7, 1), when)


def due_moment(meeting_date: dt.date, offset: int, at: dt.time, tz: ZoneInfo) -> dt.datetime:
    """The UTC moment of the reminder: wall-clock `at` on the local day `offset` days before.

    The day is counted on the calendar, not in 24-hour steps, so 09:00 stays 09:00 across the
    daylight-saving changes. A time inside the spring gap is read with the offset before it.
    """
    local = dt.datetime.combine(meeting_date - dt.timedelta(days=offset), at, tzinfo=tz)
    return local.astimezone(dt.UTC)


def ahead_until(meeting_date: dt.date, starts_at: dt.datetime | None, tz: ZoneInfo) -> dt.datetime:
    """Until when a meeting still lies ahead: its start, or the end of its day when no time is known."""
    if starts_at is not None:
        return starts_at
    return dt.datetime.combine(meeting_date + dt.timedelta(days=1), dt.time(0), tzinfo=tz).astimezone(dt.UTC)


def latest_due(
    schedule: Schedule, meeting_date: dt.date, starts_at: dt.datetime | None, now: dt.datetime, tz: ZoneInfo
) -> tuple[int, dt.datetime] | None:
    """The offset (and moment) of the latest reminder due by `now`, if the meeting is still ahead."""
    end = ahead_until(meeting_date, starts_at, tz)
    if now >= end:
        return None
    due = [(due_moment(meeting_date, o, schedule.at, tz), o) for o in schedule.offsets]
    due = [(moment, o) for moment, o in due if moment <= now and moment < end]
    if not due:
        return None
    moment, offset = max(due)
    return offset, moment


# --- Claiming, recording, giving back -------------------------------------------------------------


@dataclass(frozen=True)
class Claimed:
    """A post this worker now owns; `attempts` counts this one (above 1: it may have gone out)."""

    id: int
    meeting_id: int
    kind: str
    channel: str
    due_at: dt.datetime
    attempts: int

    @property
    def platform(self) -> str:
        return self.channel.partition(":")[0]

    @property
    def channel_id(self) -> str:
        return self.channel.partition(":")[2]

    @property
    def key(self) -> str:
        return post_key(self.meeting_id, self.kind)


QUEUE = LeaseQueue(POSTS)
claimable = QUEUE.claimable
# Built once with bound parameters: each pass only binds the moments (no statement building).
_ANYTHING_DUE = QUEUE.anything_due()


def anything_due(session: Session, *, now: dt.datetime, lease: dt.timedelta) -> bool:
    """True when some post is ready to claim: two range probes on (state, due_at), no rows read."""
    return bool(session.scalar(_ANYTHING_DUE, {"now": now, "stale": now - lease}))


def claim(
    session: Session,
    *,
    now: dt.datetime,
    worker: str,
    platforms: Sequence[str],
    lease: dt.timedelta,
    limit: int,
) -> list[Claimed]:
    """Take up to `limit` due posts for this worker, oldest first; no other worker gets them."""
    if not platforms:
        return []
    c = POSTS.c
    rows = QUEUE.claim(
        session,
        now=now,
        worker=worker,
        lease=lease,
        limit=limit,
        where=or_(*(c.channel.like(f"{p}:%") for p in platforms)),
        returning=(c.id, c.meeting_id, c.kind, c.channel, c.due_at, c.attempts),
    )
    got = [Claimed(r[0], r[1], r[2], r[3], _aware(r[4]), r[5]) for r in rows]
    return sorted(got, key=lambda c: (c.due_at, c.id))


def _aware(value: dt.datetime) -> dt.datetime:
    """RETURNING bypasses the column type on SQLite: restore the UTC offset."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def renew(session: Session, *, post_id: int, worker: str, now: dt.datetime) -> bool:
    """Refresh the claim just before posting; False when the lease was lost to another worker."""
    return QUEUE.renew(session, row_id=post_id, worker=worker, now=now)


def record_posted(session: Session, *, post_id: int, worker: str, now: dt.datetime, ref: str) -> bool:
    """Mark the post as out, with the platform's message reference."""
    return QUEUE.set_if_mine(
        session,
        row_id=post_id,
        worker=worker,
        state="posted",
        posted_at=now,
        message_ref=ref[:200],
        last_error=None,
        next_attempt_at=None,
    )


def record_failure(session: Session, *, post_id: int, worker: str, error: str, retry_at: dt.datetime) -> bool:
    """Give the post back for another attempt at `retry_at`."""
    return QUEUE.give_back(session, row_id=post_id, worker=worker, error=error, retry_at=retry_at)


def record_skipped(session: Session, *, post_id: int, worker: str, reason: str) -> bool:
    """The post is no longer wanted (meeting moved, cancelled, past, or a later reminder is due)."""
    return QUEUE.set_if_mine(session, row_id=post_id, worker=worker, state="skipped", last_error=reason)


def release(session: Session, *, post_ids: Sequence[int], worker: str) -> int:
    """Give back claimed posts that were never attempted (a rate limit or a stop cut the pass)."""
    if not post_ids:
        return 0
    stmt = (
        update(POSTS)
        .where(POSTS.c.id.in_(list(post_ids)), POSTS.c.state == "claimed", POSTS.c.claimed_by == worker)
        .values(state="pending", claimed_by=None, attempts=POSTS.c.attempts - 1)
    )
    return int(session.execute(stmt).rowcount or 0)  # type: ignore[attr-defined]


def posts_of(session: Session, *, meeting_id: int) -> list[ReminderPost]:
    """Every post row of a meeting, oldest first."""
    stmt = select(ReminderPost).where(ReminderPost.meeting_id == meeting_id).order_by(ReminderPost.id)
    return list(session.scalars(stmt))


def waiting(session: Session) -> list[ReminderPost]:
    """Posts not yet out (pending or claimed), by due time: what the next passes will post."""
    stmt = (
        select(ReminderPost)
        .where(ReminderPost.state.in_(("pending", "claimed")))
        .order_by(ReminderPost.due_at, ReminderPost.id)
    )
    return list(session.scalars(stmt))
