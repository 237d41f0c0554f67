"""A real `motebot run` killed with SIGKILL between the Teams acknowledgement (202) and the answer.

The activity was written down before the 202, so the restarted server answers it: once, with one
forfall; Teams' redelivery of the same activity changes nothing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from storage.db import unit_of_work
from storage.models import Attendance, ProcessedEvent
from tests.integration.teams import activities as act
from tests.integration.teams.conftest import seed
from tests.integration.teams.standin import Connector, _free_port, serve

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def own_connector() -> Iterator[Connector]:
    stand_in = Connector()
    with serve(stand_in.app()) as url:
        stand_in.url = url
        yield stand_in


def _serve(engine: Engine, tmp_path: Path, port: int, **extra: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MOTEBOT_", "TEAMS_"))}
    env.update(
        DATABASE_URL=engine.url.render_as_string(hide_password=False),
        TEAMS_ALLOW_ANONYMOUS="true",
        TEAMS_TENANT_ID=act.TENANT,
        MOTEBOT_NOW="2017-10-02",
        PORT=str(port),
        PYTHONPATH=str(ROOT),
        **extra,
    )
    # cwd is an empty directory so that no .env file there can change the settings.
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        assert proc.poll() is None, proc.communicate()[0]
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("motebot run did not answer /healthz in 60 s")


def _states(db: sessionmaker[Session]) -> list[str | None]:
    with unit_of_work(db) as session:
        return list(session.scalars(select(ProcessedEvent.state).where(ProcessedEvent.key.like("teams:%"))))


def _forfall(db: sessionmaker[Session]) -> list[tuple[str, str | None]]:
    with unit_of_work(db) as session:
        return [
            (r.status, r.reason)
            for r in session.scalars(select(Attendance).where(Attendance.origin == "chat"))
        ]


def _wait_for(check: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_killed_between_ack_and_answer_the_restart_answers_once(
    engine: Engine, db: sessionmaker[Session], own_connector: Connector, tmp_path: Path
) -> None:
    seed(db)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api/messages"
    activity = act.personal_message(own_connector.url, "forfall 7.12 pga kurs")

    first = _serve(engine, tmp_path, port, MOTEBOT_TEST_ANSWER_DELAY="60")
    try:
        assert httpx.post(url, json=activity, timeout=10).status_code == 202  # acknowledged
        assert _states(db) == ["pending"]  # and written down before that
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=30)
    assert own_connector.sent == []
    assert _forfall(db) == []  # the answer path never ran

    second = _serve(engine, tmp_path, port)
    try:
        _wait_for(lambda: _states(db) == ["done"])
        # Teams delivers the same activity again: already handled.
        assert httpx.post(url, json=activity, timeout=10).status_code == 202
        time.sleep(0.5)
    finally:
        second.send_signal(signal.SIGTERM)
        second.communicate(timeout=30)
    [answer] = own_connector.sent
    assert answer.conversation_id == act.PERSONAL_CONVERSATION
    assert "registrert" in str(answer.activity).lower()
    assert _forfall(db) == [("absent", "kurs")]
