"""Engines, sessions and the unit of work; schema set-up through Alembic."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from storage import schema_head

MIGRATIONS = Path(__file__).parent / "migrations"
WRITE_OPTION = "motebot_write"  # execution option: False marks a read-only unit of work


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url`; SQLite gets WAL and foreign keys, PostgreSQL no server-side prepares."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # pysqlite's own transaction handling is switched off; we issue BEGIN ourselves below
            # so that SAVEPOINT and write locks behave.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if parsed.database and parsed.database != ":memory:":
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # A writer begins IMMEDIATE: it takes the write lock at the start, so a concurrent
            # writer waits (timeout above) instead of failing with "database is locked" when a
            # deferred transaction tries to upgrade after another writer committed. A reader
            # (`unit_of_work(write=False)`) begins deferred and never queues behind writers.
            write = conn.get_execution_options().get(WRITE_OPTION, True)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    # psycopg 3 prepares statements server-side after 5 runs; that pushed rare-word searches to a
    # full scan in our measurements, so it is switched off.
    connect_args = {"prepare_threshold": None}
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True, **kwargs)


def checkpoint(engine: Engine) -> None:
    """Fold SQLite's WAL back into the main file (before copying or measuring it); no-op elsewhere."""
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()  # outside any transaction: a checkpoint cannot run inside one
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()


def is_postgres(engine_or_session: Engine | Session) -> bool:
    """True when the database behind it is PostgreSQL."""
    bind = engine_or_session.get_bind() if isinstance(engine_or_session, Session) else engine_or_session
    return bind.dialect.name == "postgresql"


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session], *, write: bool = True) -> Iterator[Session]:
    """One transaction: commits when the block ends, rolls back on any error.

    `write=False` says the block only reads: on SQLite it then begins deferred (no write lock), so
    reads run beside a writer instead of waiting for it. A reader that writes anyway may fail with
    «database is locked» under contention, so say so honestly.
    """
    session = factory()
    try:
        if not write:
            session.connection(execution_options={WRITE_OPTION: False})
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(url: str) -> Any:
    """An Alembic Config pointed at our migrations and `url`."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


# Any fixed 64-bit number, the same in every process: the key of the migration advisory lock.
MIGRATION_LOCK_KEY = 0x6D6F7465626F74  # "motebot"


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to the newest schema (idempotent; safe for many processes at once).

    The migration runs in one transaction that first takes a lock, so a second process starting on
    the same fresh database waits for the first and then finds the schema at head: PostgreSQL's
    transaction-scoped advisory lock; on SQLite the write lock that `BEGIN IMMEDIATE` takes. A
    database already at head is seen with one read, without loading Alembic.
    """
    if revision == "head":
        with engine.connect() as conn:
            if schema_head.at_head(conn):  # every start but the first: one read, no Alembic
                return
    _migrate(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to `revision`, the same way (tests and an operator's way back)."""
    _migrate(engine, "downgrade", revision)


def _migrate(engine: Engine, direction: str, revision: str) -> None:
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # SQLite changes a table by building it anew (sqlite.org/lang_altertable.html): foreign
            # keys off, set outside the transaction (inside one the pragma does nothing), so that
            # dropping the old table cascades nowhere; checked before the commit, on again after.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
                cfg.attributes["connection"] = conn
                getattr(command, direction)(cfg, revision)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("migration left rows whose foreign key points nowhere; rolled back")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
