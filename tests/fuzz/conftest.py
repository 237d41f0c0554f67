"""The fuzz tests' database (the seeds imported once per module, on SQLite and PostgreSQL) and budget.

`make test` runs a fixed, derandomized set of examples (the same on every run, so a merge never
fails by chance) within about a minute on two cores; bench/fuzz.py runs the long random search.
MOTEBOT_FUZZ_EXAMPLES scales the examples of every fuzz test (for a longer local run).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine, text

from storage.db import make_engine, session_factory
from storage.models import Base
from tests.integration.handlers.members.seeds import import_seeds

SCALE = float(os.environ.get("MOTEBOT_FUZZ_EXAMPLES", "1"))


def fuzz_settings(examples: int) -> settings:
    """Hypothesis settings for one fuzz test: `examples` of them, no deadline (time is measured by
    the test itself, in CPU time), no example database (nothing written into the tree)."""
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def seeded(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    pg_template_url: str | None,
) -> Iterator[Engine]:
    """A database at the newest schema with the five seeds imported (clock 2017-10-02)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("fuzz") / "motebot.db"
        shutil.copy(sqlite_template, path)
        engine = make_engine(f"sqlite:///{path}")
    else:
        if pg_template_url is None:
            pytest.skip("PostgreSQL: no server answers at MOTEBOT_TEST_POSTGRES_URL (required in CI)")
        engine = make_engine(pg_template_url)
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    import_seeds(session_factory(engine))
    yield engine
    engine.dispose()
