"""App Home, and what the member sees when Slack's Web API refuses us."""

from __future__ import annotations

import json
import logging
import re
import urllib.parse

import pytest

from tests.integration.slack import payloads
from tests.integration.slack.conftest import KJERSTI, KJERSTI_DM, World


def test_opening_home_publishes_meetings_forfall_and_open_saker(world: World) -> None:
    world.event(payloads.im_message("forfall 7.12 pga sykdom", user=KJERSTI, channel=KJERSTI_DM))
    world.idle()
    assert (
        world.event(payloads.home_opened(user=KJERSTI, channel=KJERSTI_DM), event_id="Ev0HOME").status_code
        == 200
    )
    world.idle()
    [published] = world.standin.of("views.publish")
    assert published["user_id"] == KJERSTI
    view = published["view"]
    assert view["type"] == "home"
    assert len(view["blocks"]) <= 100
    headers = [b["text"]["text"] for b in view["blocks"] if b["type"] == "header"]
    assert headers[0] == "Mine neste møter"
    assert "Mine forfall" in headers and "Åpne saker i mine organer" in headers
    text = str(view["blocks"])
    assert "Neste møte i Rådmannsgruppen" in text and "Neste møte i Styringsgruppen" in text
    assert "7. desember 2017" in text  # her forfall


def test_home_for_a_user_not_linked_says_how_to_be_linked(world: World) -> None:
    world.event(payloads.home_opened(user="U0STRANGER", channel="D0STRANGER"), event_id="Ev0HOME2")
    world.idle()
    [published] = world.standin.of("views.publish")
    text = str(published["view"]["blocks"])
    assert "Jeg vet ikke hvem du er ennå" in text
    assert "Mine forfall" not in text


def test_a_429_is_retried_after_retry_after(world: World) -> None:
    world.standin.fail("chat.postMessage", 429, retry_after="0")
    world.event(payloads.im_message("mine forfall", user=KJERSTI, channel=KJERSTI_DM), event_id="Ev0RATE")
    world.idle()
    calls = world.standin.of("chat.postMessage")
    assert len(calls) == 2  # refused once, then taken
    assert calls[0] == calls[1]


def test_a_failure_is_logged_with_an_id_the_member_also_gets(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    world.standin.fail("views.open", 500, times=3)  # the first try and both retries
    body = payloads.block_actions(
        "mb:forfall:0",
        "meeting:8",
        user=KJERSTI,
        channel="C0STYRING",
        response_url=world.standin.response_url("act"),
        action_ts="1506940020.000001",
    )
    with caplog.at_level(logging.ERROR, logger="bot.slack.app"):
        assert world.interactive(body).status_code == 200
        world.idle()
    assert len(world.standin.of("views.open")) == 3
    [told] = world.standin.of("response_url")
    message = told["text"]
    assert message.startswith("Beklager, noe gikk galt hos oss")
    error_id = re.search(r"feilkode ([0-9a-f]{8})", message)
    assert error_id is not None
    assert any(error_id[1] in r.getMessage() and r.exc_info for r in caplog.records)


def test_angre_on_the_home_tab_answers_in_the_dm_and_refreshes_home(world: World) -> None:
    world.event(payloads.im_message("forfall 7.12", user=KJERSTI, channel=KJERSTI_DM))
    world.idle()
    press = {
        "type": "block_actions",
        "user": {"id": KJERSTI, "username": "kjersti", "name": "kjersti", "team_id": payloads.TEAM},
        "api_app_id": payloads.APP,
        "token": "verification-token-unused",
        "container": {"type": "view", "view_id": "V0HOME01"},
        "trigger_id": "1506940030.123456.abcdef",
        "team": {"id": payloads.TEAM, "domain": "test"},
        "view": {"id": "V0HOME01", "type": "home", "blocks": [], "state": {"values": {}}},
        "actions": [
            {
                "action_id": "mb:trekk-forfall:0",
                "block_id": "b1",
                "value": f"meeting:{world.absences()[0].meeting_id}",
                "type": "button",
                "text": {"type": "plain_text", "text": "Angre"},
                "action_ts": "1506940030.000001",
            }
        ],
    }
    assert (
        world.interactive(urllib.parse.urlencode({"payload": json.dumps(press)}).encode()).status_code == 200
    )
    world.idle()
    assert world.absences() == []
    posted = world.standin.of("chat.postMessage")
    assert posted[-1]["channel"] == KJERSTI  # the app's DM with her
    assert "Forfall trukket" in str(posted[-1]["blocks"])
    [published] = world.standin.of("views.publish")
    assert published["user_id"] == KJERSTI
