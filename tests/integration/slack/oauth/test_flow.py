"""One app for many workspaces, at HTTP level: install two workspaces through Slack's OAuth flow
(the stand-in answers oauth.v2.access), answer each with its own token, keep their members apart,
and forget a workspace that uninstalls."""

from __future__ import annotations

import logging
import time
import urllib.parse

import pytest
from sqlalchemy import Engine, select

from bot.slack import durable
from bot.slack.adapter import Target
from handlers.services import Services
from handlers.types import Invocation
from storage.clock import fixed_clock
from storage.db import unit_of_work
from storage.installations import slack_installations
from storage.models import Attendance, Person, ProcessedEvent
from tests.conftest import DEMO_NOW
from tests.integration.slack import payloads
from tests.integration.slack.conftest import SECRET, ThreadServer, World
from tests.integration.slack.oauth.conftest import (
    ANITA,
    CLIENT_ID,
    COOKIE,
    DAG,
    TEAM_A,
    TEAM_B,
    TOKEN_A,
    TOKEN_B,
    USER,
    Site,
    _link,
    _text,
    oauth_app,
)


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


def test_a_delivery_left_by_a_crash_is_answered_after_restart_with_its_workspace_token(
    site: Site, seeded_engine: Engine
) -> None:
    site.install("code-a")
    site.install("code-b")
    _link(site, team=TEAM_B, name=DAG)
    # What a server killed between the acknowledgement and the answer leaves behind.
    invocation = Invocation(platform="slack", user_id=USER, text="neste møte", workspace=TEAM_B)
    target = Target(user_id=USER, channel_id="D0B", is_direct=True, team_id=TEAM_B)
    services = Services(factory=site.db, clock=fixed_clock(DEMO_NOW))
    assert durable.claim(services, ["slack:event:Ev0CRASHED"], invocation, target) is not None
    restarted = ThreadServer(oauth_app(seeded_engine, site.standin.api_url))
    try:
        bot = restarted.server.config.app.state.parts["slack"].handle
        deadline = time.monotonic() + 15
        while not site.posted() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert bot.jobs.wait_idle(15)
    finally:
        restarted.stop()
    [(auth, args)] = site.posted()
    assert auth == f"Bearer {TOKEN_B}" and args["channel"] == "D0B"
    assert "Styringsgruppen" in _text(args)


def test_a_command_from_a_workspace_without_an_installation_is_told_so_in_norwegian(site: Site) -> None:
    site.install("code-a")
    body = payloads.slash_command(
        "/neste-møte", "", user=USER, channel="C0B", response_url=site.standin.response_url(), team=TEAM_B
    )
    head = {"Content-Type": "application/x-www-form-urlencoded", **payloads.sign(SECRET, body)}
    response = site.http.post(site.url + "/slack/events", content=body, headers=head)
    site.idle()
    assert response.status_code == 200
    [told] = site.standin.of("response_url")  # bolt answers on the command's response_url
    assert "Møtebot er ikke installert i dette arbeidsområdet" in told["text"]
    assert site.posted() == []
    with unit_of_work(site.db) as s:
        assert s.scalars(select(ProcessedEvent.key)).all() == []  # nothing written down


@pytest.mark.parametrize("seeded_engine", ["sqlite"], indirect=True)
def test_with_one_token_an_uninstall_is_acknowledged_and_logged(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    event = payloads.event_callback({"type": "app_uninstalled"}, event_id="Ev0UNINST9")
    with caplog.at_level(logging.WARNING, logger="bot.slack.install"):
        response = world.send(event, "application/json")
    world.idle()
    assert response.status_code == 200
    assert "SLACK_BOT_TOKEN no longer works" in caplog.text
    assert world.standin.methods() == []
