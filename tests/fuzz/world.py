"""What the fuzz tests and bench/fuzz.py share: a seeded database, a digest of every table, one
fuzzed input run in a transaction that is rolled back after (so every example starts from the seeds)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session, sessionmaker

from storage.models import Base


def digest(conn: Connection) -> str:
    """A hash of every row of every table, in primary-key order: equal digests, equal data."""
    h = hashlib.sha256()
    for table in Base.metadata.sorted_tables:
        order = list(table.primary_key.columns) or list(table.columns)
        h.update(table.name.encode())
        for row in conn.execute(select(table).order_by(*order)):
            h.update(repr(tuple(row)).encode())
    return h.hexdigest()


@contextmanager
def rolled_back(engine: Engine) -> Iterator[tuple[Connection, sessionmaker[Session]]]:
    """A connection inside one outer transaction and sessions on it whose commits become savepoints;
    everything is undone when the block ends."""
    conn = engine.connect()
    outer = conn.begin()
    try:
        yield conn, sessionmaker(bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint")
    finally:
        outer.rollback()
        conn.close()
