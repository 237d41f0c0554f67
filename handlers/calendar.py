"""The møteplan as an iCalendar feed (RFC 5545), per body or for all, for Outlook and Google."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText
from sqlalchemy.orm import Session

from handlers import meeting_texts, secretariat_texts
from handlers.types import NotFound
from language.folding import fold
from storage import directory, meeting_queries
from storage import plan as store
from storage.models import Body, Meeting

HISTORY = dt.timedelta(days=365)  # how far back a feed reaches: last year's meetings stay visible
PRODID = "-//motebot//moteplan//NO"


def slug(name: str) -> str:
    """«Styringsgruppen» → «styringsgruppen»; «Regionrådet Vest» → «regionradet-vest» (for URLs)."""
    return "-".join(fold(name).split())


def body_for_feed(session: Session, name: str) -> Body:
    """The body named in a feed URL: its name (any case) or its slug."""
    body = store.body_named(session, name=name)
    if body is not None:
        return body
    wanted = slug(name)
    for candidate in directory.all_bodies(session):
        if slug(candidate.name) == wanted:
            return candidate
    raise NotFound(secretariat_texts.PLAN_UNKNOWN_BODY.format(name=name))


def feed(session: Session, *, body: Body | None, now: dt.datetime, tz: ZoneInfo) -> bytes:
    """The calendar of one body (or every body): held, planned and cancelled meetings from a year back."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = (
        secretariat_texts.ICS_CALENDAR_NAME.format(body=body.name)
        if body
        else secretariat_texts.ICS_CALENDAR_NAME_ALL
    )
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", str(tz))
    after = (now - HISTORY).astimezone(tz).date()
    meetings = store.meetings(session, body_ids=[body.id] if body else None, after=after)
    for meeting in meetings:
        cal.add_component(_event(session, meeting, now=now, tz=tz))
    # VTIMEZONE spelled out only for the years the feed spans (the library's default is 1970-2038).
    days = [m.date for m in meetings] or [now.date()]
    first = dt.date(min(days).year - 1, 1, 1)
    last = dt.date(max(days).year + 2, 1, 1)
    cal.add_missing_timezones(first_date=first, last_date=last)
    return bytes(cal.to_ical())


def _event(session: Session, meeting: Meeting, *, now: dt.datetime, tz: ZoneInfo) -> Event:
    """One VEVENT; its UID is the meeting's id, so a moved meeting updates in place."""
    body = meeting.body.name
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@motebot")
    event.add("dtstamp", now.astimezone(dt.UTC))
    if meeting.starts_at is not None:
        event.add("dtstart", meeting.starts_at.astimezone(tz))
        if meeting.ends_at is not None:
            event.add("dtend", meeting.ends_at.astimezone(tz))
    else:  # no time known: an all-day event
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    cancelled = meeting.status == "cancelled"
    summary = secretariat_texts.ICS_SUMMARY_CANCELLED if cancelled else secretariat_texts.ICS_SUMMARY
    event.add("summary", summary.format(body=body))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    if meeting.location:
        event.add("location", meeting.location)
    agenda = meeting_queries.agenda(session, meeting_id=meeting.id)
    if agenda:
        lines = [secretariat_texts.ICS_AGENDA] + [
            meeting_texts.AGENDA_ITEM.format(sak=t.sak.label, title=t.sak.title) for t in agenda
        ]
        event.add("description", "\n".join(lines))
    event.add("categories", [body])
    event["x-motebot-body"] = vText(body)
    return event
