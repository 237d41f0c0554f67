"""The seeds imported once per module and database; each test runs in a transaction rolled back after.

Importing the five seeds costs most of a second on PostgreSQL; the member dialogs only read them
and add forfall, so one import per module and a rollback per test keep the tests independent and fast.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from storage.db import make_engine
from storage.models import Base
from tests.integration.handlers.members.seeds import Chat, import_seeds, services


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def seeded_engine(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    pg_template_url: str | None,
) -> Iterator[Engine]:
    """A database at the newest schema with the seeds imported (clock 2017-10-02)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("members") / "motebot.db"
        shutil.copy(sqlite_template, path)
        engine = make_engine(f"sqlite:///{path}")
    else:
        if pg_template_url is None:
            pytest.skip("PostgreSQL: no server answers at MOTEBOT_TEST_POSTGRES_URL (required in CI)")
        engine = make_engine(pg_template_url)
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    import_seeds(sessionmaker(engine, expire_on_commit=False))
    yield engine
    engine.dispose()


@pytest.fixture
def db(seeded_engine: Engine) -> Iterator[sessionmaker[Session]]:
    """Sessions inside one outer transaction: the handlers' commits become savepoints, all undone after."""
    conn = seeded_engine.connect()
    outer = conn.begin()
    try:
        yield sessionmaker(bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint")
    finally:
        outer.rollback()
        conn.close()


@pytest.fixture
def chat(db: sessionmaker[Session]) -> Chat:
    """Per Kierulf (member of both bodies) chatting in the console, clock at 2017-10-02 noon."""
    return Chat(services(db))
