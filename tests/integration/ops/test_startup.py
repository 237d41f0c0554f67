"""`motebot run` starts light: a platform's SDK is imported only when that platform is configured,
the server is one process, and its log lines on a pipe are JSON objects."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.integration.slack import standin

ROOT = Path(__file__).resolve().parents[3]

# The real command line of `motebot run`, up to the point where uvicorn would serve the app it was
# given: then the modules loaded so far are printed and the process ends.
PROBE = """
import json, sys, uvicorn
def serve(app, **options):
    print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
uvicorn.run = serve
sys.argv = ["motebot", "run"]
import runpy
runpy.run_module("bot", run_name="__main__")
"""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MOTEBOT_", "TEAMS_"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'motebot.db'}", PYTHONPATH=str(ROOT), **extra)
    return env


def _loaded(tmp_path: Path, **extra: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,
        env=_env(tmp_path, **extra),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_with_slack_alone_no_teams_sdk_is_imported(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")
    assert "slack_bolt" in loaded  # Slack is served
    assert {"microsoft_agents", "pypdf", "docx", "dateparser", "httpx"} & loaded == set()


def test_with_teams_alone_no_slack_sdk_is_imported(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, TEAMS_ALLOW_ANONYMOUS="true")
    assert "microsoft_agents" in loaded  # Teams is served
    assert {"slack_bolt", "slack_sdk"} & loaded == set()


def test_at_head_a_second_start_does_not_load_alembic(tmp_path: Path) -> None:
    first = _loaded(tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")
    assert "alembic" in first  # the fresh database was migrated
    assert "alembic" not in _loaded(tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
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


@pytest.mark.slow
def test_run_is_one_process_ready_and_logs_json_lines(tmp_path: Path) -> None:
    stand = standin.start()
    port = _free_port()
    env = _env(
        tmp_path,
        SLACK_BOT_TOKEN=standin.TOKEN,
        SLACK_SIGNING_SECRET="s",
        SLACK_API_URL=stand.api_url,
        TEAMS_ALLOW_ANONYMOUS="true",
        PORT=str(port),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--host", "127.0.0.1"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, proc.communicate()[1][-3000:]
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "motebot run did not answer in 90 s"
                time.sleep(0.1)
        assert ready.status_code == 200 and ready.json() == {"status": "ready"}
        request_id = ready.headers["x-request-id"]
        time.sleep(0.5)  # the reminder loop and the Slack jobs have started by now
        assert _children(proc.pid) == []
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=30)
        standin.stop(stand)
    lines = [json.loads(line) for line in err.splitlines() if line.strip()]  # each one a JSON object
    assert lines, "nothing logged"
    assert all({"time", "level", "logger", "message", "request_id"} <= set(e) for e in lines)
    assert any(e["logger"].startswith("uvicorn") for e in lines)  # uvicorn's own lines too
    assert any(e["message"] == "started slack" for e in lines)
    assert all(e["request_id"] in (None, request_id) for e in lines)  # /readyz logged nothing else
