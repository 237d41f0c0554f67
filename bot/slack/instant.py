"""A slash command answered in its own acknowledgement, when the answer is ready inside a budget.

Slack waits three seconds for a slash command's HTTP response, and a response with blocks is
shown to the member as the answer (ephemeral unless the reply is public). So a command whose
answer is ready within BUDGET needs nothing written down before the acknowledgement: one unit of
work makes the answer (a write command's effect and its idempotency key commit together), and
the acknowledgement carries it. Nothing is pending afterwards, so a crash loses nothing.

What is not ready in time takes the durable path instead (bot/slack/durable.py: claim, empty
acknowledgement, answer on the response_url, recovery after a crash). A write still running when
the budget ends is told, through a `Gate`, to roll back instead of committing; one that was
already committing is waited for, so an effect is never made twice nor answered twice.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.slack.render import render_message
from handlers import registry
from handlers.services import Services
from handlers.types import Invocation, Reply
from storage import events
from storage.clock import system_clock

if TYPE_CHECKING:
    from bot.slack.app import SlackBot

log = logging.getLogger(__name__)

BUDGET = 1.5  # seconds: an answer later than this goes to the response_url (Slack waits 3 s)


@dataclass(frozen=True)
class Posting:
    """A reply rendered for Slack, and whether only the asker may see it."""

    blocks: list[dict[str, Any]]
    text: str
    private: bool

    @classmethod
    def of(cls, reply: Reply) -> Posting:
        try:
            return _rendered(reply)
        except TypeError:  # a reply holding something unhashable is rendered every time
            blocks, text = render_message(reply)
            return cls(blocks, text, reply.private)


@functools.lru_cache(maxsize=1024)
def _rendered(reply: Reply) -> Posting:
    """Rendering is pure, and a kept answer (handlers/reply_cache.py) is one Reply object many times:
    it is rendered once. Nothing changes a Posting's blocks once made (they are only serialised)."""
    blocks, text = render_message(reply)
    return Posting(blocks, text, reply.private)


class Abandoned(events.Taken):
    """The budget ended before this write could commit: it rolls back, the durable path answers."""


class Gate:
    """Who decides, a writer about to commit or the request whose budget ended: the first one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = "open"

    def commit(self) -> bool:
        """In the worker thread, just before COMMIT: False when the request has given up."""
        with self._lock:
            if self._state == "abandoned":
                return False
            self._state = "committing"
            return True

    def abandon(self) -> bool:
        """On the loop when the budget ends: False when a commit is already under way."""
        with self._lock:
            if self._state == "committing":
                return False
            self._state = "abandoned"
            return True


@dataclass(frozen=True)
class Instant:
    """The acknowledgement's content: the answer, or nothing (a repeat of a handled write)."""

    posting: Posting | None

    def ack_args(self) -> dict[str, Any]:
        """Keyword arguments for bolt's ack()."""
        if self.posting is None:
            return {}
        kind = "ephemeral" if self.posting.private else "in_channel"
        return {"text": self.posting.text, "blocks": self.posting.blocks, "response_type": kind}


def answer(services: Services, invocation: Invocation, gate: Gate, *, ask_email: bool) -> Instant:
    """In a worker thread: the registry's answer in one unit of work, rendered.

    A write command renders its answer and writes its idempotency key (state done) in its own
    transaction, just before it commits; a repeat or an abandoned request rolls it back.
    """
    made: list[Posting] = []

    def settle(session: Any, reply: Any) -> None:
        made.append(Posting.of(reply))
        if not gate.commit():
            raise Abandoned(str(invocation.event_key))
        if not events.claim_done(session, key=str(invocation.event_key), now=system_clock()):
            raise events.Taken(str(invocation.event_key))

    try:
        reply = registry.handle(invocation, services, settle=settle, ask_email=ask_email)
    except Abandoned:
        raise
    except events.Taken:
        log.info("slack: %s already handled", invocation.event_key)
        return Instant(None)
    return Instant(made[0] if made else Posting.of(reply))


async def answer_in_time(
    bot: SlackBot, invocation: Invocation, *, team_id: str | None = None
) -> Instant | None:
    """The answer when it is ready within BUDGET seconds; None: not in time (nothing committed).
    `team_id`: the workspace asking (whose token looks the e-mail up, with many)."""
    gate, budget = Gate(), BUDGET

    async def work() -> Instant:
        await bot.test_delay()
        try:
            return await bot.jobs.run_db(answer, bot.services, invocation, gate, ask_email=True)
        except registry.NeedsEmail:
            # Not linked yet: a verified e-mail from Slack lets the registry link by the roster.
            with_email = await bot.with_email(invocation, linked=False, team_id=team_id)
            return await bot.jobs.run_db(answer, bot.services, with_email, gate, ask_email=False)

    task = asyncio.ensure_future(work())
    done, _ = await asyncio.wait({task}, timeout=budget)
    if not done and gate.abandon():
        task.cancel()  # a thread already running finishes on its own and rolls back
        log.info("slack: %s not answered within %.1f s; answering later", invocation.event_key, budget)
        return None
    try:
        return await task
    except Exception:
        log.warning("slack: %s could not be answered at once", invocation.event_key, exc_info=True)
        return None
