"""Work moved out of the request: the listener acknowledges, the answer is made and posted here.

Jobs run as tasks on the server's event loop. Their database work (claiming the delivery,
running the handler, rendering) is a plain function `fn(services, *args)`, run either in worker
processes or in a thread pool:

- processes (the default on a machine with two or more cores): the handler's Python runs under
  another interpreter lock than the one acknowledging Slack, so a burst of commands cannot slow
  the acknowledgements; each worker opens its own engine from a `WorkerSpec`;
- threads (one core, or tests that inject their own clock and database): the same functions,
  given the app's own Services.

Nothing is remembered here between deliveries: each effect is guarded by a key in processed_events.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

from handlers.services import Services

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")
DbWork = Callable[Concatenate[Services, P], T]


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker process needs to build the same Services as the app (picklable)."""

    database_url: str
    timezone: str
    now: str | None  # MOTEBOT_NOW, when the clock is fixed


_WORKER_SERVICES: Services | None = None
WORKER_NICENESS = 10
MAX_BATCH = 16  # calls sent to a worker process in one round trip


def _start_worker(spec: WorkerSpec) -> None:
    """Runs once in each worker process: its own engine and clock."""
    global _WORKER_SERVICES
    # Acknowledging Slack within its three seconds matters more than how soon an answer is
    # ready: the workers yield the CPU to the process that serves HTTP.
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    from storage.clock import fixed_clock, parse_when, system_clock
    from storage.db import make_engine, session_factory

    tz = ZoneInfo(spec.timezone)
    clock = fixed_clock(parse_when(spec.now, tz)) if spec.now else system_clock
    engine = make_engine(spec.database_url)
    _WORKER_SERVICES = Services(factory=session_factory(engine), clock=clock, tz=tz)


@dataclass(frozen=True)
class _Call:
    """`fn(services, *args, **kwargs)` waiting for a worker's services (picklable by reference)."""

    fn: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    def __call__(self, services: Services) -> Any:
        return self.fn(services, *self.args, **self.kwargs)


def _run_batch(calls: list[Callable[[Services], Any]]) -> list[tuple[bool, Any]]:
    """What a worker process runs: each call with this process's Services; (ok, result or error)."""
    if _WORKER_SERVICES is None:
        raise RuntimeError("worker process started without its services")
    results: list[tuple[bool, Any]] = []
    for call in calls:
        try:
            results.append((True, call(_WORKER_SERVICES)))
        except Exception as error:
            results.append((False, _picklable(error)))
    return results


def _picklable(error: Exception) -> Exception:
    """The error itself when it survives pickling (most do), else a RuntimeError that says what it was."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def default_processes() -> int:
    """One worker process per core beyond the one that serves HTTP; none on a single core."""
    return max(0, min(4, (os.cpu_count() or 1) - 1))


class Jobs:
    """Background tasks on the running loop, and the pool their database work runs in."""

    @staticmethod
    def _process_pool(processes: int, spec: WorkerSpec) -> ProcessPoolExecutor:
        # spawn, not fork: the parent runs an event loop and threads, which fork would copy.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(processes, mp_context=context, initializer=_start_worker, initargs=(spec,))

    def __init__(self, services: Services, *, spec: WorkerSpec | None = None, processes: int = 0) -> None:
        self.services = services
        self._pool: Executor
        self._spec = spec
        if processes > 0 and spec is not None:
            self._pool = self._process_pool(processes, spec)
            self.processes = processes
        else:
            # Few threads: the work is short transactions, and SQLite has one writer anyway.
            self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="slack-job")
            self.processes = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._queue: list[tuple[Callable[[Services], Any], asyncio.Future[Any]]] = []
        self._in_flight = 0
        self._idle = threading.Condition()
        self._pending = 0

    async def start(self) -> None:
        """Start the worker processes now rather than on the first command."""
        if self.processes:
            loop = asyncio.get_running_loop()
            await asyncio.gather(
                *(loop.run_in_executor(self._pool, os.getpid) for _ in range(self.processes))
            )

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

    async def run_db(self, fn: DbWork[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run `fn(services, *args)` in a worker process or thread, without blocking the loop.

        In process mode `fn` must be a module-level function and its arguments picklable.
        """
        loop = asyncio.get_running_loop()
        if not self.processes:
            return await loop.run_in_executor(
                self._pool, functools.partial(fn, self.services, *args, **kwargs)
            )
        future: asyncio.Future[T] = loop.create_future()
        self._queue.append((_Call(fn, args, kwargs), future))
        self._send_batches()
        return await future

    def _send_batches(self) -> None:
        # Two batches in flight per worker (one running, one waiting, so it never idles); what
        # arrives meanwhile goes together in the next one, so a burst costs the acknowledging
        # process one round trip per batch, not per command.
        while self._in_flight < 2 * self.processes and self._queue:
            batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
            self._in_flight += 1
            asyncio.get_running_loop().create_task(self._send(batch))

    async def _send(self, batch: list[tuple[Callable[[Services], Any], asyncio.Future[Any]]]) -> None:
        try:
            calls = [call for call, _ in batch]
            results = await asyncio.get_running_loop().run_in_executor(self._pool, _run_batch, calls)
            for (_, future), (ok, value) in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(value) if ok else future.set_exception(value)
        except Exception as error:  # a worker died, or a call would not pickle
            if isinstance(error, BrokenProcessPool) and self._spec is not None:
                # A worker was killed (out of memory, say): this batch fails, the next gets a new pool.
                log.error("slack worker process died; starting a new pool", exc_info=error)
                self._pool = self._process_pool(self.processes, self._spec)
            for _, future in batch:
                if not future.done():
                    future.set_exception(error)
        finally:
            self._in_flight -= 1
            self._send_batches()

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
        # Waiting is short (the jobs are done) and lets worker processes exit cleanly.
        await asyncio.get_running_loop().run_in_executor(
            None, functools.partial(self._pool.shutdown, wait=True, cancel_futures=True)
        )
