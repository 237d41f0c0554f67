"""The app of `motebot run` with Slack's OAuth installation flow on (no SLACK_BOT_TOKEN), two
municipalities' workspaces to install, and the same user id U123 in both."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import App
from bot.config import Settings
from bot.server import build_asgi, health_part
from bot.slack.app import SlackBot, slack_part
from handlers.services import Services
from storage import directory, people
from storage.clock import fixed_clock
from storage.db import session_factory, unit_of_work
from storage.installations import slack_bots, slack_installations, slack_oauth_states
from storage.models import Attendance, ChatIdentity, ProcessedEvent
from tests.conftest import DEMO_NOW
from tests.integration.slack import payloads, standin
from tests.integration.slack.conftest import SECRET, ThreadServer

CLIENT_ID = "1111.2222"
# Two municipalities' workspaces; the same user id U123 lives in both, as two different people.
TEAM_A, TOKEN_A, ANITA = "T0KOMMUNEA", "xoxb-kommune-a", "Anita Larsen"  # Rådmannsgruppen only
TEAM_B, TOKEN_B, DAG = "T0KOMMUNEB", "xoxb-kommune-b", "Dag Henaug"  # Styringsgruppen only
USER = "U123"
COOKIE = "slack-app-oauth-state"


@dataclass
class Site:
    url: str
    bot: SlackBot
    standin: standin.StandIn
    db: sessionmaker[Session]
    http: httpx.Client

    def install(self, code: str) -> tuple[httpx.Response, httpx.Response]:
        """The browser's way: /slack/install, (Slack's consent), /slack/oauth_redirect with the cookie."""
        start = self.http.get(self.url + "/slack/install", follow_redirects=False)
        state = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(start.headers["location"]).query))["state"]
        back = self.http.get(
            self.url + "/slack/oauth_redirect",
            params={"code": code, "state": state},
            headers={"Cookie": f"{COOKIE}={state}"},
        )
        return start, back

    def dm(self, text: str, *, team: str, event_id: str) -> httpx.Response:
        event = {**payloads.im_message(text, user=USER, channel="D0" + team[-1]), "team": team}
        body = payloads.event_callback(event, event_id=event_id, team=team)
        head = {"Content-Type": "application/json", **payloads.sign(SECRET, body)}
        return self.http.post(self.url + "/slack/events", content=body, headers=head)

    def idle(self) -> None:
        assert self.bot.jobs.wait_idle(15), "background jobs did not finish"

    def posted(self) -> list[tuple[str | None, dict[str, Any]]]:
        """(Authorization, arguments) of every chat.postMessage."""
        with self.standin.lock:
            return [(c.auth, c.args) for c in self.standin.calls if c.method == "chat.postMessage"]

    def bots(self) -> list[tuple[str, str]]:
        with unit_of_work(self.db) as s:
            rows = s.execute(
                select(slack_bots.c.team_id, slack_bots.c.bot_token).order_by(slack_bots.c.team_id)
            )
            return [(str(t), str(k)) for t, k in rows]


def oauth_app(engine: Engine, api_url: str) -> Any:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=engine.url.render_as_string(hide_password=False),
        slack_bot_token=None,
        slack_client_id=CLIENT_ID,
        slack_client_secret="client-secret",
        slack_signing_secret=SECRET,
        slack_app_token=None,
        slack_api_url=api_url,
    )
    services = Services(factory=session_factory(engine), clock=fixed_clock(DEMO_NOW))
    return build_asgi(
        App(settings=settings, engine=engine, services=services), parts=[health_part, slack_part]
    )


@pytest.fixture(scope="module")
def oauth_served(seeded_engine: Engine, slack_standin: standin.StandIn) -> Iterator[tuple[str, SlackBot]]:
    server = ThreadServer(oauth_app(seeded_engine, slack_standin.api_url))
    yield server.url, server.server.config.app.state.parts["slack"].handle
    server.stop()


def _forget(factory: sessionmaker[Session]) -> None:
    with unit_of_work(factory) as s:
        for table in (slack_bots, slack_installations, slack_oauth_states):
            s.execute(delete(table))
        s.execute(delete(Attendance).where(Attendance.origin == "chat"))
        s.execute(delete(ProcessedEvent))
        s.execute(delete(ChatIdentity).where(ChatIdentity.external_id == USER))


@pytest.fixture
def site(
    oauth_served: tuple[str, SlackBot], seeded_engine: Engine, slack_standin: standin.StandIn
) -> Iterator[Site]:
    url, bot = oauth_served
    factory = session_factory(seeded_engine)
    _forget(factory)
    slack_standin.reset()
    slack_standin.installs.update(
        {"code-a": (TEAM_A, "Kommune A", TOKEN_A), "code-b": (TEAM_B, "Kommune B", TOKEN_B)}
    )
    with httpx.Client(timeout=10) as http:
        yield Site(url, bot, slack_standin, factory, http)
    assert bot.jobs.wait_idle(15)
    _forget(factory)


def _link(site: Site, *, team: str, name: str) -> None:
    with unit_of_work(site.db) as s:
        person = directory.person_by_name(s, name=name)
        assert person is not None
        people.link_identity(
            s, platform="slack", team_id=team, external_id=USER, person_id=person.id,
            linked_by="secretariat", now=DEMO_NOW,
        )  # fmt: skip


def _text(args: dict[str, Any]) -> str:
    blocks = args.get("blocks")
    return json.dumps(json.loads(blocks) if isinstance(blocks, str) else blocks, ensure_ascii=False)
