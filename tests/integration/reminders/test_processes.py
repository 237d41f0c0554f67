"""Real processes: several `motebot reminders --once` racing on one database, and one killed mid-post."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from storage.db import unit_of_work
from storage.models import ReminderPost

from .standin import TOKEN, SlackStandIn
from .world import FakeClock, add_body, add_meeting, scheduler, states

ROOT = Path(__file__).resolve().parents[3]


def _env(engine: Engine, standin: SlackStandIn) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MOTEBOT_", "TEAMS_"))}
    env.update(
        DATABASE_URL=engine.url.render_as_string(hide_password=False),
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_API_URL=standin.url,
        PYTHONPATH=str(ROOT),
    )
    return env


def _reminders(tmp_path: Path, env: dict[str, str], now: str) -> subprocess.Popen[str]:
    # cwd is an empty directory so that no .env file there can change the settings.
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "reminders", "--once", "--now", now],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_competing_processes_post_each_reminder_once(
    engine: Engine, db: sessionmaker[Session], standin: SlackStandIn, tmp_path: Path
) -> None:
    with unit_of_work(db) as session:
        for n in range(9):
            body = add_body(session, f"Organ {n}", channel=f"C0ORGAN{n:02d}")
            for day in range(8, 15):  # 2027-01-08 … 14: one reminder due for each at 2027-01-07 09:00
                add_meeting(session, body, f"2027-01-{day:02d}")
    standin.delay = 0.05
    env = _env(engine, standin)
    procs = [_reminders(tmp_path, env, "2027-01-07T09:00") for _ in range(3)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    keys = standin.keys()
    assert len(keys) == 63 and len(set(keys)) == 63
    assert set(states(db).values()) == {"posted"}
    with unit_of_work(db) as session:
        workers = set(session.scalars(select(ReminderPost.claimed_by)))
    assert len(workers) >= 2, "the processes did not overlap; the race was not exercised"


def test_killed_after_posting_is_not_posted_again_after_restart(
    engine: Engine, db: sessionmaker[Session], standin: SlackStandIn, tmp_path: Path
) -> None:
    with unit_of_work(db) as session:
        add_meeting(session, add_body(session, "Styringsgruppen", channel="C0STYRING"), "2027-01-14")
    standin.script.append("hang")  # Slack has the message; the answer never comes
    env = _env(engine, standin)
    proc = _reminders(tmp_path, env, "2027-01-07T09:00")
    deadline = time.monotonic() + 60
    while not standin.posts and time.monotonic() < deadline:
        time.sleep(0.05)
    assert standin.posts, "the first process never posted"
    proc.kill()  # dies between posting and recording
    proc.wait(timeout=30)
    assert set(states(db).values()) == {"claimed"}

    # A restart within the lease: the claim may still be alive, so nothing is touched.
    assert scheduler(db, FakeClock("2027-01-07T09:05"), standin).run_once().recovered == 0
    assert set(states(db).values()) == {"claimed"}

    # After the lease: the key is found in the channel's history and recorded, not posted again.
    result = scheduler(db, FakeClock("2027-01-07T09:11"), standin).run_once()
    assert (result.posted, result.recovered) == (0, 1)
    assert len(standin.posts) == 1
    with unit_of_work(db) as session:
        row = session.scalars(select(ReminderPost)).one()
    assert (row.state, row.message_ref, row.attempts) == ("posted", standin.posts[0].ts, 2)
