"""How many of our modules one signed `/neste-møte` runs through, from the HTTP request to the answer.

The server is started under a profile hook (so that its threads, and the database threads it
starts, report every call); only the calls of the second command count, the steady state.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from storage.clock import Clock
from storage.db import session_factory
from tests.integration.slack import payloads, standin
from tests.integration.slack.conftest import CHANNEL, KJERSTI, SECRET, ThreadServer, make_app, reset

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.parametrize("seeded_engine", ["sqlite"], indirect=True)


def _modules_of_one_command(engine: Engine, clock: Clock, stand: standin.StandIn) -> set[str]:
    seen: set[str] = set()
    counting = threading.Event()
    prefix = str(ROOT) + "/"

    def profile(frame: FrameType, event: str, _arg: Any) -> None:
        if event == "call" and counting.is_set():
            name = frame.f_code.co_filename
            if name.startswith(prefix) and "/.venv/" not in name and "/tests/" not in name:
                seen.add(name[len(prefix) :])

    threading.setprofile(profile)
    try:
        server = ThreadServer(make_app(engine, clock, stand.api_url))
    finally:
        threading.setprofile(None)  # type: ignore[arg-type]
    try:
        for n in range(2):
            url = stand.response_url()
            body = payloads.slash_command(
                "/neste-møte", "", user=KJERSTI, channel=CHANNEL, response_url=url, trigger=f"{n}"
            )
            head = {"Content-Type": "application/x-www-form-urlencoded", **payloads.sign(SECRET, body)}
            if n == 1:
                counting.set()
            answer = httpx.post(server.url + "/slack/events", content=body, headers=head, timeout=10)
            counting.clear()
            assert "Neste møte i Styringsgruppen" in str(answer.json())
    finally:
        server.stop()
        sys.setprofile(None)
    return seen


# Measured when the answer moved into the acknowledgement (docs/architecture.md lists them): the
# endpoint, listener, adapter, instant answer, job threads and token of bot/slack; registry,
# routing, kept answers, asker and Invocation's edges in handlers; the unit of work, generation,
# asker query and clock in storage; the folding of the command word. Then 20 with the request id
# (bot/logs.py), the metrics observer (bot/metrics.py) and the request-id lookup of handlers/errors.
MOST = 20


def test_a_neste_mote_does_not_cross_more_of_our_modules_than_it_did(
    seeded_engine: Engine, clock: Clock, slack_standin: standin.StandIn
) -> None:
    reset(session_factory(seeded_engine))
    files = _modules_of_one_command(seeded_engine, clock, slack_standin)
    assert "bot/slack/instant.py" in files and "handlers/registry.py" in files  # the hook saw the path
    assert "bot/slack/durable.py" not in files  # nothing written down for later
    assert len(files) <= MOST, sorted(files)
