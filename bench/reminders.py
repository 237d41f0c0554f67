"""Reminder benchmark: the cost of a pass with nothing due, and 1,000 due reminders through a rate limit.

Not a test: run it by hand.

    python bench/reminders.py [--meetings 100000] [--due 1000] [--postgres URL | --no-postgres]

1. Idle passes. 100 bodies with a Slack channel each and 100,000 planned meetings (weekly, about
   19 years ahead), 100,000 older post rows, and every reminder already due recorded as posted. The
   clock then moves 30 seconds a pass, as `motebot run` does, and each pass is timed (p50/p99/max);
   also the full sweep alone (start-up, hourly, or when the møteplan changed) and the «anything
   due?» probe alone. The secretariat's side is in it too (docs/secretariat.md): 100,000 answered
   vara requests and 1,000 still open with a deadline ahead, 100,000 sent notices, and every body
   with the vara chain and «Kommer du?» on — each pass looks for timeouts, notices and asks due.
2. Posting. 1,000 reminders due at once (100 channels × 10 meetings) through the local Slack
   stand-in, which allows 1 message a second per channel and 50 a second over all and answers 429
   with Retry-After beyond that. Prints the time until all are posted, messages per second, the
   429s received, and checks that each went out exactly once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, insert, text  # noqa: E402

from bot.scheduler import Scheduler, Tuning  # noqa: E402
from bot.slack.poster import SlackPoster  # noqa: E402
from handlers.services import Services  # noqa: E402
from handlers.types import Reply  # noqa: E402
from storage import reminders as store  # noqa: E402
from storage.clock import OSLO, parse_when  # noqa: E402
from storage.db import make_engine, session_factory, unit_of_work, upgrade  # noqa: E402
from storage.models import Body, Channel, Meeting, Membership, Person, ReminderPost  # noqa: E402
from storage.models_secretariat import Notice, VaraRequest  # noqa: E402
from tests.integration.reminders.standin import TOKEN, running_standin  # noqa: E402

PG_DEFAULT = os.environ.get(
    "MOTEBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
START = "2027-01-04T10:00"  # a Monday after the day's 09:00 reminders
BODIES = 100


class NullPoster:
    """Counts what would be posted (the idle passes must post nothing)."""

    platform = "slack"

    def __init__(self) -> None:
        self.posted = 0

    def post(self, channel_id: str, reply: Reply, key: str) -> str:
        self.posted += 1
        return f"{channel_id}:{self.posted}"

    def find_posted(self, channel_id: str, key: str) -> str | None:
        return None


class Clock:
    def __init__(self, when: dt.datetime) -> None:
        self.now = when

    def __call__(self) -> dt.datetime:
        return self.now


def _bodies(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(insert(Body), [{"id": b + 1, "name": f"Organ {b:03d}"} for b in range(BODIES)])
        conn.execute(
            insert(Channel),
            [{"body_id": b + 1, "platform": "slack", "channel_id": f"C0BENCH{b:04d}"} for b in range(BODIES)],
        )


def seed_idle(engine: Engine, meetings: int) -> None:
    """100,000 weekly meetings ahead across 100 bodies, and 100,000 old post rows."""
    _bodies(engine)
    first = dt.date(2027, 1, 4)
    per_body = meetings // BODIES
    rows = []
    for b in range(BODIES):
        for k in range(per_body):
            day = first + dt.timedelta(days=7 * k + b % 7)
            start = dt.datetime.combine(day, dt.time(10, 0), tzinfo=OSLO).astimezone(dt.UTC)
            rows.append({"body_id": b + 1, "date": day, "starts_at": start, "status": "planned"})
    with engine.begin() as conn:
        for i in range(0, len(rows), 5000):
            conn.execute(insert(Meeting), rows[i : i + 5000])
        old = [
            {
                "meeting_id": i + 1,
                "kind": f"before:9:2020-01-{1 + i % 28:02d}",
                "channel": f"slack:C0BENCH{i % BODIES:04d}",
                "due_at": dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
                "state": "posted",
            }
            for i in range(meetings)
        ]
        for i in range(0, len(old), 5000):
            conn.execute(insert(ReminderPost), old[i : i + 5000])
        _secretariat(conn, meetings)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))


def _secretariat(conn: Any, meetings: int) -> None:
    """A member and a vara per body, the chain's history and the notices it sent."""
    people = [{"id": n + 1, "name": f"Person {n:04d}"} for n in range(2 * BODIES)]
    conn.execute(insert(Person), people)
    conn.execute(
        insert(Membership),
        [{"person_id": b + 1, "body_id": b + 1, "role": "member", "seat_group": "G"} for b in range(BODIES)]
        + [
            {
                "person_id": BODIES + b + 1,
                "body_id": b + 1,
                "role": "vara",
                "seat_group": "G",
                "vara_order": 1,
            }
            for b in range(BODIES)
        ],
    )
    old = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    ahead = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    requests = [
        {
            "meeting_id": i + 1, "member_id": 1 + i % BODIES, "vara_id": BODIES + 1 + i % BODIES,
            "sak_key": 0,
            "step": 1, "named": False, "state": "asked" if i < 1000 else ("yes", "no", "timeout")[i % 3],
            "asked_at": old, "deadline": ahead if i < 1000 else old,
        }
        for i in range(meetings)
    ]  # fmt: skip
    notices = [
        {
            "key": f"vara-ask:{i + 1}", "kind": "vara-ask", "person_id": BODIES + 1 + i % BODIES,
            "meeting_id": i + 1, "payload": {"request": i + 1}, "due_at": old, "state": "posted",
            "attempts": 1,
        }
        for i in range(meetings)
    ]  # fmt: skip
    for i in range(0, meetings, 5000):
        conn.execute(insert(VaraRequest), requests[i : i + 5000])
        conn.execute(insert(Notice), notices[i : i + 5000])


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered):6.2f} ms   p99 {p99:6.2f} ms   max {ordered[-1]:6.2f} ms"


def bench_idle(engine: Engine, label: str, meetings: int, passes: int) -> None:
    seed_idle(engine, meetings)
    factory = session_factory(engine)
    clock = Clock(parse_when(START))
    poster = NullPoster()
    services = Services(factory=factory, clock=clock, tz=OSLO)
    scheduler = Scheduler(services, {"slack": poster}, tuning=Tuning())  # the defaults of `motebot run`
    first = scheduler.run_once()  # the start-up sweep posts what was due when the bench began
    print(f"{label}: {meetings:,} planned meetings; the start-up sweep posted {first.posted} due at {START}")
    idle: list[float] = []
    for _ in range(passes):
        clock.now += dt.timedelta(seconds=30)
        started = time.perf_counter()
        scheduler.run_once()
        idle.append((time.perf_counter() - started) * 1000)
    assert poster.posted == first.posted, "an idle pass posted something"
    assert not any(scheduler.run_once().notices.get("sent") for _ in range(3)), "an idle pass sent a DM"
    print(
        f"  idle pass ({passes:,} passes 30 s apart, {passes / 120:.0f} h; an hourly safety sweep included):"
    )
    print(f"                                               {percentiles(idle)}")
    sweeps: list[float] = []
    for _ in range(50):
        fresh = Scheduler(services, {"slack": poster})
        started = time.perf_counter()
        fresh.run_once()
        sweeps.append((time.perf_counter() - started) * 1000)
    print(f"  full sweep (start-up, hourly, after a change): {percentiles(sweeps)}")
    probes: list[float] = []
    lease = dt.timedelta(minutes=10)
    for _ in range(passes):
        started = time.perf_counter()
        with unit_of_work(factory) as session:
            store.anything_due(session, now=clock.now, lease=lease)
        probes.append((time.perf_counter() - started) * 1000)
    print(f"  «anything due?» probe alone:                {percentiles(probes)}")


class RunningClock:
    """A fixed start that then runs with real time (Retry-After waits are real)."""

    def __init__(self, start: dt.datetime) -> None:
        self.start, self.t0 = start, time.monotonic()

    def __call__(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=time.monotonic() - self.t0)


def bench_posting(engine: Engine, label: str, due: int) -> None:
    _bodies(engine)
    clock = RunningClock(parse_when(START))
    today = clock().astimezone(OSLO).date()
    per_body = due // BODIES
    with engine.begin() as conn:
        # A reminder a month ahead as well: every meeting of the coming days then has one due now.
        conn.execute(text("UPDATE bodies SET reminder_offsets = '[30, 7, 1]'"))
        rows = [
            {"body_id": b + 1, "date": today + dt.timedelta(days=1 + k), "status": "planned"}
            for b in range(BODIES)
            for k in range(per_body)
        ]
        conn.execute(insert(Meeting), rows)
    factory = session_factory(engine)
    with running_standin(per_channel_rate=1.0, rate=50.0, burst=50) as standin:
        poster = SlackPoster(TOKEN, base_url=standin.url)
        services = Services(factory=factory, clock=clock, tz=OSLO)
        scheduler = Scheduler(services, {"slack": poster}, tuning=Tuning(batch=50))
        started = time.perf_counter()
        passes = 0
        while len(standin.posts) < due and time.perf_counter() - started < 600:
            scheduler.run_once()
            passes += 1
        elapsed = time.perf_counter() - started
        keys = standin.keys()
    assert len(keys) == len(set(keys)), "a reminder was posted twice"
    print(
        f"{label}: {len(keys):,} of {due:,} due reminders posted in {elapsed:.1f} s "
        f"({len(keys) / elapsed:.1f}/s; stand-in limit 50/s overall, 1/s per channel), "
        f"{standin.limited} answered 429, {passes} passes, no duplicates"
    )


@contextmanager
def sqlite_engine(directory: Path, name: str) -> Iterator[Engine]:
    path = directory / f"{name}.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    yield engine
    engine.dispose()


@contextmanager
def pg_engine(admin_url: str) -> Iterator[Engine]:
    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"motebot_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(admin.url.set(database=name).render_as_string(hide_password=False))
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--passes", type=int, default=2_000)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--postgres", default=PG_DEFAULT)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        with sqlite_engine(directory, "idle") as engine:
            bench_idle(engine, "SQLite", args.meetings, args.passes)
        if not args.no_postgres:
            with pg_engine(args.postgres) as engine:
                bench_idle(engine, "PostgreSQL", args.meetings, args.passes)
        if not args.due:
            return
        with sqlite_engine(directory, "posting") as engine:
            bench_posting(engine, "SQLite", args.due)
        if not args.no_postgres:
            with pg_engine(args.postgres) as engine:
                bench_posting(engine, "PostgreSQL", args.due)


if __name__ == "__main__":
    main()
