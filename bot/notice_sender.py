"""The secretariat's part of each scheduler pass: time out unanswered vara, queue «Kommer du?»,
and send the notices (direct messages) — each exactly once, as the reminders are.

A notice is claimed by one worker, its claim renewed just before the post, and on a later attempt
the poster is first asked whether it already went out (the notice key is the post's key).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING

from handlers import notices as compose
from handlers.services import Services
from storage import asks, vara_chain
from storage import notices as store
from storage.db import unit_of_work

if TYPE_CHECKING:
    from bot.scheduler import Poster, Tuning

log = logging.getLogger("motebot.notices")


class NoticeSender:
    """Runs the secretariat's steps of a pass against the scheduler's posters."""

    def __init__(
        self, services: Services, posters: Mapping[str, Poster], *, worker: str, tuning: Tuning
    ) -> None:
        self.services = services
        self.posters = posters
        self.worker = worker
        self.tuning = tuning

    def run(self, now: dt.datetime, *, expired: bool, asks_due: bool, ready: bool) -> dict[str, int]:
        """One pass; the flags come from the scheduler's outlook, so an idle pass does nothing here."""
        counts = {"timeouts": 0, "asks": 0, "sent": 0, "skipped": 0, "failed": 0}
        if expired:
            with unit_of_work(self.services.factory) as session:
                counts["timeouts"] = vara_chain.expire(session, now=now)
        if asks_due:
            with unit_of_work(self.services.factory) as session:
                counts["asks"] = asks.queue_asks(session, now=now, tz=self.services.tz)
        if ready or expired or asks_due:  # another worker may have written the notices meanwhile
            self._send_all(counts)
        return counts

    def _send_all(self, counts: dict[str, int]) -> None:
        while True:
            now = self.services.clock()
            with unit_of_work(self.services.factory) as session:
                batch = store.claim(
                    session, now=now, worker=self.worker, lease=self.tuning.lease, limit=self.tuning.batch
                )
            if not batch:
                return
            for notice in batch:
                try:
                    counts[self._send(notice)] += 1
                except Exception as exc:  # the platform or a bug: never lose the notice
                    log.warning("notice %s failed: %s", notice.key, exc)
                    self._failed(notice, exc)
                    counts["failed"] += 1

    def _send(self, notice: store.ClaimedNotice) -> str:
        now = self.services.clock()
        with unit_of_work(self.services.factory) as session:
            channel = notice.channel or store.chat_channel(
                session, person_id=notice.person_id, platforms=sorted(self.posters)
            )
            message = compose.compose(
                session, kind=notice.kind, meeting_id=notice.meeting_id, person_id=notice.person_id,
                payload=notice.payload, tz=self.services.tz,
            )  # fmt: skip
        if channel is None or isinstance(message, compose.Skip):
            reason = "no chat user to write to" if channel is None else message.reason  # type: ignore[union-attr]
            with unit_of_work(self.services.factory) as session:
                store.record(
                    session, notice_id=notice.id, worker=self.worker, now=now, state="skipped", ref=reason
                )
            return "skipped"
        platform, _, channel_id = channel.partition(":")
        poster = self.posters[platform]
        if notice.attempts > 1:
            found = poster.find_posted(channel_id, notice.key)
            if found is not None:
                self._record(notice, f"{channel}@{found}")
                return "sent"
        with unit_of_work(self.services.factory) as session:
            if not store.renew(session, notice_id=notice.id, worker=self.worker, now=self.services.clock()):
                log.warning("notice %s: claim taken over by another worker; not sending", notice.key)
                return "skipped"
        ref = poster.post(channel_id, message, notice.key)
        self._record(notice, f"{channel}@{ref}")
        return "sent"

    def _record(self, notice: store.ClaimedNotice, ref: str) -> None:
        with unit_of_work(self.services.factory) as session:
            store.record(
                session,
                notice_id=notice.id,
                worker=self.worker,
                now=self.services.clock(),
                state="posted",
                ref=ref,
            )

    def _failed(self, notice: store.ClaimedNotice, exc: Exception) -> None:
        backoff = self.tuning.backoff_first * (2 ** min(max(notice.attempts - 1, 0), 16))
        retry_after = getattr(exc, "retry_after", None)
        wait = min(backoff, self.tuning.backoff_cap)
        if retry_after is not None:
            wait = max(wait, dt.timedelta(seconds=float(retry_after)))
        with unit_of_work(self.services.factory) as session:
            store.record_failure(
                session,
                notice_id=notice.id,
                worker=self.worker,
                error=f"{type(exc).__name__}: {exc}",
                retry_at=self.services.clock() + wait,
            )
