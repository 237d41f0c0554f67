"""Payload → Invocation, click keys, and the modal's checks (no database, no HTTP)."""

from __future__ import annotations

import json

import pytest

from bot.slack.adapter import (
    COMMAND_PATTERN,
    SLASH_COMMANDS,
    action_invocation,
    clean_text,
    click_keys,
    command_invocation,
    message_invocation,
)
from bot.slack.modal import Submission, forfall_view, opens_modal, read_submission
from handlers.registry import command_for


@pytest.mark.parametrize("command", SLASH_COMMANDS)
def test_every_slash_command_matches_the_one_pattern_and_a_registry_command(command: str) -> None:
    assert COMMAND_PATTERN.match(command)
    assert command_for(command) is not None


def test_twins_reach_the_same_command() -> None:
    assert command_for("/neste-mote") == command_for("/neste-møte")
    assert command_for("/moteplan") == command_for("/møteplan")


def test_clean_text() -> None:
    assert clean_text("<@UBOT0001> hva ble vedtatt om &lt;kunst&gt; &amp; kultur?") == (
        "hva ble vedtatt om <kunst> & kultur?"
    )
    assert clean_text("se <https://example.org|lenken> i <#C123|styringsgruppen>") == (
        "se lenken i #styringsgruppen"
    )


def test_command_invocation() -> None:
    body = {
        "command": "/forfall",
        "text": "7.12 pga sykdom",
        "user_id": "U1",
        "channel_id": "D1",
        "channel_name": "directmessage",
        "response_url": "https://r",
        "trigger_id": "1.2.3",
    }
    invocation, target = command_invocation(body)
    assert invocation.command == "forfall" and invocation.text == "7.12 pga sykdom"
    assert invocation.is_direct and invocation.event_key == "slack:command:1.2.3"
    assert target.response_url == "https://r"


def test_message_invocation_ignores_non_members() -> None:
    base = {
        "type": "message",
        "channel_type": "im",
        "user": "U1",
        "text": "hei",
        "channel": "D1",
        "ts": "1.1",
    }
    assert message_invocation(base, event_id="Ev1", bot_user_id="UBOT") is not None
    assert message_invocation({**base, "user": "UBOT"}, event_id="Ev1", bot_user_id="UBOT") is None
    assert (
        message_invocation({**base, "subtype": "message_deleted"}, event_id="Ev1", bot_user_id="UBOT") is None
    )
    assert message_invocation({**base, "channel_type": "channel"}, event_id="Ev1", bot_user_id="UBOT") is None
    assert message_invocation({**base, "text": "<@UBOT>"}, event_id="Ev1", bot_user_id="UBOT") is None
    mention = {**base, "type": "app_mention", "channel_type": None}
    assert message_invocation({**mention, "channel": "C1"}, event_id="Ev2", bot_user_id="UBOT") is not None
    assert message_invocation(mention, event_id="Ev2", bot_user_id="UBOT") is None  # in a DM


def _press(ts: str, value: str = "meeting:8") -> tuple[dict, dict]:
    action = {"action_id": "mb:forfall:0", "value": value, "action_ts": ts}
    body = {"user": {"id": "U1"}, "container": {"type": "message", "message_ts": "9.9"}, "actions": [action]}
    return body, action


def test_presses_under_a_second_apart_share_a_key_and_later_ones_do_not() -> None:
    first = set(click_keys(*_press("100.90")))
    assert first & set(click_keys(*_press("101.20")))  # 0.3 s later, across a second boundary
    assert first & set(click_keys(*_press("100.99")))
    assert not first & set(click_keys(*_press("103.00")))
    assert not first & set(click_keys(*_press("100.95", value="meeting:9")))


def test_a_button_press_becomes_the_command_and_its_value() -> None:
    body, action = _press("100.1", value="24/2016")
    action["action_id"] = "mb:vedtak:3"
    found = action_invocation({**body, "response_url": "https://r", "channel": {"id": "C1"}}, action)
    assert found is not None
    invocation, target = found
    assert (invocation.command, invocation.text) == ("vedtak", "24/2016")
    assert target.response_url == "https://r"
    assert action_invocation(body, {"action_id": "someone_else", "value": "x"}) is None


def test_meld_forfall_opens_the_modal_other_forfall_buttons_act_at_once() -> None:
    assert opens_modal({"action_id": "mb:forfall:0", "value": "meeting:8"})
    assert not opens_modal({"action_id": "mb:forfall:0", "value": "meeting:8 person:3"})
    assert not opens_modal({"action_id": "mb:trekk-forfall:0", "value": "meeting:8"})


def _view(values: dict, allowed: list[int]) -> dict:
    view = forfall_view(
        [(m, f"Møte {m}") for m in allowed],
        selected=allowed[0],
        private_metadata=json.dumps({"r": "https://r", "c": "C1", "m": allowed}),
    )
    return {**view, "state": {"values": values}}


def _values(meeting: str | None, reason: str | None = None, vara: str | None = None) -> dict:
    option = {"value": meeting} if meeting else None
    return {
        "meeting": {"value": {"type": "static_select", "selected_option": option}},
        "reason": {"value": {"type": "plain_text_input", "value": reason}},
        "vara": {"value": {"type": "plain_text_input", "value": vara}},
    }


def test_a_good_submission() -> None:
    got = read_submission(_view(_values("meeting:8", " sykdom ", "Kari B. Hulbakk"), [8, 9]))
    assert got == Submission(8, "sykdom", "Kari B. Hulbakk", "https://r", "C1")


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        (_values(None), {"meeting"}),
        (_values("meeting:77"), {"meeting"}),
        (_values("meeting:8", "x" * 501), {"reason"}),
        (_values("meeting:8", vara="Ola"), {"vara"}),
        (_values("meeting:8", vara="ola nordmann"), {"vara"}),
        (_values("meeting:8", vara="Ola Nordmann 2"), {"vara"}),
        (_values("meeting:8", vara="Å" * 101), {"vara"}),
    ],
)
def test_bad_values_are_field_errors(values: dict, fields: set[str]) -> None:
    got = read_submission(_view(values, [8, 9]))
    assert isinstance(got, dict) and set(got) == fields


def test_the_modal_keeps_slacks_limits() -> None:
    view = forfall_view(
        [(n, "Styringsgruppen, torsdag 7. desember 2017 kl. 10.00–12.30 " * 3) for n in range(100)],
        selected=5,
        private_metadata="{}",
    )
    options = view["blocks"][0]["element"]["options"]
    assert len(options) == 100
    assert all(len(o["text"]["text"]) <= 75 for o in options)
    assert view["blocks"][0]["element"]["initial_option"]["value"] == "meeting:5"
    assert len(view["title"]["text"]) <= 24 and len(view["submit"]["text"]) <= 24
