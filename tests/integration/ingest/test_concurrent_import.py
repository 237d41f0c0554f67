"""Issue 13: two `motebot import` processes on the same new documents both end well, in Norwegian."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from storage.models import Body, Document, Meeting
from tests.conftest import FIXTURES, SEEDS

ROOT = Path(__file__).resolve().parents[3]
CORPUS = FIXTURES / "corpus" / "src"


def _import(engine: Engine, cwd: Path, files: list[Path]) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MOTEBOT_", "TEAMS_"))}
    env.update(DATABASE_URL=engine.url.render_as_string(hide_password=False), PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "import", *map(str, files)],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_import_the_same_new_documents(
    engine: Engine, db: sessionmaker[Session], tmp_path: Path
) -> None:
    # New bodies, meetings, saker and people on both sides: every unique key is contested.
    files = [*SEEDS, *sorted(CORPUS.glob("*.txt"))[:12]]
    procs = [_import(engine, tmp_path, files) for _ in range(2)]
    outputs = [p.communicate(timeout=240) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    for out, err in outputs:
        assert f"{len(files)} av {len(files)} dokumenter importert" in out, out
        assert "Error" not in out + err and "IKKE importert" not in out, (out, err)
    with db() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == len(files)
        names = set(session.scalars(select(Body.name)))
        held = session.scalar(select(func.count()).select_from(Meeting).where(Meeting.status == "held"))
    assert {"Rådmannsgruppen", "Styringsgruppen", "Regionrådet Sølvfjord"} <= names
    # 3 seed minutes (000, 001, 003) and the 8 among the first twelve corpus documents, once each.
    assert held == 11
