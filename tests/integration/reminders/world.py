"""A small møteplan built straight in the database, a fake clock, and a scheduler wired to the stand-in."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.scheduler import Scheduler, Tuning
from bot.slack.poster import SlackPoster
from handlers.services import Services
from storage.clock import OSLO, parse_when
from storage.db import unit_of_work
from storage.models import Attendance, Body, Channel, Meeting, Person, ReminderPost, Sak, Treatment

from .standin import TOKEN, SlackStandIn


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, when: str) -> None:
        self.now = parse_when(when)

    def __call__(self) -> dt.datetime:
        return self.now

    def set(self, when: str) -> None:
        self.now = parse_when(when)

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def local(day: dt.date, hhmm: str) -> dt.datetime:
    """Oslo wall-clock time on `day`, as aware UTC."""
    hour, minute = (int(p) for p in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=OSLO).astimezone(dt.UTC)


def add_body(
    session: Session,
    name: str,
    *,
    channel: str | None = None,
    offsets: list[int] | None = None,
    at: str = "09:00",
) -> Body:
    body = Body(name=name, reminder_offsets=offsets or [7, 1], reminder_time=at)
    session.add(body)
    session.flush()
    if channel:
        session.add(Channel(body_id=body.id, platform="slack", channel_id=channel))
        session.flush()
    return body


def add_meeting(
    session: Session,
    body: Body,
    day: str,
    *,
    start: str | None = "10:00",
    end: str | None = "12:30",
    place: str | None = "Drammen rådhus",
    status: str = "planned",
) -> Meeting:
    date = dt.date.fromisoformat(day)
    meeting = Meeting(
        body_id=body.id,
        date=date,
        starts_at=local(date, start) if start else None,
        ends_at=local(date, end) if end else None,
        location=place,
        status=status,
    )
    session.add(meeting)
    session.flush()
    return meeting


def add_absence(session: Session, meeting: Meeting, name: str, *, reason: str | None = None) -> None:
    person = session.scalar(select(Person).where(Person.name == name))
    if person is None:
        person = Person(name=name, organisation="Lier")
        session.add(person)
        session.flush()
    session.add(
        Attendance(
            meeting_id=meeting.id,
            person_id=person.id,
            status="absent",
            origin="chat",
            reason=reason,
            position=0,
        )
    )
    session.flush()


def add_sak(
    session: Session, meeting: Meeting, number: int, year: int, title: str, position: int = 0
) -> None:
    sak = Sak(body_id=meeting.body_id, number=number, year=year, title=title)
    session.add(sak)
    session.flush()
    session.add(Treatment(sak_id=sak.id, meeting_id=meeting.id, position=position, text=""))
    session.flush()


def states(factory: sessionmaker[Session]) -> dict[tuple[int, str, str], str]:
    """(meeting, kind, channel) → state, for every post row."""
    with unit_of_work(factory) as session:
        rows = session.execute(
            select(ReminderPost.meeting_id, ReminderPost.kind, ReminderPost.channel, ReminderPost.state)
        )
        return {(r[0], r[1], r[2]): r[3] for r in rows}


def count_posts(factory: sessionmaker[Session], state: str | None = None) -> int:
    with unit_of_work(factory) as session:
        stmt = select(func.count()).select_from(ReminderPost)
        if state:
            stmt = stmt.where(ReminderPost.state == state)
        return int(session.scalar(stmt) or 0)


def scheduler(
    factory: sessionmaker[Session],
    clock: FakeClock,
    standin: SlackStandIn,
    *,
    rate_limit_retries: int = 2,
    per_channel_interval: float = 0.0,
    worker: str | None = None,
    **tuning: object,
) -> Scheduler:
    poster = SlackPoster(
        TOKEN,
        base_url=standin.url,
        rate_limit_retries=rate_limit_retries,
        per_channel_interval=per_channel_interval,
    )
    services = Services(factory=factory, clock=clock, tz=OSLO)
    return Scheduler(services, {"slack": poster}, tuning=Tuning(**tuning), worker=worker)  # type: ignore[arg-type]
