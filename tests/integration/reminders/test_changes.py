"""A moved meeting: a notice, and its reminders follow. A cancelled one: a notice, and no more reminders."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from handlers import plan_admin
from handlers.services import Services
from storage.clock import OSLO
from storage.db import unit_of_work
from storage.models import Body

from .standin import SlackStandIn
from .world import FakeClock, add_body, add_meeting, scheduler, states


def _plan(db: sessionmaker[Session], day: str = "2027-01-14", channel: str | None = "C0STYRING") -> int:
    with unit_of_work(db) as session:
        return add_meeting(session, add_body(session, "Styringsgruppen", channel=channel), day).id


def _texts(standin: SlackStandIn) -> list[str]:
    return [p.text for p in standin.posts]


def test_moved_meeting_gets_a_notice_and_its_reminders_follow(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    meeting = _plan(db)
    clock = FakeClock("2027-01-07T09:00")
    loop = scheduler(db, clock, standin)
    loop.run_once()
    clock.set("2027-01-08T10:00")
    services = Services(factory=db, clock=clock, tz=OSLO)
    plan_admin.move(
        services, body="Styringsgruppen", date="2027-01-14", to="2027-01-21", time=None, place=None
    )
    assert loop.run_once().posted == 1
    assert (
        _texts(standin)[-1]
        == "Møtet i Styringsgruppen er flyttet til torsdag 21. januar 2027 kl. 10.00–12.30"
    )
    assert "torsdag 14. januar 2027 er flyttet til" in repr(standin.posts[-1].blocks)
    assert "Meld forfall" in repr(standin.posts[-1].blocks)
    for day in ("2027-01-13T09:00", "2027-01-14T09:00", "2027-01-20T09:00"):
        clock.set(day)
        loop.run_once()
    assert standin.keys() == [
        f"{meeting}:before:7:2027-01-14",
        f"{meeting}:moved:1:2027-01-14>2027-01-21",
        f"{meeting}:before:7:2027-01-21",
        f"{meeting}:before:1:2027-01-21",
    ]


def test_moved_into_the_reminder_window_posts_notice_then_reminder(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    meeting = _plan(db, "2027-01-30")
    clock = FakeClock("2027-01-12T10:00")
    services = Services(factory=db, clock=clock, tz=OSLO)
    plan_admin.move(
        services, body="Styringsgruppen", date="2027-01-30", to="2027-01-14", time="13:00-15:00", place=None
    )
    scheduler(db, clock, standin).run_once()
    assert standin.keys() == [f"{meeting}:moved:1:2027-01-30>2027-01-14", f"{meeting}:before:7:2027-01-14"]
    assert "kl. 13.00–15.00" in _texts(standin)[1]


def test_a_reminder_waiting_for_the_old_day_is_skipped(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    meeting = _plan(db)
    standin.script.append("500")
    clock = FakeClock("2027-01-07T09:00")
    loop = scheduler(db, clock, standin)
    assert loop.run_once().failed == 1
    clock.advance(minutes=5)
    services = Services(factory=db, clock=clock, tz=OSLO)
    plan_admin.move(
        services, body="Styringsgruppen", date="2027-01-14", to="2027-02-04", time=None, place=None
    )
    clock.advance(minutes=5)
    result = loop.run_once()
    assert (result.posted, result.skipped) == (1, 1)
    assert standin.keys() == [f"{meeting}:moved:1:2027-01-14>2027-02-04"]
    assert states(db)[(meeting, "before:7:2027-01-14", "slack:C0STYRING")] == "skipped"


def test_cancelled_meeting_gets_a_notice_and_no_more_reminders(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    meeting = _plan(db)
    clock = FakeClock("2027-01-07T09:00")
    loop = scheduler(db, clock, standin)
    loop.run_once()
    clock.set("2027-01-10T12:00")
    services = Services(factory=db, clock=clock, tz=OSLO)
    plan_admin.cancel(services, body="Styringsgruppen", date="2027-01-14")
    loop.run_once()
    for day in ("2027-01-13T09:00", "2027-01-14T09:00"):
        clock.set(day)
        loop.run_once()
        scheduler(db, clock, standin).run_once()  # a fresh process sweeps everything: still nothing
    assert standin.keys() == [f"{meeting}:before:7:2027-01-14", f"{meeting}:cancelled:2027-01-14"]
    assert _texts(standin)[-1] == "Møtet i Styringsgruppen torsdag 14. januar 2027 er avlyst"


def test_cancel_skips_a_reminder_not_yet_out(db: sessionmaker[Session], standin: SlackStandIn) -> None:
    meeting = _plan(db)
    standin.script.append("503")
    clock = FakeClock("2027-01-07T09:00")
    loop = scheduler(db, clock, standin)
    loop.run_once()
    plan_admin.cancel(Services(factory=db, clock=clock, tz=OSLO), body="Styringsgruppen", date="2027-01-14")
    clock.advance(minutes=1)
    loop.run_once()
    assert standin.keys() == [f"{meeting}:cancelled:2027-01-14"]


def test_changed_channel_gets_the_reminder_not_the_old_one(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    meeting = _plan(db)
    standin.script.append("500")
    clock = FakeClock("2027-01-07T09:00")
    loop = scheduler(db, clock, standin)
    loop.run_once()
    plan_admin.set_channel(
        Services(factory=db, clock=clock, tz=OSLO), body="Styringsgruppen", target="slack:C0NYKANAL"
    )
    clock.advance(minutes=1)
    result = loop.run_once()  # the same running loop: no restart or sweep needed
    assert (result.posted, result.skipped) == (1, 1)
    assert [p.channel for p in standin.posts] == ["C0NYKANAL"]
    assert states(db)[(meeting, "before:7:2027-01-14", "slack:C0STYRING")] == "skipped"


def test_a_body_without_a_channel_gets_nothing(db: sessionmaker[Session], standin: SlackStandIn) -> None:
    _plan(db, channel=None)
    assert scheduler(db, FakeClock("2027-01-13T09:00"), standin).run_once().posted == 0
    assert standin.calls == [] and states(db) == {}


def test_a_meeting_a_document_adds_is_reminded_at_the_next_pass(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    """The loader plans meetings without telling anyone: the pass sees the møteplan changed."""
    _plan(db, "2027-02-25")
    clock = FakeClock("2027-01-13T10:00")
    loop = scheduler(db, clock, standin)
    assert loop.run_once().posted == 0
    with unit_of_work(db) as session:
        body = session.scalars(select(Body)).one()
        added = add_meeting(session, body, "2027-01-14").id  # as the import would, straight into the table
    clock.advance(seconds=30)
    assert loop.run_once().posted == 1
    assert standin.keys() == [f"{added}:before:1:2027-01-14"]
