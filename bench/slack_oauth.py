"""Many workspaces: what the OAuth installation flow costs a signed slash command, against the
single-token mode in the same run.

Not a test: it prints figures. Both apps are the ASGI app `motebot run` serves, under uvicorn on
loopback, on one fresh SQLite database with the seeds, against the Web API stand-in of the tests.
With OAuth, bolt looks up the workspace's bot in the installation store (slack_sdk's SQLAlchemy
store, called in a thread, a found bot kept 30 s) before each acknowledgement, and the answer is
posted with that workspace's token. Figures: median and p99 of the acknowledgement (Slack's
view), for each mode, and the ratio OAuth / single, per round.

    python bench/slack_oauth.py [--requests 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storage import directory, people
from storage.clock import fixed_clock
from storage.db import make_engine, session_factory, unit_of_work, upgrade
from tests.conftest import DEMO_NOW
from tests.integration.slack import payloads, standin
from tests.integration.slack.conftest import KJERSTI, SECRET, ThreadServer, make_app, seed
from tests.integration.slack.oauth.conftest import TEAM_A, TOKEN_A, Site, oauth_app


def _acks(
    asgi: Any, stand: standin.StandIn, *, team: str, label: str, requests: int, oauth: bool
) -> list[float]:
    server = ThreadServer(asgi)
    bot = asgi.state.parts["slack"].handle
    times: list[float] = []
    with httpx.Client(timeout=10) as http:
        if oauth:
            Site(server.url, bot, stand, bot.services.factory, http).install("code-a")
        for i in range(requests):
            body = payloads.slash_command(
                "/neste-mote", "", user=KJERSTI, channel="C0BENCH", team=team,
                response_url=stand.response_url(f"{label}{i}"), trigger=f"{label}.{i}",
            )  # fmt: skip
            head = {"Content-Type": "application/x-www-form-urlencoded", **payloads.sign(SECRET, body)}
            started = time.perf_counter()
            response = http.post(server.url + "/slack/events", content=body, headers=head)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200
        assert bot.jobs.wait_idle(120)
    server.stop()
    return sorted(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="motebot-oauth-bench-"))
    engine = make_engine(f"sqlite:///{tmp}/motebot.db")
    upgrade(engine)
    factory = session_factory(engine)
    seed(factory, fixed_clock(DEMO_NOW))
    with unit_of_work(factory) as session:  # Kjersti in workspace A too, so both modes do the same work
        person = directory.identity(session, platform="slack", external_id=KJERSTI)
        assert person is not None
        people.link_identity(
            session, platform="slack", team_id=TEAM_A, external_id=KJERSTI, person_id=person.person_id,
            linked_by="secretariat", now=DEMO_NOW,
        )  # fmt: skip
    stand = standin.start()
    stand.installs["code-a"] = (TEAM_A, "Kommune A", TOKEN_A)
    print(f"{args.requests} signed /neste-mote per mode and round, one keep-alive connection, SQLite")
    try:
        for n in range(args.rounds):
            one = make_app(engine, fixed_clock(DEMO_NOW), stand.api_url)
            single = _acks(
                one, stand, team=payloads.TEAM, label=f"s{n}-", requests=args.requests, oauth=False
            )
            many_app = oauth_app(engine, stand.api_url)
            many = _acks(many_app, stand, team=TEAM_A, label=f"o{n}-", requests=args.requests, oauth=True)
            p99 = int(0.99 * (args.requests - 1))
            s50, o50 = statistics.median(single) * 1000, statistics.median(many) * 1000
            print(
                f"round {n + 1}: ack median / p99  single {s50:.1f} / {single[p99] * 1000:.1f} ms"
                f"  oauth {o50:.1f} / {many[p99] * 1000:.1f} ms  ratio of medians {o50 / s50:.2f}"
            )
    finally:
        standin.stop(stand)
        engine.dispose()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
