"""A real `motebot run` killed with SIGKILL between Slack's acknowledgement and the answer.

The delivery was written down before the acknowledgement, so the restarted server answers it:
once, with one forfall, and Slack's retry of the same command changes nothing.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from storage.clock import Clock
from storage.db import unit_of_work
from storage.models import Attendance, ProcessedEvent
from tests.integration.slack import payloads, standin
from tests.integration.slack.conftest import CHANNEL, KJERSTI, SECRET, seed

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _serve(
    engine: Engine, stand: standin.StandIn, tmp_path: Path, port: int, **extra: str
) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MOTEBOT_", "TEAMS_"))}
    env.update(
        DATABASE_URL=engine.url.render_as_string(hide_password=False),
        SLACK_BOT_TOKEN=standin.TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=stand.api_url,
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
        return list(session.scalars(select(ProcessedEvent.state).where(ProcessedEvent.key.like("slack:%"))))


def _forfall(db: sessionmaker[Session]) -> list[tuple[str, str | None]]:
    with unit_of_work(db) as session:
        rows = session.scalars(select(Attendance).where(Attendance.origin == "chat"))
        return [(r.status, r.reason) for r in rows]


def _wait_for(check: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_killed_between_ack_and_answer_the_restart_answers_once(
    engine: Engine, db: sessionmaker[Session], clock: Clock, slack_standin: standin.StandIn, tmp_path: Path
) -> None:
    slack_standin.reset()
    seed(db, clock)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/slack/events"
    body = payloads.slash_command(
        "/forfall",
        "7.12 pga kurs",
        user=KJERSTI,
        channel=CHANNEL,
        response_url=slack_standin.response_url("crash"),
    )
    head = {"Content-Type": "application/x-www-form-urlencoded", **payloads.sign(SECRET, body)}

    first = _serve(engine, slack_standin, tmp_path, port, MOTEBOT_TEST_ANSWER_DELAY="60")
    try:
        response = httpx.post(url, content=body, headers=head, timeout=10)
        assert response.status_code == 200 and response.content == b""  # acknowledged
        assert _states(db) == ["pending"]
        assert _children(first.pid) == []  # nothing that could outlive it
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=30)
    assert slack_standin.of("response_url") == []
    assert _forfall(db) == []  # the answer path never ran

    second = _serve(engine, slack_standin, tmp_path, port)
    try:
        _wait_for(lambda: _states(db) == ["done"])
        # Slack's retry of the same command, after the restart: already handled.
        retry = {**head, "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        assert httpx.post(url, content=body, headers=retry, timeout=10).status_code == 200
        time.sleep(0.5)
    finally:
        second.send_signal(signal.SIGTERM)
        second.communicate(timeout=30)
    [posted] = slack_standin.of("response_url")
    assert "Forfall registrert" in str(posted["blocks"]) or "registrert" in posted["text"]
    assert _forfall(db) == [("absent", "kurs")]
