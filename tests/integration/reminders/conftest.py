"""Fixtures for the reminder tests: the Slack stand-in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .standin import SlackStandIn, running_standin


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with running_standin() as server:
        yield server
