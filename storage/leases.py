"""The claim that makes a queued row (a reminder post, a notice) happen once, shared by both queues.

A row is `pending` until a worker claims it with one conditional UPDATE (plus `FOR UPDATE SKIP
LOCKED` on PostgreSQL, in a locking CTE), renews the claim just before it acts, and records the
outcome. A claim older than the lease belongs to a worker that died or hung, and may be taken
again. Every write is one statement that writes first, so SQLite takes its write lock up front.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, bindparam, exists, or_, select, update
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class LeaseQueue:
    """The claim statements over one table with the columns state, due_at, next_attempt_at,
    claimed_by, claimed_at, attempts and last_error."""

    table: Table

    def claimable(self, now: Any, stale: Any) -> ColumnElement[bool]:
        """Due and pending (not backing off), or claimed by a worker whose lease ran out."""
        c = self.table.c
        pending = and_(
            c.state == "pending", c.due_at <= now, or_(c.next_attempt_at.is_(None), c.next_attempt_at <= now)
        )
        return or_(pending, and_(c.state == "claimed", c.due_at <= now, c.claimed_at < stale))

    def anything_due(self) -> Any:
        """`SELECT EXISTS(…)` with bound `now` and `stale`: built once, two range probes per pass."""
        return select(exists().where(self.claimable(bindparam("now"), bindparam("stale"))))

    def claim(
        self,
        session: Session,
        *,
        now: dt.datetime,
        worker: str,
        lease: dt.timedelta,
        limit: int,
        returning: Sequence[Any],
        where: ColumnElement[bool] | None = None,
    ) -> Sequence[Any]:
        """Take up to `limit` due rows for this worker, oldest first; the `returning` columns of each."""
        c = self.table.c
        wanted = select(c.id).where(self.claimable(now, now - lease))
        if where is not None:
            wanted = wanted.where(where)
        # A CTE, not `IN (subquery)`: PostgreSQL may run a LIMIT … SKIP LOCKED subquery again per
        # row (and so claim every due row instead of `limit`); a locking CTE is evaluated once.
        cte = wanted.order_by(c.due_at, c.id).limit(limit).with_for_update(skip_locked=True).cte("wanted")
        stmt = (
            update(self.table)
            .where(c.id.in_(select(cte.c.id)), self.claimable(now, now - lease))
            .values(state="claimed", claimed_by=worker, claimed_at=now, attempts=c.attempts + 1)
            .returning(*returning)
        )
        return session.execute(stmt).all()

    def mine(self, row_id: int, worker: str) -> ColumnElement[bool]:
        c = self.table.c
        return and_(c.id == row_id, c.state == "claimed", c.claimed_by == worker)

    def set_if_mine(self, session: Session, *, row_id: int, worker: str, **values: Any) -> bool:
        """Update the row while this worker still holds it; False when another took it over."""
        stmt = update(self.table).where(self.mine(row_id, worker)).values(**values)
        return bool(session.execute(stmt).rowcount)  # type: ignore[attr-defined]

    def renew(self, session: Session, *, row_id: int, worker: str, now: dt.datetime) -> bool:
        """Refresh the claim just before acting; False when the lease was lost."""
        return self.set_if_mine(session, row_id=row_id, worker=worker, claimed_at=now)

    def give_back(
        self, session: Session, *, row_id: int, worker: str, error: str, retry_at: dt.datetime
    ) -> bool:
        """Return the row for another attempt at `retry_at`, with the error that stopped this one."""
        return self.set_if_mine(
            session,
            row_id=row_id,
            worker=worker,
            state="pending",
            next_attempt_at=retry_at,
            last_error=error[:2000],
            claimed_by=None,
        )
