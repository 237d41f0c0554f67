"""The server of `motebot run` (every default part, Slack configured) on SQLite and PostgreSQL:
a signed Slack command moves the Prometheus counters, /metrics parses, and the code a member is
shown for a failure is the request id of every log line of that request."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine

from bot.app import App
from bot.config import Settings
from bot.logs import JsonFormatter, RequestIdFilter
from bot.server import build_asgi
from bot.slack.app import SlackBot
from handlers import identity
from handlers.services import Services
from storage.clock import fixed_clock
from storage.db import session_factory
from tests.conftest import DEMO_NOW
from tests.integration.slack import payloads, standin
from tests.integration.slack.conftest import CHANNEL, KJERSTI, SECRET, ThreadServer, reset, seeded_engine

__all__ = ["seeded_engine"]  # the module-scoped, seeded database of the Slack tests (both engines)


@pytest.fixture(scope="module")
def slack_standin() -> Iterator[standin.StandIn]:
    stand = standin.start()
    yield stand
    standin.stop(stand)


@pytest.fixture(scope="module")
def server(seeded_engine: Engine, slack_standin: standin.StandIn) -> Iterator[tuple[str, SlackBot]]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=seeded_engine.url.render_as_string(hide_password=False),
        slack_bot_token=standin.TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=slack_standin.api_url,
    )
    services = Services(factory=session_factory(seeded_engine), clock=fixed_clock(DEMO_NOW))
    asgi = build_asgi(App(settings=settings, engine=seeded_engine, services=services))  # default parts
    running = ThreadServer(asgi)
    yield running.url, asgi.state.parts["slack"].handle
    running.stop()


@pytest.fixture
def logged() -> Iterator[io.StringIO]:
    """Every log record of the test as the JSON lines `motebot run` writes."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    yield out
    root.removeHandler(handler)
    root.setLevel(level)


def _command(
    url: str, stand: standin.StandIn, command: str, text: str = "", name: str = "ops"
) -> httpx.Response:
    body = payloads.slash_command(
        command, text, user=KJERSTI, channel=CHANNEL, response_url=stand.response_url(name), trigger=name
    )
    head = {"Content-Type": "application/x-www-form-urlencoded", **payloads.sign(SECRET, body)}
    return httpx.post(url + "/slack/events", content=body, headers=head, timeout=10)


def _samples(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = httpx.get(url + "/metrics", timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    found = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def _value(samples: dict[Any, float], name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def _prepared(server: tuple[str, SlackBot], engine: Engine, stand: standin.StandIn) -> tuple[str, SlackBot]:
    url, bot = server
    assert bot.jobs.wait_idle(15)
    reset(session_factory(engine))
    stand.reset()
    return url, bot


def test_a_signed_command_moves_the_counters_and_metrics_parse(
    server: tuple[str, SlackBot], seeded_engine: Engine, slack_standin: standin.StandIn
) -> None:
    url, bot = _prepared(server, seeded_engine, slack_standin)
    before = _samples(url)
    assert _command(url, slack_standin, "/neste-møte").status_code == 200
    assert _command(url, slack_standin, "/vedtak", "99/2099", name="ops2").status_code == 200
    assert bot.jobs.wait_idle(15)
    after = _samples(url)

    answered = dict(command="neste-møte", outcome="answered")
    assert (
        _value(after, "motebot_commands_total", **answered)
        == _value(before, "motebot_commands_total", **answered) + 1
    )
    refused = dict(command="vedtak", outcome="refused")
    assert (
        _value(after, "motebot_commands_total", **refused)
        == _value(before, "motebot_commands_total", **refused) + 1
    )
    count = "motebot_answer_seconds_count"
    assert _value(after, count, platform="slack") == _value(before, count, platform="slack") + 2
    # Read from the database at the scrape: present, and zero on the seeds (no vara asked yet).
    assert _value(after, "motebot_vara_chain_steps", step="called") == 0
    assert ("motebot_reminders_sent", ()) in after
    assert any(name == "process_resident_memory_bytes" for name, _ in after)


def test_the_code_a_member_is_shown_is_the_request_id_of_the_failure_log(
    server: tuple[str, SlackBot],
    seeded_engine: Engine,
    slack_standin: standin.StandIn,
    logged: io.StringIO,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, bot = _prepared(server, seeded_engine, slack_standin)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the asker could not be resolved")

    monkeypatch.setattr(identity, "resolve_asker", broken)
    before = _samples(url)
    response = _command(url, slack_standin, "/neste-møte", name="broken")
    assert response.status_code == 200
    assert bot.jobs.wait_idle(15)
    request_id = response.headers["x-request-id"]

    # The member's answer: in the acknowledgement (bot/slack/instant.py) or posted to response_url.
    shown = [*slack_standin.of("response_url"), *([response.json()] if response.content else [])]
    assert len(shown) == 1
    assert f"feilkoden {request_id}" in json.dumps(shown[0], ensure_ascii=False)

    lines = [json.loads(line) for line in logged.getvalue().splitlines()]
    failure = [e for e in lines if "handler failed" in e["message"]]
    assert len(failure) == 1
    assert failure[0]["request_id"] == request_id
    assert failure[0]["level"] == "ERROR" and "the asker could not be resolved" in failure[0]["exception"]
    # Every line logged for this request carries its id; no line carries another request's id.
    ids = {e["request_id"] for e in lines if e["request_id"] is not None}
    assert ids == {request_id}

    after = _samples(url)
    failed = dict(command="neste-møte", outcome="error")
    assert (
        _value(after, "motebot_commands_total", **failed)
        == _value(before, "motebot_commands_total", **failed) + 1
    )
    kind = dict(kind="handlers.registry")
    assert _value(after, "motebot_errors_total", **kind) == _value(before, "motebot_errors_total", **kind) + 1


def test_each_request_has_its_own_id(server: tuple[str, SlackBot]) -> None:
    url, _bot = server
    ids = {httpx.get(url + "/healthz", timeout=10).headers["x-request-id"] for _ in range(3)}
    assert len(ids) == 3 and all(len(i) == 8 for i in ids)
