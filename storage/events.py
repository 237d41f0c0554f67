"""Idempotency keys for inbound platform deliveries: retries, replicas and double clicks count once.

A durable delivery's key row also carries the work (payload, state, attempts, answer) so that what
was acknowledged is finished once, even across a crash.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from storage.clock import system_clock
from storage.db import unit_of_work
from storage.models import ProcessedEvent

MAX_KEY = 300  # the width of processed_events.key


def _insert(session: Session) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT DO NOTHING on both our databases."""
    dialect = session.get_bind().dialect.name
    module: Any = postgresql if dialect == "postgresql" else sqlite
    return module.insert(ProcessedEvent.__table__)


def claim_event(session: Session, *, key: str, now: dt.datetime) -> bool:
    """Record `key` as processed; False when it already was (a retry, a replica, a double click)."""
    return claim_all(session, keys=(key,), now=now)


def claim_all(session: Session, *, keys: Sequence[str], now: dt.datetime) -> bool:
    """Record every key, or none; False when any was already recorded (then the caller does nothing).

    The unique primary key decides, so two processes racing for the same key get one True between
    them: the loser's INSERT waits for the winner's commit and then does nothing. The INSERT comes
    first in the transaction on purpose: on SQLite a read before it would make two racing writers
    deadlock (SQLITE_BUSY) instead of one waiting for the other.
    """
    if not keys:
        raise ValueError("claim_all needs at least one key")
    too_long = [k for k in keys if len(k) > MAX_KEY]
    if too_long:
        raise ValueError(f"idempotency key longer than {MAX_KEY}: {too_long[0][:40]}…")
    savepoint = session.begin_nested()
    for key in keys:
        # RETURNING says whether the row went in; rowcount is not reliable here across drivers.
        stmt = (
            _insert(session)
            .values(key=key, processed_at=now)
            .on_conflict_do_nothing()
            .returning(ProcessedEvent.key)
        )
        if session.execute(stmt).first() is None:
            savepoint.rollback()  # none of this delivery's keys stay claimed
            return False
    savepoint.commit()
    return True


def forget_before(session: Session, *, prefix: str, cutoff: dt.datetime) -> int:
    """Drop keys starting with `prefix` recorded before `cutoff`; returns how many went.

    Only a platform's own delivery keys may go (Slack retries within minutes); other rows in the
    table, such as reminder marks, are kept as long as their owners want.
    """
    if not prefix:
        raise ValueError("forget_before needs a prefix")
    stmt = delete(ProcessedEvent).where(
        ProcessedEvent.key.startswith(prefix, autoescape=True), ProcessedEvent.processed_at < cutoff
    )
    return int(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


# --- Durable deliveries: the claim carries the work, so a crash between ack and answer loses nothing


class Taken(Exception):
    """Another runner answered this delivery first; the transaction must not commit its effect."""


@dataclass(frozen=True)
class Work:
    """A delivery written down before its acknowledgement and not finished yet."""

    key: str
    state: str  # "pending" (not answered) or "answered" (answer made, maybe not posted)
    payload: str
    answer: str | None
    attempts: int


def claim_work(session: Session, *, keys: Sequence[str], payload: str, now: dt.datetime) -> bool:
    """Write a delivery down (the first key carries `payload`, state pending); False for a repeat.

    One key (the usual case) is one INSERT; more keys go in a savepoint, all or none.
    """
    if len(keys) > 1 and not claim_all(session, keys=keys[1:], now=now):
        return False
    if len(keys[0]) > MAX_KEY:
        raise ValueError(f"idempotency key longer than {MAX_KEY}: {keys[0][:40]}…")
    stmt = (
        _insert(session)
        .values(key=keys[0], processed_at=now, state="pending", payload=payload, attempts=1, updated_at=now)
        .on_conflict_do_nothing()
        .returning(ProcessedEvent.key)
    )
    if session.execute(stmt).first() is None:
        session.rollback()  # the other keys of this delivery do not stay claimed either
        return False
    return True


def claim_done(session: Session, *, key: str, now: dt.datetime) -> bool:
    """Record a delivery answered inside its own request (state done, nothing left to finish) in
    the command's transaction, with its effect; one INSERT; False for a repeat."""
    if len(key) > MAX_KEY:
        raise ValueError(f"idempotency key longer than {MAX_KEY}: {key[:40]}…")
    stmt = (
        _insert(session)
        .values(key=key, processed_at=now, state="done", attempts=1, updated_at=now)
        .on_conflict_do_nothing()
        .returning(ProcessedEvent.key)
    )
    return session.execute(stmt).first() is not None


def answer_work(session: Session, *, key: str, answer: str, now: dt.datetime) -> None:
    """Mark the delivery answered in the command's own transaction; raises Taken if it already was.

    The UPDATE takes the row's lock, so of two runners of one delivery exactly one commits.
    """
    done = session.execute(
        update(ProcessedEvent)
        .where(ProcessedEvent.key == key, ProcessedEvent.state == "pending")
        .values(state="answered", answer=answer, updated_at=now)
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise Taken(key)


def finish_work(session: Session, *, key: str, now: dt.datetime) -> None:
    """The answer is posted: the row stays as the idempotency mark, without its payload."""
    session.execute(
        update(ProcessedEvent)
        .where(ProcessedEvent.key == key)
        .values(state="done", payload=None, answer=None, updated_at=now)
    )


def unfinished_work(session: Session, *, prefix: str, before: dt.datetime, limit: int = 100) -> list[Work]:
    """Deliveries starting with `prefix`, pending or answered, untouched since before `before`."""
    stmt = (
        select(ProcessedEvent)
        .where(
            ProcessedEvent.state.in_(("pending", "answered")),
            ProcessedEvent.key.startswith(prefix, autoescape=True),
            ProcessedEvent.updated_at < before,
        )
        .order_by(ProcessedEvent.processed_at)
        .limit(limit)
    )
    return [
        Work(row.key, str(row.state), row.payload or "", row.answer, row.attempts)
        for row in session.scalars(stmt)
    ]


def retake_work(session: Session, *, work: Work, now: dt.datetime) -> bool:
    """Take an unfinished delivery for another attempt; False when someone else took it first."""
    taken = session.execute(
        update(ProcessedEvent)
        .where(
            ProcessedEvent.key == work.key,
            ProcessedEvent.state == work.state,
            ProcessedEvent.attempts == work.attempts,
        )
        .values(attempts=work.attempts + 1, updated_at=now)
    )
    return taken.rowcount == 1  # type: ignore[attr-defined]


def finish(factory: sessionmaker[Session], *, key: str) -> None:
    """The answer is posted (or the member told it failed), in a transaction of its own."""
    with unit_of_work(factory) as session:
        finish_work(session, key=key, now=system_clock())


def retake_unfinished(factory: sessionmaker[Session], *, prefix: str, before: dt.datetime) -> list[Work]:
    """The recovery pass of every platform: deliveries left pending or answered since before
    `before`, each taken for one more attempt (its `attempts` counts that attempt)."""
    with unit_of_work(factory) as session:
        return [
            dataclasses.replace(work, attempts=work.attempts + 1)
            for work in unfinished_work(session, prefix=prefix, before=before)
            if retake_work(session, work=work, now=system_clock())
        ]


# Every platform's delivery keys start with one of these; reminder marks («teams-post:…») do not.
DELIVERY_PREFIXES = ("slack:", "teams:")


def forget_deliveries(session: Session, *, cutoff: dt.datetime) -> int:
    """Drop every platform's delivery keys recorded before `cutoff`, but no delivery still being
    answered (pending or answered: the recovery pass owns those); returns how many went."""
    gone = 0
    for prefix in DELIVERY_PREFIXES:
        stmt = delete(ProcessedEvent).where(
            ProcessedEvent.key.startswith(prefix, autoescape=True),
            ProcessedEvent.processed_at < cutoff,
            or_(ProcessedEvent.state.is_(None), ProcessedEvent.state.not_in(("pending", "answered"))),
        )
        gone += int(session.execute(stmt).rowcount)  # type: ignore[attr-defined]
    return gone
