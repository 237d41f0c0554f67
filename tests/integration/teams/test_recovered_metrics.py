"""A Teams delivery a crash left behind, finished by the recovery pass: counted in /metrics'
motebot_deliveries_recovered_total, and answered under a request id of its own, which is the code
the member is told when it fails and the id of that failure's log line."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Callable, Iterator

import pytest
from microsoft_agents.activity import Activity

from bot import metrics
from bot.logs import JsonFormatter, RequestIdFilter
from bot.teams import durable
from bot.teams.adapter import event_key
from handlers.errors import REQUEST_ID
from handlers.services import Services
from handlers.types import Invocation, Reply
from storage.clock import system_clock
from tests.integration.teams import activities as act
from tests.integration.teams.conftest import TeamsClient
from tests.integration.teams.test_durable import LATER


@pytest.fixture
def logged() -> Iterator[io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    yield out
    logging.getLogger().removeHandler(handler)


def _broken(_invocation: Invocation, _services: Services) -> Reply:
    raise RuntimeError("the answer could not be made")


def test_a_recovered_delivery_is_counted_and_has_its_own_request_id(
    make_teams: Callable[..., TeamsClient], services: Services, logged: io.StringIO
) -> None:
    teams = make_teams(handle=_broken)
    assert teams.bot is not None
    activity = Activity.model_validate(act.personal_message(teams.connector.url, "neste møte"))
    key = event_key(activity)
    assert key is not None and durable.claim(services, key, activity, {}) is not None
    before = metrics.RECOVERED.labels("teams")._value.get()

    assert asyncio.run(teams.bot.deliveries.recover(system_clock() + LATER)) == 1

    assert metrics.RECOVERED.labels("teams")._value.get() == before + 1
    assert REQUEST_ID.get() is None  # the pass itself keeps none
    failures = [e for e in map(json.loads, logged.getvalue().splitlines()) if e["level"] == "ERROR"]
    assert failures and all(e["request_id"] for e in failures)
    request_id = failures[0]["request_id"]
    [told] = teams.connector.sent
    assert request_id in json.dumps(told.activity, ensure_ascii=False, default=str)
