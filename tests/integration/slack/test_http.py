"""The HTTP endpoint as Slack drives it: signatures, the fast empty acknowledgement, the answer."""

from __future__ import annotations

import json
import os
import signal
import time

import httpx
import pytest
from sqlalchemy import Engine

from storage.clock import Clock
from storage.db import session_factory
from tests.integration.slack import payloads, standin
from tests.integration.slack.conftest import CHANNEL, KJERSTI, SECRET, ThreadServer, World, make_app, seed

# The transport checks do not depend on the database: SQLite is enough for them.
sqlite_only = pytest.mark.parametrize("engine", ["sqlite"], indirect=True)


@pytest.mark.parametrize("command", ["/neste-møte", "/neste-mote"])
def test_slash_command_acks_empty_then_answers_on_the_response_url(world: World, command: str) -> None:
    started = time.perf_counter()
    response = world.command(command, "styringsgruppen")
    took = time.perf_counter() - started
    assert response.status_code == 200
    assert response.content == b""  # nothing shown; the answer follows
    assert took < 1.0
    world.idle()
    [posted] = world.standin.of("response_url")
    assert posted["response_type"] == "ephemeral"
    assert posted["replace_original"] is False
    headers = [b["text"]["text"] for b in posted["blocks"] if b["type"] == "header"]
    assert headers == ["Neste møte i Styringsgruppen"]
    assert "torsdag 7. desember 2017" in str(posted["blocks"])
    assert posted["text"]  # the fallback for notifications
    actions = [b for b in posted["blocks"] if b["type"] == "actions"]
    assert actions[0]["elements"][0]["action_id"].startswith("mb:forfall:")


def test_forged_signature_is_refused_and_changes_nothing(world: World) -> None:
    body = payloads.event_callback(
        payloads.im_message("forfall 7.12", user=KJERSTI, channel="D0KJERSTI"), event_id="Ev0FORGED"
    )
    forged = payloads.sign("not-the-secret", body)
    response = world.send(body, "application/json", signed=forged)
    assert response.status_code == 401
    world.idle()
    assert world.standin.methods() == []
    assert world.absences() == []
    assert world.processed() == 0


def test_stale_timestamp_is_refused_and_changes_nothing(world: World) -> None:
    body = payloads.slash_command(
        "/forfall", "7.12", user=KJERSTI, channel=CHANNEL, response_url=world.standin.response_url()
    )
    stale = payloads.sign(SECRET, body, timestamp=int(time.time()) - 6 * 60)
    response = world.send(body, "application/x-www-form-urlencoded", signed=stale)
    assert response.status_code == 401
    world.idle()
    assert world.standin.methods() == []
    assert world.absences() == []
    assert world.processed() == 0


@sqlite_only
def test_url_verification_answers_the_challenge(world: World) -> None:
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    body = json.dumps({"token": "x", "challenge": challenge, "type": "url_verification"}).encode()
    response = world.send(body, "application/json")
    assert response.status_code == 200
    assert challenge in response.text


@sqlite_only
def test_healthz(world: World) -> None:
    response = world.http.get(world.url + "/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_handler_work_in_a_worker_process_answers_the_same(
    engine: Engine, clock: Clock, slack_standin: standin.StandIn
) -> None:
    slack_standin.reset()
    seed(session_factory(engine), clock)
    server = ThreadServer(make_app(engine, clock, slack_standin.api_url, processes=1))
    try:
        body = payloads.slash_command(
            "/neste-møte",
            "styringsgruppen",
            user=KJERSTI,
            channel=CHANNEL,
            response_url=slack_standin.response_url(),
        )
        head = {"Content-Type": "application/x-www-form-urlencoded", **payloads.sign(SECRET, body)}
        with httpx.Client() as http:
            assert http.post(server.url + "/slack/events", content=body, headers=head).status_code == 200
            http.post(server.url + "/slack/events", content=body, headers=head)  # the same trigger: once
        bot = server.server.config.app.state.parts["slack"].handle
        assert bot.jobs.processes == 1
        assert bot.jobs.wait_idle(30)
    finally:
        server.stop()
    [posted] = slack_standin.of("response_url")
    assert "Neste møte i Styringsgruppen" in str(posted["blocks"])
    assert "torsdag 7. desember 2017" in str(posted["blocks"])


@sqlite_only
def test_when_overloaded_a_command_is_told_to_try_again_at_once(world: World) -> None:
    world.bot.max_backlog = 0
    response = world.command("/neste-møte")
    assert response.status_code == 200
    assert "Prøv igjen om et minutt" in response.text
    world.idle()
    assert world.standin.methods() == []


@sqlite_only
def test_a_killed_worker_process_is_replaced(
    engine: Engine, clock: Clock, slack_standin: standin.StandIn
) -> None:
    slack_standin.reset()
    seed(session_factory(engine), clock)
    server = ThreadServer(make_app(engine, clock, slack_standin.api_url, processes=1))
    bot = server.server.config.app.state.parts["slack"].handle
    try:
        with httpx.Client() as http:

            def command(trigger: str) -> None:
                body = payloads.slash_command(
                    "/neste-møte",
                    "",
                    user=KJERSTI,
                    channel=CHANNEL,
                    response_url=slack_standin.response_url(trigger),
                    trigger=trigger,
                )
                head = {"Content-Type": "application/x-www-form-urlencoded", **payloads.sign(SECRET, body)}
                assert http.post(server.url + "/slack/events", content=body, headers=head).status_code == 200
                assert bot.jobs.wait_idle(30)

            killed = list(bot.jobs._pool._processes)
            for pid in killed:
                os.kill(pid, signal.SIGKILL)
            time.sleep(0.3)
            command("1.1")
            command("2.2")
    finally:
        server.stop()
    first, second = slack_standin.of("response_url")
    # Whatever the dying pool had (this command, or the key sweep at start) fails and is told so
    # with an id; a new pool answers what comes next.
    assert "feilkode" in first["text"] or "Neste møte i" in str(first["blocks"])
    assert "Neste møte i" in str(second["blocks"])
