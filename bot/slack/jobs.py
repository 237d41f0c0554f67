"""Work moved out of the request: the listener acknowledges, the answer is made and posted here.

Jobs run as tasks on the server's event loop; database work goes to a small thread pool so the
loop keeps acknowledging while a handler runs. Nothing is remembered here between deliveries:
each effect is guarded by a key in processed_events.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


class Jobs:
    """Background tasks on the running loop, with a bounded pool for blocking (database) work."""

    def __init__(self, *, threads: int = 4) -> None:
        # Few threads: the work is short database transactions, and SQLite has one writer anyway.
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="slack-job")
        self._tasks: set[asyncio.Task[None]] = set()
        self._idle = threading.Condition()
        self._pending = 0

    def spawn(self, job: Coroutine[Any, Any, None]) -> None:
        """Start `job` on the running loop and return at once (called from a listener)."""
        task = asyncio.get_running_loop().create_task(job)
        with self._idle:
            self._pending += 1
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # Jobs catch and report their own failures; this is the last net.
            log.error("slack job crashed", exc_info=task.exception())
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    async def run_sync(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run blocking `fn` on the pool and wait for it without blocking the loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, functools.partial(fn, *args, **kwargs))

    @property
    def pending(self) -> int:
        """Jobs started and not finished yet."""
        return self._pending

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block (from another thread: a test, the bench) until no job runs; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    async def aclose(self, timeout: float = 10.0) -> None:
        """Let running jobs finish (up to `timeout` seconds), then stop the pool."""
        if self._tasks:
            _done, late = await asyncio.wait(set(self._tasks), timeout=timeout)
            for task in late:
                task.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)
