"""The reminder posted in a body's channel, the moved/cancelled notices, and whether each is still wanted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers import meeting_texts, secretariat_chat_texts, secretariat_texts, summary, texts
from handlers.meeting_view import agenda_element, meeting_facts, meeting_when
from handlers.types import BulletList, Button, Buttons, Element, Facts, Heading, Note, Reply, Text
from storage import meeting_queries, reminder_due
from storage import plan as plan_store
from storage import reminders as store
from storage.models import Meeting


@dataclass(frozen=True)
class Skip:
    """The post is no longer wanted; `reason` is for the log (the channel never sees it)."""

    reason: str


def compose(
    session: Session, *, meeting_id: int, kind: str, channel: str, now: dt.datetime, tz: ZoneInfo
) -> Reply | Skip:
    """The message for one post as of `now`, or why it should not go out any more."""
    meeting = meeting_queries.meeting(session, meeting_id=meeting_id)
    if meeting is None:
        return Skip("meeting deleted")
    wanted = {
        f"{c.platform}:{c.channel_id}" for c in plan_store.channels_of(session, body_id=meeting.body_id)
    }
    if channel not in wanted:
        return Skip("the body's channel has changed")
    parsed = store.parse_kind(kind)
    if parsed.type == "summary":  # after the meeting: none of the checks below apply
        held = meeting.status == "held" and parsed.date == meeting.date
        return (
            summary.compose(session, meeting, now=now, tz=tz) if held else Skip("no minutes of the meeting")
        )
    if parsed.date != meeting.date:
        return Skip(f"meeting moved to {meeting.date.isoformat()}")
    if now >= store.ahead_until(meeting.date, meeting.starts_at, tz):
        return Skip("meeting already begun")
    if parsed.type == "cancelled":
        return _cancelled(meeting, tz) if meeting.status == "cancelled" else Skip(f"meeting {meeting.status}")
    if meeting.status != "planned":
        return Skip(f"meeting {meeting.status}")
    if parsed.type == "moved":
        assert parsed.old_date is not None
        return _moved(meeting, parsed.old_date, tz)
    schedule = store.Schedule.of(meeting.body.reminder_offsets, meeting.body.reminder_time)
    latest = store.latest_due(schedule, meeting.date, meeting.starts_at, now, tz)
    if latest is None or latest[0] != parsed.offset:
        return Skip(f"superseded by the reminder {latest[0] if latest else '?'} days before")
    return reminder(session, meeting, now=now, tz=tz)


def reminder(session: Session, meeting: Meeting, *, now: dt.datetime, tz: ZoneInfo) -> Reply:
    """Body, weekday, date, time, place, saksliste, forfall so far (names only) and «Meld forfall»."""
    days = (meeting.date - now.astimezone(tz).date()).days
    body = meeting.body.name
    elements: list[Element] = [
        Heading(secretariat_texts.REMINDER_HEADING.format(body=body, countdown=texts.days_until(days))),
        meeting_facts(meeting, tz, when=texts.weekday_date(meeting.date)),
        agenda_element(session, meeting),
    ]
    # A channel is public to its members: names only, never the reason.
    absent = tuple(a.person.name for a in meeting_queries.absences(session, meeting_id=meeting.id))
    elements.append(
        BulletList(absent, meeting_texts.ABSENT_TITLE) if absent else Text(meeting_texts.ABSENT_NONE)
    )
    elements.append(
        Buttons((Button(meeting_texts.BUTTON_FORFALL, "forfall", f"meeting:{meeting.id}", "primary"),))
    )
    elements.append(Note(secretariat_texts.REMINDER_FORFALL_HINT))
    fallback = secretariat_texts.REMINDER_FALLBACK.format(body=body, when=meeting_when(meeting, tz))
    return Reply(tuple(elements), private=False, fallback=fallback)


def _moved(meeting: Meeting, old: dt.date, tz: ZoneInfo) -> Reply:
    body = meeting.body.name
    new = meeting_when(meeting, tz)
    facts: list[tuple[str, str]] = [(meeting_texts.LABEL_WHEN, new)]
    if meeting.location:
        facts.append((meeting_texts.LABEL_PLACE, meeting.location))
    elements: tuple[Element, ...] = (
        Heading(secretariat_texts.MOVED_HEADING.format(body=body)),
        Text(secretariat_texts.MOVED_TEXT.format(old=texts.weekday_date(old), new=new)),
        Facts(tuple(facts)),
        Buttons((Button(meeting_texts.BUTTON_FORFALL, "forfall", f"meeting:{meeting.id}", "primary"),)),
    )
    return Reply(
        elements, private=False, fallback=secretariat_texts.MOVED_FALLBACK.format(body=body, new=new)
    )


def _cancelled(meeting: Meeting, tz: ZoneInfo) -> Reply:
    body, day = meeting.body.name, texts.weekday_date(meeting.date)
    elements: tuple[Element, ...] = (
        Heading(secretariat_texts.CANCELLED_HEADING.format(body=body)),
        Text(secretariat_texts.CANCELLED_TEXT.format(date=day)),
    )
    return Reply(
        elements, private=False, fallback=secretariat_texts.CANCELLED_FALLBACK.format(body=body, date=day)
    )


def describe_kind(kind: str) -> str:
    """«påminnelse 7 dager før», «melding om flytting» (for `motebot reminders --dry-run`)."""
    parsed = store.parse_kind(kind)
    if parsed.type == "moved":
        return secretariat_texts.REMINDERS_WHAT_MOVED
    if parsed.type == "cancelled":
        return secretariat_texts.REMINDERS_WHAT_CANCELLED
    if parsed.type == "summary":
        return secretariat_chat_texts.REMINDERS_WHAT_SUMMARY
    if parsed.offset == 0:
        return secretariat_texts.REMINDERS_WHAT_SAME_DAY
    if parsed.offset == 1:
        return secretariat_texts.REMINDERS_WHAT_DAY_BEFORE
    return secretariat_texts.REMINDERS_WHAT_BEFORE.format(days=parsed.offset)


def preview(session: Session, *, now: dt.datetime, tz: ZoneInfo, days: int = 30) -> Reply:
    """What the next pass will post, and what falls due in the coming `days` (`--dry-run`)."""
    platforms = plan_store.PLATFORMS
    waiting = store.waiting(session)
    fresh = reminder_due.due_posts(session, now=now, tz=tz, platforms=platforms)
    later = reminder_due.upcoming(
        session, now=now, until=now + dt.timedelta(days=days), tz=tz, platforms=platforms
    )
    labels = reminder_due.meeting_labels(
        session, meeting_ids=[p.meeting_id for p in waiting] + [p.meeting_id for p in (*fresh, *later)]
    )

    def line(meeting_id: int, kind: str, channel: str, when: dt.datetime) -> str:
        body, day = labels.get(meeting_id, ("?", when.date()))
        return secretariat_texts.REMINDERS_ITEM.format(
            when=_local(when, tz),
            channel=channel,
            body=body,
            date=texts.short_date(day),
            what=describe_kind(kind),
        )

    due: list[str] = []
    for post in waiting:
        text = line(post.meeting_id, post.kind, post.channel, post.due_at)
        if post.next_attempt_at is not None and post.next_attempt_at > now:
            error = (post.last_error or "").splitlines()[0][:80] if post.last_error else "-"
            text += secretariat_texts.REMINDERS_RETRY.format(
                when=_local(post.next_attempt_at, tz), error=error
            )
        due.append(text)
    due.extend(line(p.meeting_id, p.kind, p.channel, p.due_at) for p in fresh)
    coming = [line(p.meeting_id, p.kind, p.channel, p.due_at) for p in later]
    elements: list[Element] = [Heading(secretariat_texts.REMINDERS_DUE_HEADING.format(now=_local(now, tz)))]
    elements.append(BulletList(tuple(due)) if due else Text(secretariat_texts.REMINDERS_NONE_DUE))
    elements.append(Heading(secretariat_texts.REMINDERS_LATER_HEADING.format(days=days)))
    elements.append(
        BulletList(tuple(coming))
        if coming
        else Text(secretariat_texts.REMINDERS_NONE_LATER.format(days=days))
    )
    if not reminder_due.targets(session, platforms=platforms):
        elements.append(Note(secretariat_texts.REMINDERS_NO_CHANNELS))
    return Reply(tuple(elements), fallback=f"{len(due)} / {len(coming)}")


def _local(moment: dt.datetime, tz: ZoneInfo) -> str:
    """«2027-01-07 09:00» in the members' time zone."""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")
