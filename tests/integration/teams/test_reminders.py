"""A reminder reaches the Teams channel whose reference was stored when the app was added — once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.scheduler import Scheduler, Tuning
from bot.teams.poster import UNCONFIRMED, TeamsPoster
from handlers.services import Services
from handlers.types import Reply
from storage.clock import OSLO, fixed_clock
from storage.db import unit_of_work
from storage.models import Channel, ReminderPost
from tests.integration.teams import activities as act
from tests.integration.teams.conftest import Seeded, TeamsClient, settings

# Seven days before the meeting of 7 December 2017, just after 09:00.
DUE = dt.datetime(2017, 11, 30, 9, 5, tzinfo=OSLO)


def _channel_added(make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], seeded: Seeded) -> None:
    """The app is added to the team (reference stored); the secretariat picks its General channel."""
    teams = make_teams()
    assert teams.post(act.bot_added_to_team(teams.connector.url)).status_code == 202
    teams.connector.sent.clear()  # the welcome
    with unit_of_work(db) as session:
        session.add(Channel(body_id=seeded.body_id, platform="teams", channel_id=act.GENERAL_CHANNEL))


def _scheduler(db: sessionmaker[Session], when: dt.datetime, poster: TeamsPoster) -> Scheduler:
    services = Services(db, clock=fixed_clock(when))
    poster.services = services
    tuning = Tuning(backoff_first=dt.timedelta(seconds=1))
    return Scheduler(services, {"teams": poster}, tuning=tuning)


def _poster(db: sessionmaker[Session]) -> TeamsPoster:
    return TeamsPoster(settings(), Services(db, clock=fixed_clock(DUE)))


def test_a_reminder_reaches_the_stored_channel_once(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], seeded: Seeded
) -> None:
    _channel_added(make_teams, db, seeded)
    connector = make_teams().connector
    poster = _poster(db)

    first = _scheduler(db, DUE, poster).run_once()
    again = _scheduler(db, DUE + dt.timedelta(hours=1), poster).run_once()

    assert (first.posted, again.posted) == (1, 0)
    [sent] = connector.sent
    assert sent.conversation_id == act.GENERAL_CHANNEL
    assert sent.reply_to is None  # a new post in the channel, not a reply in someone's thread
    assert sent.activity["conversation"]["id"] == act.GENERAL_CHANNEL
    card = sent.card
    assert card is not None
    shown = " ".join(i["text"] for el in card["body"] for i in el.get("inlines", []))
    assert "Styringsgruppen" in shown
    actions = [a for el in card["body"] if el["type"] == "ActionSet" for a in el["actions"]]
    assert {"action": "forfall", "value": f"meeting:{seeded.meeting_id}"} in [a["data"] for a in actions]
    with unit_of_work(db) as session:
        [row] = session.scalars(select(ReminderPost).where(ReminderPost.state == "posted"))
        assert row.message_ref == sent.id
        assert row.channel == f"teams:{act.GENERAL_CHANNEL}"


def test_throttled_post_is_retried_and_goes_out_once(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], seeded: Seeded
) -> None:
    _channel_added(make_teams, db, seeded)
    connector = make_teams().connector
    connector.fail_next = [429]
    poster = _poster(db)

    first = _scheduler(db, DUE, poster).run_once()
    later = _scheduler(db, DUE + dt.timedelta(minutes=5), poster).run_once()

    assert (first.posted, first.failed) == (0, 1)
    assert later.posted == 1
    assert len(connector.sent) == 1


class _Crash(BaseException):
    """The process dies: not an Exception, so nothing in the scheduler catches it."""


def test_a_crash_between_posting_and_recording_does_not_post_again(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], seeded: Seeded
) -> None:
    _channel_added(make_teams, db, seeded)
    connector = make_teams().connector
    poster = _poster(db)
    real_post = poster.post

    def post_then_die(channel_id: str, reply: Reply, key: str) -> str:
        real_post(channel_id, reply, key)
        raise _Crash

    poster.post = post_then_die  # type: ignore[method-assign]
    with pytest.raises(_Crash):
        _scheduler(db, DUE, poster).run_once()
    poster.post = real_post  # type: ignore[method-assign]

    # Another process, once the dead one's claim has expired.
    result = _scheduler(db, DUE + dt.timedelta(minutes=30), poster).run_once()

    assert (result.posted, result.recovered) == (0, 1)
    assert len(connector.sent) == 1
    with unit_of_work(db) as session:
        [row] = session.scalars(select(ReminderPost).where(ReminderPost.state == "posted"))
        assert row.message_ref == UNCONFIRMED


def test_no_reference_for_the_channel_fails_without_posting(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], seeded: Seeded
) -> None:
    connector = make_teams().connector
    with unit_of_work(db) as session:
        session.add(Channel(body_id=seeded.body_id, platform="teams", channel_id="19:unknown@thread.tacv2"))
    result = _scheduler(db, DUE, _poster(db)).run_once()
    assert (result.posted, result.failed) == (0, 1)
    assert connector.sent == []


def test_poster_uses_no_token_in_local_testing(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], seeded: Seeded
) -> None:
    _channel_added(make_teams, db, seeded)
    connector = make_teams().connector
    _scheduler(db, DUE, _poster(db)).run_once()
    [sent] = connector.sent
    assert (sent.authorization or "").removeprefix("Bearer").strip() == ""
