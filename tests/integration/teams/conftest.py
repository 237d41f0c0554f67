"""Fixtures: the connector stand-in, a small meeting database, and the Teams endpoint served over HTTP."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.teams.app import TeamsBot
from bot.teams.endpoint import build_asgi, build_bot
from handlers.services import Services
from handlers.types import Invocation, Reply
from storage.clock import OSLO, fixed_clock, parse_when
from storage.db import unit_of_work
from storage.models import Body, ChatIdentity, Meeting, Membership, Person
from tests.integration.teams import activities
from tests.integration.teams.standin import Connector, Switch, serve

NOW = parse_when("2017-10-02")


@dataclass(frozen=True)
class Seeded:
    body_id: int
    person_id: int
    meeting_id: int
    other_meeting_id: int


def seed(db: sessionmaker[Session]) -> Seeded:
    """One body, a member linked to the Teams user, a roster member with an e-mail, two planned meetings."""
    with unit_of_work(db) as session:
        body = Body(name="Styringsgruppen")
        per = Person(
            name=activities.USER_NAME, organisation="Drammen", email="per.kierulf@drammen.kommune.no"
        )
        kari = Person(name="Kari Nordmann", organisation="Lier", email="kari.nordmann@lier.kommune.no")
        session.add_all([body, per, kari])
        session.flush()
        session.add_all(
            [
                Membership(person_id=per.id, body_id=body.id, role="member"),
                Membership(person_id=kari.id, body_id=body.id, role="member"),
                ChatIdentity(
                    platform="teams",
                    external_id=activities.USER_AAD,
                    person_id=per.id,
                    linked_by="secretariat",
                    linked_at=NOW,
                ),
            ]
        )
        meetings = []
        for day, start, end in ((dt.date(2017, 12, 7), 10, 12), (dt.date(2018, 2, 22), 9, 11)):
            meeting = Meeting(
                body_id=body.id,
                date=day,
                starts_at=dt.datetime.combine(day, dt.time(start), tzinfo=OSLO),
                ends_at=dt.datetime.combine(day, dt.time(end, 30), tzinfo=OSLO),
                location="Drammen rådhus",
                status="planned",
            )
            session.add(meeting)
            meetings.append(meeting)
        session.flush()
        return Seeded(body.id, per.id, meetings[0].id, meetings[1].id)


@pytest.fixture
def seeded(db: sessionmaker[Session]) -> Seeded:
    return seed(db)


@pytest.fixture
def services(db: sessionmaker[Session]) -> Services:
    return Services(db, clock=fixed_clock(NOW))


@pytest.fixture(scope="session")
def _connector_server() -> Iterator[Connector]:
    stand_in = Connector()
    with serve(stand_in.app()) as url:
        stand_in.url = url
        yield stand_in


@pytest.fixture(scope="session")
def _bot_server() -> Iterator[tuple[Switch, str]]:
    """One server for the whole run; each test puts its own endpoint behind it (starting and
    stopping a server per test cost more than the tests themselves)."""
    switch = Switch()
    with serve(switch) as url:
        yield switch, url


@pytest.fixture
def connector(_connector_server: Connector) -> Connector:
    _connector_server.reset()
    return _connector_server


def settings(**overrides: Any) -> Settings:
    """Settings for tests: nothing read from the environment or .env."""
    values: dict[str, Any] = {
        "teams_app_id": None,
        "teams_app_password": None,
        "teams_tenant_id": activities.TENANT,
        "teams_allow_anonymous": True,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass
class TeamsClient:
    """The served endpoint: post an activity as Teams would."""

    url: str
    bot: TeamsBot | None
    connector: Connector

    def post(self, activity: dict[str, Any], headers: dict[str, str] | None = None) -> httpx.Response:
        """Post, and wait until the answer made beside the acknowledgement has been sent."""
        response = httpx.post(f"{self.url}/api/messages", json=activity, headers=headers or {}, timeout=20)
        deadline = time.monotonic() + 20
        while self.bot is not None and self.bot.deliveries.busy:
            assert time.monotonic() < deadline, "the answer was not sent within 20 s"
            time.sleep(0.005)
        return response


Handle = Callable[[Invocation, Services], Reply]


@pytest.fixture
def make_teams(
    connector: Connector, services: Services, _bot_server: tuple[Switch, str]
) -> Iterator[Callable[..., TeamsClient]]:
    """Serve the endpoint with the given settings and handler (the real registry by default)."""
    switch, url = _bot_server

    def make(handle: Handle | None = None, validator: Any = None, **overrides: Any) -> TeamsClient:
        kwargs: dict[str, Any] = {"handle": handle} if handle is not None else {}
        if validator is not None:
            kwargs["validator"] = validator
        bot = build_bot(settings(**overrides), services, **kwargs)
        switch.target = build_asgi(bot)
        return TeamsClient(url=url, bot=bot, connector=connector)

    yield make
    switch.target = None


@dataclass
class Recorder:
    """A stand-in for the registry: records each Invocation and answers with `reply`."""

    reply: Reply
    seen: list[Invocation]

    def __call__(self, invocation: Invocation, services: Services) -> Reply:
        self.seen.append(invocation)
        return self.reply
