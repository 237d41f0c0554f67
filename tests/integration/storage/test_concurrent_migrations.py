"""Many processes starting at once on a fresh database: every one migrates or finds the schema done."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from storage.db import alembic_config, make_engine
from tests.conftest import ROOT, _pg_admin

PROCESSES = 6

# Each process imports first, then waits for a common start time, so the migrations really overlap.
_SCRIPT = """
import sys, time
from storage.db import make_engine, upgrade
engine = make_engine(sys.argv[1])
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
upgrade(engine)
"""


def _head() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def _start_all(url: str) -> list[subprocess.CompletedProcess[str]]:
    start = time.time() + 4.0
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _SCRIPT, url, str(start)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def _check(url: str, results: list[subprocess.CompletedProcess[str]]) -> None:
    failures = [r.stderr[-2000:] for r in results if r.returncode != 0]
    assert failures == [], failures[0] if failures else ""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            assert versions == [_head()]
            assert conn.execute(text("SELECT count(*) FROM meetings")).scalar_one() == 0
    finally:
        engine.dispose()


def test_processes_start_together_on_a_fresh_postgres_database() -> None:
    admin = _pg_admin()
    if admin is None:
        pytest.skip("PostgreSQL: no server answers at MOTEBOT_TEST_POSTGRES_URL (required in CI)")
    name = f"motebot_migrate_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        _check(url, _start_all(url))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_processes_start_together_on_a_fresh_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    _check(url, _start_all(url))
