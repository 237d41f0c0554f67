"""The chain and «Kommer du?» by direct message through the scheduler, against the Slack stand-in:
each step once, also with competing processes and a process killed after posting."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from storage.db import unit_of_work
from storage.models import Attendance, Meeting
from storage.models_secretariat import Notice, VaraRequest
from tests.integration.reminders.standin import TOKEN, SlackStandIn, running_standin
from tests.integration.reminders.world import FakeClock, scheduler
from tests.integration.secretariat.world import build, slack_id

ROOT = Path(__file__).resolve().parents[3]
WHERE = "Styringsgruppen torsdag 7. desember kl. 09.00 (Drammen rådhus)"
ASK = (
    "Per Kierulf har forfall til Styringsgruppen torsdag 7. desember kl. 09.00 (Drammen rådhus). "
    "Kan du møte? Svar innen tirsdag 28. november kl. 10.00."
)


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with running_standin() as server:
        yield server


def _dms(standin: SlackStandIn) -> list[tuple[str, str]]:
    return [(p.channel, p.text) for p in standin.posts]


def _buttons(standin: SlackStandIn, index: int) -> list[tuple[str, str]]:
    blocks = standin.posts[index].blocks
    return [
        (e["text"]["text"], e["value"]) for b in blocks if b.get("type") == "actions" for e in b["elements"]
    ]


def test_the_chain_goes_out_by_dm_once_per_step(db: sessionmaker[Session], standin: SlackStandIn) -> None:
    small = build(db)
    clock = FakeClock("2017-11-27T10:00")
    run = scheduler(db, clock, standin)
    small.say("Per Kierulf", "forfall 7.12")
    run.run_once()
    assert _dms(standin) == [(slack_id("Vera Vik"), ASK)]
    [(yes_label, yes_value), (no_label, no_value)] = _buttons(standin, 0)
    assert (yes_label, no_label) == ("Ja", "Nei")
    assert yes_value.endswith(":ja") and no_value == yes_value.replace(":ja", ":nei")
    run.run_once()  # nothing new: nothing sent again
    assert len(standin.posts) == 1
    clock.advance(hours=24)  # Vera did not answer in time: Vidar is asked
    run.run_once()
    assert [c for c, _ in _dms(standin)] == [slack_id("Vera Vik"), slack_id("Vidar Vold")]
    small.say("Vidar Vold", _buttons(standin, 1)[0][1], command="vara-svar", now=clock.now)
    run.run_once()
    sent = _dms(standin)[2:]
    assert sent == [
        (
            slack_id("Per Kierulf"),
            "Vidar Vold møter for deg på Styringsgruppen torsdag 7. desember kl. 09.00 (Drammen rådhus).",
        ),
        (
            slack_id("Nina Solberg"),
            f"Vidar Vold møter som vara for Per Kierulf på {WHERE}.",
        ),
    ]
    keys = standin.keys()
    assert len(keys) == len(set(keys)) == 4


def test_a_notice_whose_request_was_answered_before_it_went_out_is_skipped(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    small = build(db)
    small.say("Per Kierulf", "forfall 7.12")
    small.say("Per Kierulf", "trekk forfall 7.12")  # withdrawn before the scheduler ran
    scheduler(db, FakeClock("2017-11-27T10:01"), standin).run_once()
    assert [c for c, _ in _dms(standin)] == [slack_id("Vera Vik")]  # only «not needed after all»
    assert "har trukket forfallet" in standin.posts[0].text
    with unit_of_work(db) as s:
        states = dict(s.execute(select(Notice.kind, Notice.state)).all())
    assert states == {"vara-ask": "skipped", "vara-off": "posted"}


def test_kommer_du_goes_to_those_who_have_not_answered_and_never_again(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    small = build(db)
    clock = FakeClock("2017-12-04T08:59")  # three days before, at the body's reminder time 09:00
    small.say("Per Kierulf", "forfall 7.12", now=clock.now)
    run = scheduler(db, clock, standin)
    run.run_once()
    assert [c for c, _ in _dms(standin)] == [slack_id("Vera Vik")]  # the vara, not yet «Kommer du?»
    clock.set("2017-12-04T09:00")
    run.run_once()
    asked = sorted(c for c, t in _dms(standin) if t == "Kommer du på Styringsgruppen torsdag 7. desember?")
    assert asked == sorted(slack_id(n) for n in ("Kari Nordmann", "Ola Berg", "Siri Dahl"))
    index = next(i for i, p in enumerate(standin.posts) if p.channel == slack_id("Kari Nordmann"))
    [(yes, value), (forfall, _)] = _buttons(standin, index)
    assert (yes, forfall) == ("Ja", "Meld forfall")
    reply = small.say("Kari Nordmann", value, command="kommer", now=clock.now)
    assert "Du er ført opp som kommende" in reply.fallback
    with unit_of_work(db) as s:
        row = s.scalar(select(Attendance).where(Attendance.person_id == small.people["Kari Nordmann"]))
        assert row is not None and (row.status, row.origin) == ("present", "chat")

    def asks() -> int:
        return sum(1 for p in standin.posts if p.text.startswith("Kommer du"))

    before = asks()
    for hours in (1, 24, 48):
        clock.set("2017-12-04T09:00")
        clock.advance(hours=hours)
        run.run_once()
    assert asks() == before == 3  # nobody is asked twice (the chain meanwhile moved on to Vidar)
    view = small.say("Nina Solberg", "hvem kommer 7.12", now=clock.now)
    assert "Kari Nordmann" in [
        i for e in view.elements for i in getattr(e, "items", ()) if isinstance(i, str)
    ]


def _env(engine: Engine, standin: SlackStandIn) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MOTEBOT_", "TEAMS_"))}
    env.update(
        DATABASE_URL=engine.url.render_as_string(hide_password=False),
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_API_URL=standin.url,
        PYTHONPATH=str(ROOT),
    )
    return env


def _once(tmp_path: Path, env: dict[str, str], now: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "reminders", "--once", "--now", now],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_competing_processes_take_each_step_once(
    engine: Engine, db: sessionmaker[Session], standin: SlackStandIn, tmp_path: Path
) -> None:
    small = build(db)
    days = [dt.date(2017, 12, 7) + dt.timedelta(days=n) for n in range(8)]
    with unit_of_work(db) as s:
        for day in days[1:]:
            s.add(Meeting(body_id=small.body_id, date=day, location="Lier rådhus"))
    for day in days:
        for name in ("Per Kierulf", "Kari Nordmann", "Ola Berg", "Siri Dahl"):
            # Asks Vera, Vidar and Lise; Siri's group (Lier) has no one left.
            small.say(name, f"forfall {day.day}.{day.month}.{day.year}")
    standin.delay = 0.2  # sending takes seconds, so the processes overlap
    env = _env(engine, standin)
    # 25 hours later every question has timed out: each timeout moves its chain on exactly once.
    procs = [_once(tmp_path, env, "2017-11-28T11:00") for _ in range(3)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    keys = standin.keys()
    assert len(keys) == len(set(keys)), keys
    names = {v: k for k, v in small.people.items()}
    with unit_of_work(db) as s:
        requests = s.execute(
            select(
                VaraRequest.meeting_id, VaraRequest.member_id, VaraRequest.vara_id, VaraRequest.state
            ).order_by(VaraRequest.id)
        ).all()
        notices = s.execute(select(Notice.key, Notice.state, Notice.claimed_by)).all()
    by_meeting: dict[int, list[tuple[str, str, str]]] = {}
    for meeting_id, member, vara, state in requests:
        by_meeting.setdefault(meeting_id, []).append((names[member], names[vara], state))
    # The vara freed by the others' timeouts are asked next (never twice for the same member).
    assert len(by_meeting) == len(days)
    for chain in by_meeting.values():
        assert chain == [
            ("Per Kierulf", "Vera Vik", "timeout"),
            ("Kari Nordmann", "Vidar Vold", "timeout"),
            ("Ola Berg", "Lise Lund", "timeout"),
            ("Per Kierulf", "Vidar Vold", "asked"),
            ("Kari Nordmann", "Vera Vik", "asked"),
        ]
    # The first questions timed out before any process sent them: skipped, never sent.
    skipped = [k for k, state, _ in notices if state == "skipped"]
    assert len(skipped) == 3 * len(days) and all(k.startswith("vara-ask:") for k in skipped)
    assert {state for k, state, _ in notices if k not in skipped} == {"posted"}
    exhausted = [k for k, _, _ in notices if k.startswith("vara-none")]
    assert len(exhausted) == 2 * len(days)  # Siri at once, Ola after Lise's timeout; once each
    assert sorted(keys) == sorted(k for k, state, _ in notices if state == "posted")
    assert len({w for _, state, w in notices if state == "posted"}) >= 2, "the processes did not overlap"


def test_a_process_killed_after_posting_does_not_post_again_after_restart(
    engine: Engine, db: sessionmaker[Session], standin: SlackStandIn, tmp_path: Path
) -> None:
    small = build(db)
    small.say("Per Kierulf", "forfall 7.12")
    standin.script.append("hang")  # Slack has the DM; the answer never comes
    env = _env(engine, standin)
    proc = _once(tmp_path, env, "2017-11-27T10:00")
    deadline = time.monotonic() + 60
    while not standin.posts and time.monotonic() < deadline:
        time.sleep(0.05)
    assert standin.posts, "the first process never posted"
    proc.kill()
    proc.wait(timeout=30)
    # After the lease (10 minutes) another process takes the claim over, finds the DM, records it.
    again = _once(tmp_path, env, "2017-11-27T10:11")
    out = again.communicate(timeout=120)
    assert again.returncode == 0, out
    assert standin.keys() == ["vara-ask:1"]  # posted once, by the killed process
    with unit_of_work(db) as s:
        [(state, attempts)] = s.execute(select(Notice.state, Notice.attempts)).all()
    assert (state, attempts) == ("posted", 2)
