"""The channel summary after a meeting's minutes: queued as a `reminder_posts` row, so it goes out once.

Its kind is «summary:DATE»: the unique (meeting, kind, channel) row is claimed, posted and recorded
by the reminder loop like any reminder, so a re-imported document, a second «Publiser» or two
workers still make one post per channel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from language.sak_numbers import sak_label
from storage import reminder_due
from storage.models import Body, Channel, Meeting, OpenItem, ReminderPost, Sak, Treatment
from storage.open_queries import _still_open

# Minutes of a meeting further back than this are a catch-up import: no automatic post.
RECENT = dt.timedelta(days=30)

Outcome = Literal["queued", "already", "off", "publish", "old", "no_channel", "not_held"]


def summary_kind(date: dt.date) -> str:
    """The kind of the summary post of the meeting on `date`."""
    return f"summary:{date.isoformat()}"


def queue_summary(session: Session, *, meeting: Meeting, now: dt.datetime, publish: bool = False) -> Outcome:
    """Queue the summary in the body's channels as the body's setting says (or now, with `publish`)."""
    if meeting.status != "held":
        return "not_held"
    body = session.get(Body, meeting.body_id)
    assert body is not None
    if not publish:
        if body.summary_mode == "off":
            return "off"
        if body.summary_mode == "publish":
            return "publish"
        if meeting.date < (now - RECENT).date():
            return "old"
    channels = list(session.scalars(select(Channel).where(Channel.body_id == body.id)))
    if not channels:
        return "no_channel"
    kind = summary_kind(meeting.date)
    have = set(
        session.scalars(
            select(ReminderPost.channel).where(
                ReminderPost.meeting_id == meeting.id, ReminderPost.kind == kind
            )
        )
    )
    posts = [
        reminder_due.NewPost(meeting.id, kind, name, now)
        for name in (f"{c.platform}:{c.channel_id}" for c in channels)
        if name not in have
    ]
    if not posts:
        return "already"
    # Two presses at once: the unique row keeps it to one post, the loser's insert does nothing.
    reminder_due.insert_posts(session, posts=posts)
    return "queued"


def queue_after_import(
    session: Session, *, body: str | None, date: dt.date | None, now: dt.datetime
) -> tuple[Meeting | None, Outcome]:
    """After a document was imported: the summary of its meeting, if the meeting is held."""
    if body is None or date is None:
        return None, "not_held"
    stmt = (
        select(Meeting).join(Body, Body.id == Meeting.body_id).where(Body.name == body, Meeting.date == date)
    )
    meeting = session.scalar(stmt)
    if meeting is None:
        return None, "not_held"
    return meeting, queue_summary(session, meeting=meeting, now=now)


def summary_posted(session: Session, *, meeting_id: int) -> bool:
    """True when a summary row of the meeting exists (queued or out)."""
    stmt = select(ReminderPost.id).where(
        ReminderPost.meeting_id == meeting_id, ReminderPost.kind.like("summary:%")
    )
    return session.scalar(stmt.limit(1)) is not None


@dataclass(frozen=True)
class Decided:
    number: int
    year: int
    title: str
    vedtak: str
    series: str = ""

    @property
    def label(self) -> str:
        return sak_label(self.series, self.number, self.year)


def decisions(session: Session, *, meeting_id: int) -> list[Decided]:
    """The saker of the meeting that got a vedtak, in agenda order."""
    stmt = (
        select(Sak.number, Sak.year, Sak.title, Treatment.vedtak, Sak.series)
        .join(Sak, Sak.id == Treatment.sak_id)
        .where(Treatment.meeting_id == meeting_id, Treatment.vedtak.is_not(None))
        .order_by(Treatment.position, Treatment.id)
    )
    return [Decided(r[0], r[1], r[2], r[3] or "", r[4]) for r in session.execute(stmt).all()]


@dataclass(frozen=True)
class StillOpen:
    number: int
    year: int
    title: str
    kind: str  # proposal | recommends | task
    sentence: str
    waits_for_body_id: int | None


def open_from(session: Session, *, meeting: Meeting, limit: int) -> list[StillOpen]:
    """The saker this meeting left open, with the sentence that keeps each open."""
    stmt = (
        select(
            OpenItem.number,
            OpenItem.year,
            Sak.title,
            OpenItem.kind,
            OpenItem.sentence,
            OpenItem.waits_for_body_id,
        )
        .join(Sak, Sak.id == OpenItem.sak_id)
        .where(OpenItem.body_id == meeting.body_id, OpenItem.meeting_date == meeting.date, _still_open())
        .order_by(OpenItem.treatment_position, OpenItem.position)
        .limit(limit)
    )
    return [StillOpen(*r) for r in session.execute(stmt).all()]
