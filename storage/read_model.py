"""A read generation for answers kept per process: any write to what members read draws a new one.

An answer a process keeps (handlers/reply_cache.py) is stamped with the generation it was made
at; a process reads it in each command's own transaction, first, so an answer is never served
after a write that another process (or this one) committed. A new generation is drawn in the
writer's own transaction, just before it commits, after any INSERT, UPDATE or DELETE through
SQLAlchemy on a table members' answers are made from, whoever the writer is (import, forfall, vara,
roster, merges; ORM or Core): no write path has to remember it. Migrations are left out (SKIP);
writes that bypass SQLAlchemy (a bulk COPY through the raw driver) happen before the app runs.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import BigInteger, Connection, Engine, Integer, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.base import Base

# Rows only the delivery machinery writes (no member's answer is made from them).
NOT_READ = frozenset(
    {"processed_events", "reminder_posts", "notices", "conversation_refs"}
    | {"read_generation", "alembic_version"}
)
_DIRTY = "motebot_read_model_dirty"  # in Connection.info: this transaction wrote what members read
SKIP = "motebot_no_read_generation"  # execution option: migrations (the table may not exist yet)


class ReadGeneration(Base):
    """One row: a random number drawn anew by every write that changes what members read."""

    __tablename__ = "read_generation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(BigInteger)


_GENERATION = select(ReadGeneration.n).where(ReadGeneration.id == 1)


def generation(session: Session) -> int | None:
    """The generation as this transaction sees it (read it before the data it stamps); None while
    there is no row (then nothing may be kept)."""
    n = session.scalar(_GENERATION)
    return int(n) if n is not None else None


def _mark(conn: Connection, clause: Any, _multi: Any, _params: Any, options: Any) -> None:
    table = getattr(getattr(clause, "table", None), "name", None)
    if not getattr(clause, "is_dml", False) or table in NOT_READ:
        return
    if not (options.get(SKIP) or conn.get_execution_options().get(SKIP)):
        conn.info[_DIRTY] = True


def _bump(conn: Connection, *_args: Any) -> None:
    """Just before COMMIT (or a savepoint's release, which a test's outer transaction uses)."""
    if conn.info.pop(_DIRTY, False):
        # A new random number rather than n + 1: a generation never comes back to stamp another
        # state, not after a rolled-back write, nor when the row is made anew (after a TRUNCATE).
        fresh = secrets.randbelow(2**62)
        sql = f"INSERT INTO read_generation (id, n) VALUES (1, {fresh}) ON CONFLICT (id) DO UPDATE SET n = {fresh}"  # noqa: E501
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql)
        finally:
            cursor.close()


def _forget(conn: Connection, *_args: Any) -> None:
    conn.info.pop(_DIRTY, None)


# On every engine: ORM flushes, session.execute and Core on a session's connection all pass here.
event.listen(Engine, "before_execute", _mark)
event.listen(Engine, "commit", _bump)
event.listen(Engine, "release_savepoint", _bump)
event.listen(Engine, "rollback", _forget)
