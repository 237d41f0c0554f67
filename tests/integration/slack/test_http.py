"""The HTTP endpoint as Slack drives it: signatures, the fast empty acknowledgement, the answer."""

from __future__ import annotations

import json
import time

import pytest

from bot.slack import instant
from tests.integration.slack import payloads
from tests.integration.slack.conftest import CHANNEL, KJERSTI, SECRET, World

# The transport checks do not depend on the database: SQLite is enough for them.
sqlite_only = pytest.mark.parametrize("seeded_engine", ["sqlite"], indirect=True)


@pytest.mark.parametrize("command", ["/neste-møte", "/neste-mote"])
def test_slash_command_is_answered_in_the_acknowledgement(world: World, command: str) -> None:
    started = time.perf_counter()
    response = world.command(command, "styringsgruppen")
    took = time.perf_counter() - started
    assert response.status_code == 200
    assert took < 1.0
    answer = response.json()  # the member sees this body as the answer
    assert answer["response_type"] == "ephemeral"
    headers = [b["text"]["text"] for b in answer["blocks"] if b["type"] == "header"]
    assert headers == ["Neste møte i Styringsgruppen"]
    assert "torsdag 7. desember 2017" in str(answer["blocks"])
    assert answer["text"]  # the fallback for notifications
    actions = [b for b in answer["blocks"] if b["type"] == "actions"]
    assert actions[0]["elements"][0]["action_id"].startswith("mb:forfall:")
    world.idle()
    assert world.standin.methods() == []  # nothing else was sent
    assert world.processed() == 0  # a read leaves nothing behind


@pytest.mark.parametrize("command", ["/neste-møte"])
def test_slash_command_not_ready_in_time_acks_empty_then_answers_on_the_response_url(
    world: World, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(instant, "BUDGET", 0.0)
    response = world.command(command, "styringsgruppen")
    assert response.status_code == 200
    assert response.content == b""  # nothing shown; the answer follows
    world.idle()
    [posted] = world.standin.of("response_url")
    assert posted["response_type"] == "ephemeral"
    assert posted["replace_original"] is False
    headers = [b["text"]["text"] for b in posted["blocks"] if b["type"] == "header"]
    assert headers == ["Neste møte i Styringsgruppen"]
    assert posted["text"]
    assert world.claimed() == [f"slack:command:{payloads.TRIGGER}"]


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


@sqlite_only
def test_when_overloaded_a_command_is_told_to_try_again_at_once(world: World) -> None:
    world.bot.max_backlog = 0
    response = world.command("/neste-møte")
    assert response.status_code == 200
    assert "Prøv igjen om et minutt" in response.text
    world.idle()
    assert world.standin.methods() == []
