"""The reminder loop: find what fell due, claim it, render it, post it, record it — once.

Exactly once rests on three things: the unique (meeting, kind, channel) row that is claimed by one
worker at a time; a renewal of that claim just before posting (a worker whose lease ran out does
not post); and, on every attempt after the first, a look in the channel for a message carrying the
post's metadata key, so a crash between posting and recording does not post again.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.notice_sender import NoticeSender
from bot.posters import Poster as Poster
from bot.posters import PostFailed as PostFailed
from handlers import reminders as compose
from handlers.services import Services
from storage import reminder_due
from storage import reminders as store
from storage.db import unit_of_work

log = logging.getLogger("motebot.scheduler")


@dataclass
class PassResult:
    """What one pass did."""

    queued: int = 0
    posted: int = 0
    recovered: int = 0  # found already in the channel (an earlier attempt had posted)
    skipped: int = 0
    failed: int = 0
    released: int = 0
    lost: int = 0  # claims another worker took over
    refs: list[str] = field(default_factory=list)
    notices: dict[str, int] = field(default_factory=dict)  # the secretariat's steps (bot/notice_sender.py)


@dataclass(frozen=True)
class Tuning:
    """How the loop paces itself; the defaults suit production, tests shorten them."""

    interval: float = 30.0  # seconds between passes
    lease: dt.timedelta = dt.timedelta(minutes=10)
    batch: int = 20
    sweep_every: dt.timedelta = dt.timedelta(hours=1)  # a full look, as a safety net
    backoff_first: dt.timedelta = dt.timedelta(seconds=30)
    backoff_cap: dt.timedelta = dt.timedelta(hours=1)


def worker_name() -> str:
    """host:pid:random, unique among the workers sharing a database."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Scheduler:
    """Runs passes against one database and a set of posters (one per platform)."""

    def __init__(
        self,
        services: Services,
        posters: Mapping[str, Poster],
        *,
        tuning: Tuning | None = None,
        worker: str | None = None,
    ) -> None:
        self.services = services
        self.posters = dict(posters)
        self.tuning = tuning or Tuning()
        self.worker = worker or worker_name()
        self._since: dt.datetime | None = None  # reminders up to here have been queued
        self._last_sweep: dt.datetime | None = None
        self._signature: tuple[object, ...] | None = None
        self._reach = 7  # days ahead a reminder can fall due (the longest offset), from the last outlook
        self._last_in_channel: dict[str, float] = {}  # monotonic time of the last post per channel
        self._look: reminder_due.Outlook | None = None
        self._asks_due = False
        self.notices = NoticeSender(services, self.posters, worker=self.worker, tuning=self.tuning)

    @property
    def platforms(self) -> list[str]:
        return sorted(self.posters)

    def run_once(self, stop: threading.Event | None = None) -> PassResult:
        """One pass as of the clock's now: queue what fell due, then post until nothing is claimable."""
        result = PassResult()
        if not self.platforms:
            return result
        now = self.services.clock()
        result.queued, ready = self._queue(now)
        while ready and not (stop and stop.is_set()):
            with unit_of_work(self.services.factory) as session:
                batch = store.claim(
                    session,
                    now=now,
                    worker=self.worker,
                    platforms=self.platforms,
                    lease=self.tuning.lease,
                    limit=self.tuning.batch,
                )
            if not batch or not self._post_batch(batch, result, stop):
                break
            now = self.services.clock()
            with unit_of_work(self.services.factory) as session:
                ready = store.anything_due(session, now=now, lease=self.tuning.lease)
        look = self._look
        if look is not None and (look.expired or look.notices_ready or self._asks_due):
            result.notices = self.notices.run(
                now, expired=look.expired, asks_due=self._asks_due, ready=look.notices_ready
            )
        return result

    def _queue(self, now: dt.datetime) -> tuple[int, bool]:
        """Create the rows of reminders that fell due since the last pass; and is anything ready?

        An idle pass is this one transaction with one query (the outlook, «anything due?» included).
        """
        tz, platforms = self.services.tz, self.platforms
        with unit_of_work(self.services.factory) as session:
            look = reminder_due.outlook(
                session, now=now, tz=tz, platforms=platforms, lease=self.tuning.lease, reach=self._reach
            )
            since = self._since
            sweep = (
                since is None
                or self._last_sweep is None
                or now < since  # the clock went back
                or now - since > dt.timedelta(days=1)
                or look.signature != self._signature  # the møteplan, a channel or a setting changed
                or now - self._last_sweep >= self.tuning.sweep_every
            )
            crossed = not sweep and since is not None and look.crossed(since, now, tz)
            if sweep:
                due = reminder_due.due_posts(session, now=now, tz=tz, platforms=platforms)
            elif crossed:
                due = reminder_due.due_posts(session, now=now, tz=tz, platforms=platforms, since=since)
            else:
                due = []  # nothing crossed, nothing changed: no meeting needs reading
            self._look, self._asks_due = look, bool(look.asks) and (sweep or crossed)
            ready = bool(due) or look.ready
        count = 0
        if due:  # a separate transaction that writes first (SQLite takes its lock up front)
            with unit_of_work(self.services.factory) as session:
                count = reminder_due.insert_posts(session, posts=due)
        self._since, self._signature, self._reach = now, look.signature, look.reach
        if sweep:
            self._last_sweep = now
        return count, ready

    def _post_batch(
        self, batch: list[store.Claimed], result: PassResult, stop: threading.Event | None
    ) -> bool:
        """Post the claimed rows; False when the pass should stop (rate limit, stop requested)."""
        waiting = list(batch)
        while waiting:
            if stop and stop.is_set():
                self._release(waiting, result)
                return False
            post = self._next_ready(waiting, stop)
            if post is None:
                continue
            waiting.remove(post)
            try:
                self._post_one(post, result)
            except PostFailed as exc:
                self._failed(post, exc, result)
                if exc.rate_limited:
                    # The platform asked us to slow down: hand the rest back for the next pass.
                    self._release(waiting, result)
                    return False
            except Exception as exc:  # a bug or an outage: never lose the post, try again later
                log.exception("reminder %s failed", post.key)
                self._failed(post, PostFailed(f"{type(exc).__name__}: {exc}"), result)
        return True

    def _next_ready(self, waiting: list[store.Claimed], stop: threading.Event | None) -> store.Claimed | None:
        """The first post whose channel may take a message now; else wait until one may (None).

        A platform's poster may ask for a gap between posts in one channel (Slack: a second); other
        channels go meanwhile, so a burst for one body does not hold up the rest.
        """
        clock = time.monotonic()
        ready_at = []
        for post in waiting:
            gap = float(getattr(self.posters[post.platform], "per_channel_interval", 0.0))
            at = self._last_in_channel.get(post.channel, -gap) + gap
            if at <= clock:
                return post
            ready_at.append(at)
        pause = min(ready_at) - clock
        if stop is not None:
            stop.wait(pause)
        else:
            time.sleep(pause)
        return None

    def _post_one(self, post: store.Claimed, result: PassResult) -> None:
        now = self.services.clock()
        with unit_of_work(self.services.factory) as session:
            message = compose.compose(
                session,
                meeting_id=post.meeting_id,
                kind=post.kind,
                channel=post.channel,
                now=now,
                tz=self.services.tz,
            )
        if isinstance(message, compose.Skip):
            with unit_of_work(self.services.factory) as session:
                store.record_skipped(session, post_id=post.id, worker=self.worker, reason=message.reason)
            log.info("reminder %s skipped: %s", post.key, message.reason)
            result.skipped += 1
            return
        poster = self.posters[post.platform]
        if post.attempts > 1:
            # An earlier attempt may have posted and died before recording it.
            found = poster.find_posted(post.channel_id, post.key)
            if found is not None:
                self._record(post, found, result, recovered=True)
                return
        with unit_of_work(self.services.factory) as session:
            mine = store.renew(session, post_id=post.id, worker=self.worker, now=self.services.clock())
        if not mine:
            log.warning("reminder %s: claim taken over by another worker; not posting", post.key)
            result.lost += 1
            return
        try:
            ref = poster.post(post.channel_id, message, post.key)
        finally:
            self._last_in_channel[post.channel] = time.monotonic()
        self._record(post, ref, result, recovered=False)

    def _record(self, post: store.Claimed, ref: str, result: PassResult, *, recovered: bool) -> None:
        with unit_of_work(self.services.factory) as session:
            ok = store.record_posted(
                session, post_id=post.id, worker=self.worker, now=self.services.clock(), ref=ref
            )
        if not ok:
            log.warning("reminder %s posted as %s but the claim had moved on", post.key, ref)
        result.refs.append(ref)
        if recovered:
            result.recovered += 1
        else:
            result.posted += 1
        log.info("reminder %s %s: %s", post.key, "found" if recovered else "posted", ref)

    def _failed(self, post: store.Claimed, exc: PostFailed, result: PassResult) -> None:
        if exc.rate_limited and exc.retry_after is not None:
            # Nothing went out, and the platform said when to come back: no need to guess longer.
            wait = dt.timedelta(seconds=exc.retry_after)
        else:
            backoff = self.tuning.backoff_first * (2 ** min(max(post.attempts - 1, 0), 16))
            wait = min(backoff, self.tuning.backoff_cap)
            if exc.retry_after is not None:
                wait = max(wait, dt.timedelta(seconds=exc.retry_after))
        retry_at = self.services.clock() + wait
        with unit_of_work(self.services.factory) as session:
            store.record_failure(
                session, post_id=post.id, worker=self.worker, error=str(exc), retry_at=retry_at
            )
        log.warning(
            "reminder %s failed (attempt %d), next try %s: %s", post.key, post.attempts, retry_at, exc
        )
        result.failed += 1

    def _release(self, rest: list[store.Claimed], result: PassResult) -> None:
        if not rest:
            return
        with unit_of_work(self.services.factory) as session:
            result.released += store.release(session, post_ids=[p.id for p in rest], worker=self.worker)

    def run_forever(self, stop: threading.Event) -> None:
        """Passes every `interval` seconds until `stop` is set; an error in one pass is logged, not fatal."""
        log.info("reminder loop started as %s for %s", self.worker, ", ".join(self.platforms))
        while not stop.is_set():
            started = time.monotonic()
            try:
                result = self.run_once(stop)
                if result.posted or result.recovered or result.failed or result.skipped:
                    log.info("reminder pass: %s", result)
            except Exception:  # the database may be away for a moment; the next pass tries again
                log.exception("reminder pass failed")
            stop.wait(max(0.0, self.tuning.interval - (time.monotonic() - started)))
        log.info("reminder loop stopped")
