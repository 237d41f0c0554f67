"""Slack answers 429 or 5xx, or the process dies after posting: retried, never lost, never doubled."""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage.db import unit_of_work
from storage.models import ReminderPost

from .standin import SlackStandIn
from .world import FakeClock, add_body, add_meeting, scheduler, states


def _plan(db: sessionmaker[Session], days: list[str]) -> list[int]:
    with unit_of_work(db) as session:
        body = add_body(session, "Styringsgruppen", channel="C0STYRING")
        return [add_meeting(session, body, day).id for day in days]


def _row(db: sessionmaker[Session]) -> ReminderPost:
    with unit_of_work(db) as session:
        return session.scalars(select(ReminderPost)).one()


def test_429_is_retried_after_retry_after_inside_the_client(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    _plan(db, ["2027-01-14"])
    standin.script.append("429:0")
    result = scheduler(db, FakeClock("2027-01-07T09:00"), standin).run_once()
    assert result.posted == 1
    assert len(standin.method_calls("chat.postMessage")) == 2
    assert len(standin.posts) == 1


def test_429_beyond_the_client_waits_and_hands_the_batch_back(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    _plan(db, ["2027-01-14", "2027-01-12", "2027-01-13"])
    standin.script.append("429:120")
    clock = FakeClock("2027-01-07T09:00")
    loop = scheduler(db, clock, standin, rate_limit_retries=0)
    result = loop.run_once()
    assert (result.posted, result.failed, result.released) == (0, 1, 2)
    assert set(states(db).values()) == {"pending"}
    clock.advance(seconds=119)
    assert loop.run_once().posted == 2  # the two handed back go; the limited one waits for Retry-After
    clock.advance(seconds=2)
    assert loop.run_once().posted == 1
    assert len(standin.posts) == 3 and len(set(standin.keys())) == 3


def test_5xx_backs_off_then_posts_once(db: sessionmaker[Session], standin: SlackStandIn) -> None:
    (meeting,) = _plan(db, ["2027-01-14"])
    standin.script.extend(["500", "503"])
    clock = FakeClock("2027-01-07T09:00")
    loop = scheduler(db, clock, standin)
    assert loop.run_once().failed == 1
    row = _row(db)
    assert (row.state, row.attempts) == ("pending", 1)
    assert row.next_attempt_at == clock.now + dt.timedelta(seconds=30)
    assert "500" in (row.last_error or "")
    clock.advance(seconds=29)
    assert loop.run_once().failed == 0  # still backing off
    clock.advance(seconds=1)
    assert loop.run_once().failed == 1
    assert _row(db).next_attempt_at == clock.now + dt.timedelta(seconds=60)  # doubled
    clock.advance(seconds=60)
    assert loop.run_once().posted == 1
    assert standin.keys() == [f"{meeting}:before:7:2027-01-14"]
    row = _row(db)
    assert (row.state, row.attempts, row.message_ref) == ("posted", 3, standin.posts[0].ts)
    # Each retry first looked in the channel for the key (a 5xx may hide a message that went out).
    assert len(standin.method_calls("conversations.history")) == 2
    assert all(
        c.get("include_all_metadata") in ("1", "true", True)
        for c in standin.method_calls("conversations.history")
    )


def test_posted_then_5xx_is_found_in_the_channel_not_posted_again(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    _plan(db, ["2027-01-14"])
    standin.script.append("post_then_500")
    clock = FakeClock("2027-01-07T09:00")
    loop = scheduler(db, clock, standin)
    assert loop.run_once().failed == 1
    clock.advance(minutes=1)
    result = loop.run_once()
    assert (result.posted, result.recovered) == (0, 1)
    assert len(standin.posts) == 1
    assert _row(db).state == "posted" and _row(db).message_ref == standin.posts[0].ts


def test_recovery_pages_through_history(db: sessionmaker[Session], standin: SlackStandIn) -> None:
    """The lost post lies under 250 later messages: recovery reads more than one page."""
    _plan(db, ["2027-01-14"])
    standin.script.append("post_then_500")
    clock = FakeClock("2027-01-07T09:00")
    loop = scheduler(db, clock, standin)
    loop.run_once()
    for n in range(250):
        standin._record({"channel": "C0STYRING", "text": f"prat {n}"})
    clock.advance(minutes=1)
    assert loop.run_once().recovered == 1
    assert len(standin.method_calls("conversations.history")) == 2


def test_poster_keeps_to_one_message_a_second_per_channel(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    """Slack's documented pace for chat.postMessage: the stand-in refuses faster, and is never made to."""
    _plan(db, ["2027-01-08", "2027-01-09", "2027-01-10"])
    standin.per_channel_rate = 1.0
    loop = scheduler(
        db, FakeClock("2027-01-07T09:00"), standin, rate_limit_retries=0, per_channel_interval=1.0
    )
    started = time.monotonic()
    assert loop.run_once().posted == 3
    assert time.monotonic() - started >= 1.9
    assert standin.limited == 0
