"""Shared fixtures: a real database on SQLite and on PostgreSQL, the seed documents, a fixed clock."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from storage.clock import fixed_clock, parse_when
from storage.db import checkpoint, make_engine, session_factory, upgrade
from storage.models import Base

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "examples" / "referater"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"

PG_URL = os.environ.get("MOTEBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REQUIRE_PG = os.environ.get("MOTEBOT_REQUIRE_POSTGRES") == "1"


def _pg_admin() -> Engine | None:
    try:
        engine = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        return engine
    except Exception as exc:  # no server answers
        if REQUIRE_PG:
            raise RuntimeError(f"PostgreSQL is required (MOTEBOT_REQUIRE_POSTGRES=1) but: {exc}") from exc
        return None


@pytest.fixture(scope="session")
def pg_template_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | None]:
    """A per-worker PostgreSQL database at the newest schema, dropped at the end."""
    admin = _pg_admin()
    if admin is None:
        yield None
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"motebot_test_{worker}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file at the newest schema, copied for each test (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("tpl") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    checkpoint(engine)
    engine.dispose()
    return path


@pytest.fixture(params=["sqlite", "postgres"])
def engine(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path, pg_template_url: str | None
) -> Iterator[Engine]:
    """A real, empty database at the newest schema: SQLite and PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "motebot.db"
        shutil.copy(sqlite_template, path)
        eng = make_engine(f"sqlite:///{path}")
        yield eng
        eng.dispose()
        return
    if pg_template_url is None:
        pytest.skip("PostgreSQL: no server answers at MOTEBOT_TEST_POSTGRES_URL (required in CI)")
    eng = make_engine(pg_template_url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with eng.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield eng
    eng.dispose()


@pytest.fixture
def db(engine: Engine) -> sessionmaker[Session]:
    """A session factory on the test database."""
    return session_factory(engine)


@pytest.fixture
def seeds() -> list[Path]:
    return list(SEEDS)


DEMO_NOW = parse_when("2017-10-02")


@pytest.fixture
def clock_2017() -> dt.datetime:
    return DEMO_NOW


@pytest.fixture
def clock():
    return fixed_clock(DEMO_NOW)
