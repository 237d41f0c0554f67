"""When reminders go out: 09:00 Oslo 7 and 1 days before, once, after restarts and downtime, across DST."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session, sessionmaker

from storage.db import unit_of_work

from .standin import SlackStandIn
from .world import FakeClock, add_body, add_meeting, scheduler, states


def _plan(db: sessionmaker[Session], day: str, **kw: object) -> int:
    with unit_of_work(db) as session:
        body = add_body(session, "Styringsgruppen", channel="C0STYRING", **kw)  # type: ignore[arg-type]
        return add_meeting(session, body, day).id


def test_seven_and_one_day_before_at_nine_once_each(db: sessionmaker[Session], standin: SlackStandIn) -> None:
    meeting = _plan(db, "2027-01-14")
    clock = FakeClock("2027-01-07T08:59")
    loop = scheduler(db, clock, standin)
    assert loop.run_once().posted == 0
    clock.set("2027-01-07T09:00")
    assert loop.run_once().posted == 1
    assert loop.run_once().posted == 0  # the same pass again: nothing new
    clock.advance(minutes=30)
    assert scheduler(db, clock, standin).run_once().posted == 0  # a restarted process: nothing either
    clock.set("2027-01-13T08:59:59")
    assert loop.run_once().posted == 0
    clock.set("2027-01-13T09:00:30")
    assert loop.run_once().posted == 1
    assert standin.keys() == [f"{meeting}:before:7:2027-01-14", f"{meeting}:before:1:2027-01-14"]
    assert set(states(db).values()) == {"posted"}
    assert all(p.channel == "C0STYRING" for p in standin.posts)


def test_loop_of_passes_posts_each_reminder_once(db: sessionmaker[Session], standin: SlackStandIn) -> None:
    _plan(db, "2027-01-14")
    clock = FakeClock("2027-01-05T00:00")
    loop = scheduler(db, clock, standin)
    while clock.now < dt.datetime(2027, 1, 15, tzinfo=dt.UTC):  # ten days of passes every 20 minutes
        loop.run_once()
        clock.advance(minutes=20)
    assert len(standin.posts) == 2


def test_per_body_offsets_and_time(db: sessionmaker[Session], standin: SlackStandIn) -> None:
    meeting = _plan(db, "2027-01-14", offsets=[3, 0], at="07:30")
    clock = FakeClock("2027-01-11T07:29")
    loop = scheduler(db, clock, standin)
    loop.run_once()
    clock.set("2027-01-11T07:30")
    loop.run_once()
    clock.set("2027-01-14T07:30")  # the same day, before the meeting at 10:00
    loop.run_once()
    assert standin.keys() == [f"{meeting}:before:3:2027-01-14", f"{meeting}:before:0:2027-01-14"]


def test_after_downtime_only_the_latest_missed_reminder(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    with unit_of_work(db) as session:
        body = add_body(session, "Styringsgruppen", channel="C0STYRING")
        ahead = add_meeting(session, body, "2027-01-14").id  # both its reminders were missed
        add_meeting(session, body, "2027-01-13")  # began this morning: nothing
        add_meeting(session, body, "2027-01-10")  # long past: nothing
        later = add_meeting(session, body, "2027-01-25").id  # its 7-day reminder is not due yet
    clock = FakeClock("2027-01-13T11:00")  # down since before 2027-01-07 09:00
    result = scheduler(db, clock, standin).run_once()
    assert result.posted == 1
    assert standin.keys() == [f"{ahead}:before:1:2027-01-14"]
    clock.set("2027-01-18T09:00")
    scheduler(db, clock, standin).run_once()
    assert standin.keys()[-1] == f"{later}:before:7:2027-01-25"


def test_a_stale_older_reminder_gives_way_to_the_newer(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    """A 7-day reminder still failing when the 1-day one falls due is skipped: members get the newer one."""
    meeting = _plan(db, "2027-01-14")
    clock = FakeClock("2027-01-07T09:00")
    standin.script.append("500")
    loop = scheduler(db, clock, standin, backoff_cap=dt.timedelta(days=10))
    loop.run_once()
    clock.set("2027-01-13T09:05")
    loop.run_once()
    assert standin.keys() == [f"{meeting}:before:1:2027-01-14"]
    assert states(db)[(meeting, "before:7:2027-01-14", "slack:C0STYRING")] == "skipped"


@pytest.mark.parametrize(
    ("meeting_day", "due_utc", "label"),
    [
        # Last Sunday of March 2027 is the 28th: 09:00 that day is 07:00 UTC (CEST), the day before 08:00.
        ("2027-03-29", dt.datetime(2027, 3, 28, 7, 0, tzinfo=dt.UTC), "spring"),
        # Last Sunday of October 2027 is the 31st: 09:00 that day is 08:00 UTC (CET), the day before 07:00.
        ("2027-11-01", dt.datetime(2027, 10, 31, 8, 0, tzinfo=dt.UTC), "autumn"),
    ],
)
def test_nine_oclock_across_daylight_saving(
    db: sessionmaker[Session], standin: SlackStandIn, meeting_day: str, due_utc: dt.datetime, label: str
) -> None:
    meeting = _plan(db, meeting_day, offsets=[1])
    clock = FakeClock(meeting_day)
    clock.now = due_utc - dt.timedelta(days=1)
    loop = scheduler(db, clock, standin)
    posted_at: list[dt.datetime] = []
    while clock.now <= due_utc + dt.timedelta(hours=3):  # passes every 5 minutes across the change
        if loop.run_once().posted:
            posted_at.append(clock.now)
        clock.advance(minutes=5)
    assert posted_at == [due_utc], label
    assert standin.keys() == [f"{meeting}:before:1:{meeting_day}"]


def test_seven_days_before_across_the_spring_change(db: sessionmaker[Session], standin: SlackStandIn) -> None:
    """A week before a meeting in summer time, from winter time: still 09:00 on the wall clock."""
    _plan(db, "2027-04-01")
    clock = FakeClock("2027-03-25T08:59")
    loop = scheduler(db, clock, standin)
    assert loop.run_once().posted == 0
    clock.now = dt.datetime(2027, 3, 25, 8, 0, tzinfo=dt.UTC)  # 09:00 CET
    assert loop.run_once().posted == 1
