"""Work moved out of the request: tasks on the server's event loop, database calls in one executor.

A listener writes the delivery down, acknowledges, and spawns the rest as a task here. The
database work (the registry's one unit of work per command) runs in a small thread pool, as Teams
does, so the loop keeps acknowledging; nothing runs in another process.
"""

from __future__ import annotations

import asyncio
import contextvars
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
THREADS = 2  # short transactions; SQLite has one writer anyway, and Python one interpreter lock


class Jobs:
    """Background tasks on the running loop, and the threads their database calls run in."""

    def __init__(self, threads: int = THREADS) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="slack-db")
        # The one small write before each acknowledgement never queues behind answers being made.
        self._ack_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="slack-ack")
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

    async def run_db(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run `fn(*args)` in a thread, without blocking the loop (in a copy of this context: the
        request id and the like go along)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._pool, functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
        )

    async def run_ack(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run `fn(*args)` on the acknowledgement thread (the claim written before ack())."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._ack_pool, functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
        )

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
        """Let running jobs finish (up to `timeout` seconds), then stop the threads."""
        if self._tasks:
            _done, late = await asyncio.wait(set(self._tasks), timeout=timeout)
            for task in late:
                task.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._ack_pool.shutdown(wait=False, cancel_futures=True)
