"""The database side of a Slack job: module-level `fn(services, …)` that a worker process runs.

Each returns plain, picklable values (a rendered message, a flag), so the same functions run in
a worker process or, given the app's own Services, in a thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from bot.slack.render import render_message
from handlers import registry
from handlers.services import Services
from handlers.types import Invocation
from storage import events, queries
from storage.clock import system_clock
from storage.db import unit_of_work

KEY_PREFIX = "slack:"  # every processed_events key the Slack app writes starts so


@dataclass(frozen=True)
class Rendered:
    """A reply rendered for Slack, and whether only the asker may see it."""

    blocks: list[dict[str, Any]]
    text: str
    private: bool


def claim(services: Services, keys: Sequence[str], user_id: str) -> tuple[bool, bool]:
    """(claimed, linked): claim the delivery's keys; is this Slack user linked to a person?"""
    with unit_of_work(services.factory) as session:
        # The real time, not the (possibly fixed) member clock: these rows only age out.
        claimed = events.claim_all(session, keys=keys, now=system_clock()) if keys else True
        linked = queries.identity(session, platform="slack", external_id=user_id) is not None
    return claimed, linked


def claim_and_answer(
    services: Services, keys: Sequence[str], invocation: Invocation
) -> Rendered | Literal["duplicate", "needs-email"]:
    """Claim, then answer; "needs-email" when Slack should be asked for a verified e-mail first."""
    claimed, linked = claim(services, keys, invocation.user_id)
    if not claimed:
        return "duplicate"
    if not linked and not invocation.email:
        return "needs-email"
    return answer(services, invocation)


def answer(services: Services, invocation: Invocation) -> Rendered:
    """Route the invocation through the registry and render the reply."""
    reply = registry.handle(invocation, services)
    blocks, text = render_message(reply)
    return Rendered(blocks, text, reply.private)


def forget_old_keys(services: Services, days: int) -> int:
    """Drop Slack's delivery keys older than `days` (retries come within minutes)."""
    cutoff = system_clock() - dt.timedelta(days=days)
    with unit_of_work(services.factory) as session:
        return events.forget_before(session, prefix=KEY_PREFIX, cutoff=cutoff)
