"""One app for many workspaces, at HTTP level: install two workspaces through Slack's OAuth flow
(the stand-in answers oauth.v2.access), answer each with its own token, keep their members apart,
and forget a workspace that uninstalls."""

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
from storage.models import Attendance, ChatIdentity, Person, ProcessedEvent
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


def test_install_redirects_to_slack_with_a_state_cookie_and_saves_the_workspace(site: Site) -> None:
    start, back = site.install("code-a")
    assert start.status_code == 302
    location = urllib.parse.urlsplit(start.headers["location"])
    query = dict(urllib.parse.parse_qsl(location.query))
    assert (location.netloc, location.path) == ("slack.com", "/oauth/v2/authorize")
    assert query["client_id"] == CLIENT_ID
    assert "chat:write" in query["scope"].split(",") and "commands" in query["scope"].split(",")
    cookie = start.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}={query['state']}") and "HttpOnly" in cookie

    assert back.status_code == 200
    assert "Møtebot er lagt til i Kommune A" in back.text
    [access] = site.standin.of("oauth.v2.access")
    assert access["code"] == "code-a"
    assert site.bots() == [(TEAM_A, TOKEN_A)]


def test_a_callback_without_the_browser_cookie_or_with_a_used_state_installs_nothing(site: Site) -> None:
    start = site.http.get(site.url + "/slack/install", follow_redirects=False)
    state = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(start.headers["location"]).query))["state"]
    stranger = site.http.get(site.url + "/slack/oauth_redirect", params={"code": "code-a", "state": state})
    assert stranger.status_code == 400
    assert "Møtebot ble ikke lagt til" in stranger.text and "annen nettleser" in stranger.text
    cookie = {"Cookie": f"{COOKIE}={state}"}
    ok = site.http.get(
        site.url + "/slack/oauth_redirect", params={"code": "code-a", "state": state}, headers=cookie
    )
    assert ok.status_code == 200
    again = site.http.get(
        site.url + "/slack/oauth_redirect", params={"code": "code-b", "state": state}, headers=cookie
    )
    assert again.status_code == 401
    assert "utløpt eller allerede brukt" in again.text
    assert site.bots() == [(TEAM_A, TOKEN_A)]  # code-b was never exchanged
    assert [a["code"] for a in site.standin.of("oauth.v2.access")] == ["code-a"]


def test_a_cancelled_consent_gets_a_norwegian_page(site: Site) -> None:
    response = site.http.get(site.url + "/slack/oauth_redirect", params={"error": "access_denied"})
    assert "du avbrøt i Slack" in response.text
    assert site.bots() == []


def test_each_workspace_is_answered_with_its_own_token(site: Site) -> None:
    site.install("code-a")
    site.install("code-b")
    _link(site, team=TEAM_A, name=ANITA)
    _link(site, team=TEAM_B, name=DAG)
    assert site.dm("neste møte", team=TEAM_B, event_id="Ev0B000001").status_code == 200
    site.idle()
    assert site.dm("neste møte", team=TEAM_A, event_id="Ev0A000001").status_code == 200
    site.idle()
    [(auth_b, to_b), (auth_a, to_a)] = site.posted()
    assert auth_b == f"Bearer {TOKEN_B}" and to_b["channel"] == "D0B"
    assert auth_a == f"Bearer {TOKEN_A}" and to_a["channel"] == "D0A"


def test_the_same_user_id_in_two_workspaces_is_two_people_who_see_only_their_own_body(site: Site) -> None:
    site.install("code-a")
    site.install("code-b")
    _link(site, team=TEAM_A, name=ANITA)
    _link(site, team=TEAM_B, name=DAG)
    steps = [
        (TEAM_A, "møteplan"),
        (TEAM_B, "møteplan"),
        (TEAM_B, "forfall 7.12 er på kurs"),  # Styringsgruppen meets 7.12.2017
        (TEAM_A, "forfall 7.12"),  # Rådmannsgruppen does not: nothing to register for Anita
        (TEAM_A, "mine forfall"),
        (TEAM_B, "mine forfall"),
    ]
    for n, (team, text) in enumerate(steps):
        assert site.dm(text, team=team, event_id=f"Ev0{n:08d}").status_code == 200
        site.idle()
    answers = site.posted()
    assert [auth for auth, _ in answers] == [
        f"Bearer {TOKEN_A if t == TEAM_A else TOKEN_B}" for t, _ in steps
    ]
    plan_a, plan_b, _forfall_b, _forfall_a, mine_a, mine_b = (_text(args) for _, args in answers)
    assert "Rådmannsgruppen" in plan_a and "Styringsgruppen" not in plan_a
    assert "Styringsgruppen" in plan_b and "Rådmannsgruppen" not in plan_b
    assert "7. desember" in mine_b and "7. desember" not in mine_a
    with unit_of_work(site.db) as s:
        absent = s.execute(
            select(Person.name)
            .join(Attendance, Attendance.person_id == Person.id)
            .where(Attendance.origin == "chat")
        ).all()
    assert [name for (name,) in absent] == [DAG]


def test_uninstalling_deletes_the_installation_and_revoking_the_token_deletes_the_bot(site: Site) -> None:
    site.install("code-a")
    site.install("code-b")
    event = payloads.event_callback({"type": "app_uninstalled"}, event_id="Ev0UNINST1", team=TEAM_B)
    head = {"Content-Type": "application/json", **payloads.sign(SECRET, event)}
    assert site.http.post(site.url + "/slack/events", content=event, headers=head).status_code == 200
    site.idle()
    assert site.bots() == [(TEAM_A, TOKEN_A)]
    with unit_of_work(site.db) as s:
        teams = s.scalars(select(slack_installations.c.team_id)).all()
    assert teams == [TEAM_A]

    revoked = payloads.event_callback(
        {"type": "tokens_revoked", "tokens": {"bot": ["UBOT0001"]}}, event_id="Ev0REVOKE1", team=TEAM_A
    )
    head = {"Content-Type": "application/json", **payloads.sign(SECRET, revoked)}
    assert site.http.post(site.url + "/slack/events", content=revoked, headers=head).status_code == 200
    site.idle()
    assert site.bots() == []
