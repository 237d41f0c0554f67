"""A part of `motebot run` that drops old delivery keys of every platform (Slack and Teams).

A delivery key makes a platform's retry count once; retries come within minutes, so a key older
than `KEEP` is only weight. Reminder marks in the same table are not delivery keys and stay.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator

from bot.app import App
from bot.parts import Part
from storage import events
from storage.clock import system_clock
from storage.db import unit_of_work

log = logging.getLogger(__name__)

KEEP = dt.timedelta(days=7)
EVERY = 3600.0  # seconds between sweeps


def sweep_once(app_ctx: App, *, keep: dt.timedelta = KEEP) -> int:
    """Drop the delivery keys older than `keep` (by the real clock: the keys are stamped with it)."""
    with unit_of_work(app_ctx.services.factory) as session:
        return events.forget_deliveries(session, cutoff=system_clock() - keep)


def key_sweep_part(app_ctx: App, *, every: float = EVERY) -> Part:
    """Sweep at start-up and then every `every` seconds while the server runs."""

    async def loop() -> None:
        while True:
            try:
                gone = await asyncio.to_thread(sweep_once, app_ctx)
                log.debug("forgot %d old delivery keys", gone)
            except Exception:
                log.warning("could not forget old delivery keys", exc_info=True)
            await asyncio.sleep(every)

    @contextlib.asynccontextmanager
    async def lifespan() -> AsyncIterator[None]:
        task = asyncio.get_running_loop().create_task(loop())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    return Part("delivery-keys", lifespan=lifespan)
