"""Idempotency keys for inbound platform deliveries: retries, replicas and double clicks count once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

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


# Every platform's delivery keys start with one of these; reminder marks («teams-post:…») do not.
DELIVERY_PREFIXES = ("slack:", "teams:")


def forget_deliveries(session: Session, *, cutoff: dt.datetime) -> int:
    """Drop every platform's delivery keys recorded before `cutoff`; returns how many went."""
    return sum(forget_before(session, prefix=p, cutoff=cutoff) for p in DELIVERY_PREFIXES)
