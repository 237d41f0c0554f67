"""What an attacker can send /slack/events: oversized, unsigned, malformed; refused cheaply and cleanly."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest

from bot.slack.endpoint import MAX_BODY
from tests.integration.slack import payloads
from tests.integration.slack.conftest import CHANNEL, KJERSTI, SECRET, World

# The transport checks do not depend on the database: SQLite is enough for them.
pytestmark = pytest.mark.parametrize("seeded_engine", ["sqlite"], indirect=True)


def _forfall_body(world: World) -> bytes:
    return payloads.slash_command(
        "/forfall", "7.12", user=KJERSTI, channel=CHANNEL, response_url=world.standin.response_url()
    )


def _nothing_happened(world: World) -> None:
    world.idle()
    assert world.standin.methods() == []
    assert world.absences() == []
    assert world.processed() == 0


def _no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert all(r.exc_info is None for r in caplog.records)
    assert "Traceback" not in caplog.text


def test_a_signed_body_over_the_cap_is_413_and_changes_nothing(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    body = _forfall_body(world) + b"&pad=" + b"x" * MAX_BODY
    response = world.send(body, "application/x-www-form-urlencoded")
    assert response.status_code == 413
    _nothing_happened(world)
    _no_traceback(caplog)


def test_a_streamed_body_without_length_is_cut_at_the_cap(world: World) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        for _ in range(64):  # 4 MB if all of it were read
            sent += 64 * 1024
            yield b"x" * (64 * 1024)

    headers = {"Content-Type": "application/json", **payloads.sign(SECRET, b"")}
    response = world.http.post(world.url + "/slack/events", content=chunks(), headers=headers)
    assert response.status_code == 413
    _nothing_happened(world)


def test_a_body_just_under_the_cap_is_still_read(world: World) -> None:
    body = _forfall_body(world)
    body += b"&pad=" + b"x" * (MAX_BODY - len(body) - 5)
    assert len(body) == MAX_BODY
    assert world.send(body, "application/x-www-form-urlencoded").status_code == 200
    world.idle()
    assert len(world.absences()) == 1


@pytest.mark.parametrize("timestamp", ["abc", "1e9", "", "-5", "0x5a", "9" * 40, "1506940000.5"])
def test_a_timestamp_that_is_no_number_is_401_never_500(
    world: World, caplog: pytest.LogCaptureFixture, timestamp: str
) -> None:
    body = _forfall_body(world)
    signed = payloads.sign(SECRET, body)
    signed["X-Slack-Request-Timestamp"] = timestamp
    caplog.set_level(logging.WARNING)
    response = world.send(body, "application/x-www-form-urlencoded", signed=signed)
    assert response.status_code == 401
    _nothing_happened(world)
    _no_traceback(caplog)


def test_missing_headers_are_401(world: World) -> None:
    response = world.send(_forfall_body(world), "application/x-www-form-urlencoded", signed={})
    assert response.status_code == 401
    _nothing_happened(world)


@pytest.mark.parametrize(
    "body", [b"\xff\xfe\x00{", b"{not json", b"payload=%7B%22type", b"\x00" * 1000], ids=repr
)
def test_a_malformed_unsigned_body_is_401_with_one_log_line(
    world: World, caplog: pytest.LogCaptureFixture, body: bytes
) -> None:
    caplog.set_level(logging.WARNING)
    headers = {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=deadbeef"}
    response = world.send(body, "application/json", signed=headers)
    assert response.status_code == 401
    refusals = [r for r in caplog.records if r.name == "bot.slack.endpoint"]
    assert len(refusals) == 1 and "\n" not in refusals[0].getMessage()
    _no_traceback(caplog)
    _nothing_happened(world)


def test_a_signed_body_that_is_not_utf8_is_400_not_500(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    body = b"command=%2Fforfall&text=\xff\xfe"
    response = world.send(body, "application/x-www-form-urlencoded")
    assert response.status_code == 400
    _nothing_happened(world)
    _no_traceback(caplog)
