"""The durable side of the Teams agent: deliveries taken, answered beside the request, recovered.

`take` writes an activity down before it is acknowledged; `spawn` answers a message after the 202
(the turn runs through the SDK's adapter as it would inside the request); `recover` replays what
a crash or an outage left unfinished (at start-up, then every RECOVER_EVERY seconds), once.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

from microsoft_agents.hosting.core import ClaimsIdentity

from bot import metrics
from bot.teams import durable
from bot.teams.durable import Delivery
from storage.clock import system_clock

if TYPE_CHECKING:
    from bot.teams.app import TeamsBot

log = logging.getLogger(__name__)

RECOVER_EVERY = 60.0  # seconds between passes over deliveries left unfinished
LEASE = dt.timedelta(minutes=2)  # a delivery untouched this long is no longer in anyone's hands
MAX_ATTEMPTS = 3  # then the member is told it failed, with an error id
SHUTDOWN_WAIT = 8.0  # seconds answers being made may take to finish when the server stops
# Tests only: seconds a message's answer waits after the acknowledgement (to kill the server there).
DELAY_ENV = "MOTEBOT_TEST_ANSWER_DELAY"


class Deliveries:
    """The deliveries this process answers, and the tasks answering them."""

    def __init__(self, bot: TeamsBot) -> None:
        self.bot = bot
        self.owned: dict[str, Delivery] = {}  # key → delivery being answered here
        self._tasks: set[asyncio.Task[None]] = set()
        self._delay = float(os.environ.get(DELAY_ENV) or 0)

    @property
    def busy(self) -> bool:
        """True while an acknowledged message is still being answered here."""
        return bool(self._tasks)

    async def take(self, key: str, activity: Any, claims: dict[str, Any]) -> Delivery | None:
        """Write the delivery down (before the acknowledgement); None when it was already taken."""
        delivery = await asyncio.to_thread(durable.claim, self.bot.services, key, activity, claims)
        if delivery is None:
            log.info("Teams delivery %s already handled", key)
        else:
            self.owned[key] = delivery
        return delivery

    async def done(self, delivery: Delivery) -> None:
        """The delivery is answered (or its failure told): finish it, once."""
        self.owned.pop(delivery.key, None)
        try:
            await asyncio.to_thread(durable.finish, self.bot.services, delivery.key)
        except Exception:  # the recovery pass will see it again; a repeat answer is refused there
            log.warning("Teams delivery %s: could not mark it done", delivery.key, exc_info=True)

    def spawn(self, delivery: Delivery) -> None:
        """Answer the delivery beside the request (which is acknowledged already)."""
        task = asyncio.get_running_loop().create_task(self._answer(delivery, delay=self._delay))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _answer(self, delivery: Delivery, *, delay: float = 0) -> None:
        self.owned[delivery.key] = delivery
        try:
            if delay:
                await asyncio.sleep(delay)
            identity = ClaimsIdentity(delivery.claims) if delivery.claims else ClaimsIdentity()
            await self.bot.adapter.process_activity(identity, delivery.activity, self.bot.agent.on_turn)
        except Exception:
            log.exception("Teams delivery %s failed", delivery.key)
        await self.done(delivery)

    async def recover(self, before: dt.datetime) -> int:
        """Replay every delivery left pending or answered since before `before`; how many."""
        found = await asyncio.to_thread(durable.unfinished, self.bot.services, before=before)
        for delivery in found:
            log.info("Teams: finishing %s (attempt %d)", delivery.key, delivery.attempts)
            # Counted, and in a task of its own with a fresh request id for its log lines.
            await metrics.recovered("teams", asyncio.ensure_future, self._answer(delivery))
        return len(found)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """The server's lifespan: recover at start (everything from before is an orphan), then
        every RECOVER_EVERY seconds; at the end, let answers being made finish."""
        loop = asyncio.get_running_loop()
        recovering = loop.create_task(self._every(RECOVER_EVERY, self.recover, first=system_clock()))
        try:
            yield
        finally:
            recovering.cancel()
            if self._tasks:
                await asyncio.wait(set(self._tasks), timeout=SHUTDOWN_WAIT)

    async def _every(self, seconds: float, work: Callable[[dt.datetime], Any], *, first: dt.datetime) -> None:
        before: dt.datetime | None = first
        while True:
            try:
                await work(before or system_clock() - LEASE)
            except Exception:
                log.warning("Teams: recovery pass failed", exc_info=True)
            before = None
            await asyncio.sleep(seconds)
