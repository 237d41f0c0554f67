"""The secretariat's møteplan: add, move, cancel, list, and where a body's reminders go.

Each function checks everything before it writes, so a refusal (a `DomainError` in Norwegian)
leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager, nullcontext

from sqlalchemy.orm import Session

from handlers import secretariat_texts, texts
from handlers.meeting_view import meeting_label, meeting_when
from handlers.plan_input import parse_channel, parse_day, resolve_body, times_on
from handlers.services import Services
from handlers.types import BadInput, BulletList, Element, Heading, NotFound, Reply, Text
from storage import plan as store
from storage.db import unit_of_work
from storage.models import ConversationRef, Meeting


def _today(services: Services) -> dt.date:
    return services.clock().astimezone(services.tz).date()


def _future(services: Services, day: dt.date) -> dt.date:
    if day < _today(services):
        raise BadInput(
            secretariat_texts.PLAN_PAST.format(date=texts.weekday_date(day))
            + " "
            + secretariat_texts.PLAN_NOTHING_CHANGED
        )
    return day


def _channels_note(session: Session, meeting: Meeting, template: str) -> Text:
    channels = store.channels_of(session, body_id=meeting.body_id)
    if not channels:
        return Text(secretariat_texts.PLAN_NO_CHANNEL.format(body=meeting.body.name))
    names = texts.join_names([f"{c.platform}:{c.channel_id}" for c in channels])
    return Text(template.format(channels=names))


def _work(services: Services, session: Session | None) -> AbstractContextManager[Session]:
    """The caller's unit of work (a chat command's), or one of our own (the command line's)."""
    return nullcontext(session) if session is not None else unit_of_work(services.factory)


def _done(line: str, *extra: Element) -> Reply:
    return Reply((Text(line), *extra), private=True, fallback=line)


def add(
    services: Services,
    *,
    body: str,
    date: str,
    time: str | None,
    place: str | None,
    session: Session | None = None,
) -> Reply:
    """`plan add`: a new planned meeting, or the time and place of the one that day."""
    day = parse_day(date)
    with _work(services, session) as session:
        found = resolve_body(session, body)
        _future(services, day)
        times = times_on(day, time, services.tz)
        existing = store.meeting_on(session, body_id=found.id, date=day)
        if existing is not None and existing.status == "held":
            raise BadInput(_held(existing) + " " + secretariat_texts.PLAN_NOTHING_CHANGED)
        slot = store.Slot(day, times.starts_at, times.ends_at, (place or "").strip() or None)
        meeting, change = store.put_meeting(session, body=found, slot=slot)
        label = meeting_label(meeting, services.tz)
        template = {
            "created": secretariat_texts.PLAN_ADDED,
            "updated": secretariat_texts.PLAN_UPDATED,
            "reinstated": secretariat_texts.PLAN_REINSTATED,
            "unchanged": secretariat_texts.PLAN_UNCHANGED,
        }[change]
        queued = store.queue_due_reminders(session, meeting=meeting, now=services.clock(), tz=services.tz)
        extra = [_channels_note(session, meeting, secretariat_texts.PLAN_REMINDER_QUEUED)] if queued else []
        return _done(template.format(meeting=label), *extra)


def move(
    services: Services,
    *,
    body: str,
    date: str,
    to: str | None,
    time: str | None,
    place: str | None,
    session: Session | None = None,
) -> Reply:
    """`plan move`: a new day, time or place; a notice goes out and the reminders follow."""
    if not (to or time or place):
        raise BadInput(secretariat_texts.PLAN_MOVE_NOTHING)
    day = parse_day(date)
    new_day = parse_day(to) if to else day
    now = services.clock()
    with _work(services, session) as session:
        found = resolve_body(session, body)
        meeting = planned_meeting(session, found.id, found.name, day)
        _future(services, new_day)
        # Without --time the wall-clock times carry over to the new day.
        times = times_on(new_day, time or _span_of(meeting, services), services.tz)
        if new_day != day:
            taken = store.meeting_on(session, body_id=found.id, date=new_day)
            if taken is not None and not store.drop_placeholder(session, meeting=taken):
                date_text = texts.weekday_date(new_day)
                raise BadInput(secretariat_texts.PLAN_TARGET_TAKEN.format(body=found.name, date=date_text))
        old_when = meeting_when(meeting, services.tz)
        slot = store.Slot(new_day, times.starts_at, times.ends_at, (place or "").strip() or None)
        store.move_meeting(session, meeting=meeting, slot=slot, now=now)
        store.queue_due_reminders(session, meeting=meeting, now=now, tz=services.tz)
        line = secretariat_texts.PLAN_MOVED.format(
            body=found.name, old=old_when, meeting=meeting_label(meeting, services.tz)
        )
        return _done(line, _channels_note(session, meeting, secretariat_texts.PLAN_NOTICE_QUEUED))


def cancel(services: Services, *, body: str, date: str, session: Session | None = None) -> Reply:
    """`plan cancel`: no more reminders, and a notice in the body's channels."""
    day = parse_day(date)
    with _work(services, session) as session:
        found = resolve_body(session, body)
        meeting = planned_meeting(session, found.id, found.name, day)
        _future(services, day)
        store.cancel_meeting(session, meeting=meeting, now=services.clock())
        line = secretariat_texts.PLAN_CANCELLED_DONE.format(meeting=meeting_label(meeting, services.tz))
        return _done(line, _channels_note(session, meeting, secretariat_texts.PLAN_NOTICE_QUEUED))


def listing(services: Services, *, body: str | None, include_past: bool = False) -> Reply:
    """`plan list`: the coming meetings (every status), per date, with where they came from."""
    with unit_of_work(services.factory) as session:
        found = resolve_body(session, body) if body else None
        rows = store.meetings(
            session,
            body_ids=[found.id] if found else None,
            after=None if include_past else _today(services),
        )
        items = tuple(_list_item(m, services) for m in rows)
    heading = (
        secretariat_texts.PLAN_LIST_HEADING_BODY.format(body=found.name)
        if found
        else secretariat_texts.PLAN_LIST_HEADING
    )
    if not items:
        return Reply(
            (Heading(heading), Text(secretariat_texts.PLAN_LIST_NONE)),
            fallback=secretariat_texts.PLAN_LIST_NONE,
        )
    fallback = secretariat_texts.PLAN_LIST_FALLBACK.format(count=len(items))
    return Reply((Heading(heading), BulletList(items)), fallback=fallback)


def _list_item(meeting: Meeting, services: Services) -> str:
    status = secretariat_texts.PLAN_STATUS.get(meeting.status, meeting.status)
    if meeting.set_by_secretariat:
        status = f"{status}, {secretariat_texts.PLAN_BY_SECRETARIAT}"
    place = f", {meeting.location}" if meeting.location else ""
    when = meeting_when(meeting, services.tz)
    return secretariat_texts.PLAN_LIST_ITEM.format(
        when=when, body=meeting.body.name, place=place, status=status
    )


def set_channel(services: Services, *, body: str, target: str, session: Session | None = None) -> Reply:
    """`channels set`: where a body's reminders go on one platform."""
    platform, channel_id = parse_channel(target)
    with _work(services, session) as session:
        found = resolve_body(session, body)
        previous = store.set_channel(session, body=found, platform=platform, channel_id=channel_id)
        store.queue_due_for_body(session, body=found, now=services.clock(), tz=services.tz)
        known = platform != "teams" or session.get(ConversationRef, channel_id) is not None
    shown = f"{platform}:{channel_id}"
    if previous and previous != channel_id:
        line = secretariat_texts.CHANNEL_REPLACED.format(
            body=found.name, channel=shown, previous=f"{platform}:{previous}"
        )
    else:
        line = secretariat_texts.CHANNEL_SET.format(body=found.name, channel=shown)
    return _done(line) if known else _done(line, Text(secretariat_texts.CHANNEL_TEAMS_UNKNOWN))


def list_channels(services: Services) -> Reply:
    """Every body's reminder channels."""
    with unit_of_work(services.factory) as session:
        rows = store.all_channels(session)
    if not rows:
        return Reply(
            (Text(secretariat_texts.CHANNEL_LIST_NONE),), fallback=secretariat_texts.CHANNEL_LIST_NONE
        )
    items = tuple(secretariat_texts.CHANNEL_LIST_ITEM.format(body=b, channel=f"{p}:{c}") for b, p, c in rows)
    return Reply((BulletList(items),), fallback=items[0])


def planned_meeting(session: Session, body_id: int, body_name: str, day: dt.date) -> Meeting:
    """The planned meeting that day; a held, cancelled or missing one is refused."""
    meeting = store.meeting_on(session, body_id=body_id, date=day)
    date_text = texts.weekday_date(day)
    if meeting is None:
        raise NotFound(
            secretariat_texts.PLAN_NO_MEETING.format(body=body_name, date=date_text)
            + " "
            + secretariat_texts.PLAN_NOTHING_CHANGED
        )
    if meeting.status == "held":
        raise BadInput(_held(meeting) + " " + secretariat_texts.PLAN_NOTHING_CHANGED)
    if meeting.status == "cancelled":
        raise BadInput(secretariat_texts.PLAN_IS_CANCELLED.format(body=body_name, date=date_text))
    return meeting


def _held(meeting: Meeting) -> str:
    return secretariat_texts.PLAN_HELD.format(body=meeting.body.name, date=texts.weekday_date(meeting.date))


def _span_of(meeting: Meeting, services: Services) -> str | None:
    """«10:00-12:30» of a meeting as it stands (local), to carry over to a new day."""
    if meeting.starts_at is None:
        return None
    start = meeting.starts_at.astimezone(services.tz).strftime("%H:%M")
    if meeting.ends_at is None:
        return start
    return f"{start}-{meeting.ends_at.astimezone(services.tz).strftime('%H:%M')}"
