"""How a meeting is shown to a member: local times, its label, facts and saksliste; whether it has begun."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers import meeting_texts, texts
from handlers.types import BulletList, Element, Facts, Text
from storage import meeting_queries
from storage.models import Meeting, Treatment


def local_times(meeting: Meeting, tz: ZoneInfo) -> tuple[dt.time | None, dt.time | None]:
    """Start and end as local wall-clock times, None when not known."""
    start = meeting.starts_at.astimezone(tz).time() if meeting.starts_at else None
    end = meeting.ends_at.astimezone(tz).time() if meeting.ends_at else None
    return start, end


def meeting_when(meeting: Meeting, tz: ZoneInfo) -> str:
    """«torsdag 7. desember 2017 kl. 10.00–12.30» (no time when not known)."""
    span = texts.time_span(*local_times(meeting, tz))
    day = texts.weekday_date(meeting.date)
    return f"{day} {span}" if span else day


def meeting_facts(meeting: Meeting, tz: ZoneInfo, *, when: str) -> Facts:
    """«Når», «Tid» and (when known) «Sted» of a meeting: the same in answers and reminders."""
    start, end = local_times(meeting, tz)
    facts: list[tuple[str, str]] = [(meeting_texts.LABEL_WHEN, when)]
    facts.append((meeting_texts.LABEL_TIME, texts.time_span(start, end) or meeting_texts.TIME_UNKNOWN))
    if meeting.location:
        facts.append((meeting_texts.LABEL_PLACE, meeting.location))
    return Facts(tuple(facts))


def agenda_element(session: Session, meeting: Meeting) -> Element:
    """The saksliste as a list, or a line saying it is not known yet."""
    return agenda_of(meeting_queries.agenda(session, meeting_id=meeting.id))


def agenda_of(agenda: Sequence[Treatment]) -> Element:
    """The saksliste read already (storage.meeting_queries.agendas) as a list, or «not known yet»."""
    if not agenda:
        return Text(meeting_texts.AGENDA_UNKNOWN)
    items = tuple(meeting_texts.AGENDA_ITEM.format(sak=t.sak.label, title=t.sak.title) for t in agenda)
    return BulletList(items, title=meeting_texts.AGENDA_TITLE)


def meeting_label(meeting: Meeting, tz: ZoneInfo) -> str:
    """«Styringsgruppen, torsdag 7. desember 2017 kl. 10.00–12.30»."""
    return meeting_texts.MEETING_LABEL.format(body=meeting.body.name, when=meeting_when(meeting, tz))


def meeting_short(meeting: Meeting) -> str:
    """«Styringsgruppen 07.12.2017» (for buttons)."""
    return f"{meeting.body.name} {texts.short_date(meeting.date)}"


def has_started(meeting: Meeting, now: dt.datetime, tz: ZoneInfo) -> bool:
    """True when the meeting has begun (or its day has passed, when no time is known)."""
    if meeting.starts_at is not None:
        return meeting.starts_at <= now
    return meeting.date < now.astimezone(tz).date()
