"""The Slack app under uvicorn on loopback, the seeds imported, and the Web API stand-in beside it."""

from __future__ import annotations

import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine, delete, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.app import App
from bot.config import Settings
from bot.server import build_asgi, health_part
from bot.slack.app import MAX_BACKLOG, SlackBot, slack_part
from handlers.services import Services
from ingest.load import import_paths
from storage import directory, people
from storage.clock import Clock, fixed_clock
from storage.db import make_engine, session_factory, unit_of_work
from storage.models import Attendance, ChatIdentity, LinkRequest, ProcessedEvent
from tests.conftest import DEMO_NOW, SEEDS
from tests.integration.slack import payloads, standin

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
KJERSTI = "U0KJERSTI"  # linked to Kjersti Bærug Hulbakk, a member of both bodies
KJERSTI_DM = "D0KJERSTI"
CHANNEL = "C0STYRING"


class ThreadServer:
    """uvicorn serving an ASGI app on a free loopback port, in a thread (lifespan included)."""

    def __init__(self, asgi: Any) -> None:
        config = uvicorn.Config(
            asgi, host="127.0.0.1", port=0, lifespan="on", log_level="warning", access_log=False
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="uvicorn-test", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.005)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@dataclass
class World:
    """One running app: send it what Slack sends, then look at the stand-in and the database."""

    url: str
    bot: SlackBot
    standin: standin.StandIn
    db: sessionmaker[Session]
    http: httpx.Client

    def send(
        self,
        body: bytes,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        signed: dict[str, str] | None = None,
    ) -> httpx.Response:
        sig = signed if signed is not None else payloads.sign(SECRET, body)
        head = {"Content-Type": content_type, **sig, **(headers or {})}
        return self.http.post(self.url + "/slack/events", content=body, headers=head)

    def command(self, command: str, text: str = "", **kw: Any) -> httpx.Response:
        body = payloads.slash_command(
            command,
            text,
            user=kw.pop("user", KJERSTI),
            channel=kw.pop("channel", CHANNEL),
            response_url=self.standin.response_url(kw.pop("name", "cmd")),
            **kw,
        )
        return self.send(body, "application/x-www-form-urlencoded")

    def event(self, event: dict[str, Any], *, event_id: str = "Ev0000000001", **kw: Any) -> httpx.Response:
        return self.send(payloads.event_callback(event, event_id=event_id), "application/json", **kw)

    def interactive(self, body: bytes) -> httpx.Response:
        return self.send(body, "application/x-www-form-urlencoded")

    def idle(self) -> None:
        assert self.bot.jobs.wait_idle(15), "background jobs did not finish"

    def absences(self) -> list[Attendance]:
        with unit_of_work(self.db) as s:
            return list(s.scalars(select(Attendance).where(Attendance.origin == "chat")))

    def processed(self) -> int:
        with unit_of_work(self.db) as s:
            return int(s.scalar(select(func.count()).select_from(ProcessedEvent)) or 0)

    def claimed(self) -> list[str]:
        with unit_of_work(self.db) as s:
            return sorted(s.scalars(select(ProcessedEvent.key)))


@pytest.fixture(scope="session")
def slack_standin() -> Iterator[standin.StandIn]:
    stand = standin.start()
    yield stand
    standin.stop(stand)


def seed(factory: sessionmaker[Session], clock: Clock) -> None:
    """The seed minutes, and Kjersti linked to her Slack user by the secretariat."""
    reports = import_paths(factory, SEEDS, clock=clock)
    assert all(r.ok for r in reports), reports
    with unit_of_work(factory) as session:
        person = directory.person_by_name(session, name="Kjersti Bærug Hulbakk")
        assert person is not None
        people.link_identity(
            session,
            platform="slack",
            external_id=KJERSTI,
            person_id=person.id,
            linked_by="secretariat",
            now=clock(),
        )


def make_app(engine: Engine, clock: Clock, api_url: str) -> Any:
    """The ASGI app of `motebot run` on this database."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=engine.url.render_as_string(hide_password=False),
        slack_bot_token=standin.TOKEN,
        slack_signing_secret=SECRET,
        slack_app_token=None,
        slack_api_url=api_url,
    )
    services = Services(factory=session_factory(engine), clock=clock)
    return build_asgi(
        App(settings=settings, engine=engine, services=services), parts=[health_part, slack_part]
    )


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def seeded_engine(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    pg_template_url: str | None,
) -> Iterator[Engine]:
    """A database of this module's own, the seeds imported once (tests reset what they change)."""
    admin: Engine | None = None
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("slack") / "motebot.db"
        shutil.copy(sqlite_template, path)
        eng = make_engine(f"sqlite:///{path}")
    else:
        if pg_template_url is None:
            pytest.skip("PostgreSQL: no server answers at MOTEBOT_TEST_POSTGRES_URL (required in CI)")
        template = make_url(pg_template_url)
        name = f"motebot_slack_{uuid.uuid4().hex[:8]}"
        admin = make_engine(template.set(database="postgres").render_as_string(hide_password=False))
        admin = admin.execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template.database}"'))
        eng = make_engine(template.set(database=name).render_as_string(hide_password=False))
    seed(session_factory(eng), fixed_clock(DEMO_NOW))
    yield eng
    eng.dispose()
    if admin is not None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def reset(factory: sessionmaker[Session]) -> None:
    """Undo what a test through the app may change: chat forfall, claims, links beyond Kjersti's."""
    with unit_of_work(factory) as s:
        s.execute(delete(Attendance).where(Attendance.origin == "chat"))
        s.execute(delete(ProcessedEvent))
        s.execute(delete(LinkRequest))
        s.execute(delete(ChatIdentity).where(ChatIdentity.external_id != KJERSTI))


@pytest.fixture(scope="module")
def served(seeded_engine: Engine, slack_standin: standin.StandIn) -> Iterator[tuple[str, SlackBot]]:
    """The app of `motebot run` on the module's database, started once per module."""
    asgi = make_app(seeded_engine, fixed_clock(DEMO_NOW), slack_standin.api_url)
    server = ThreadServer(asgi)
    yield server.url, asgi.state.parts["slack"].handle
    server.stop()


@pytest.fixture
def world(
    served: tuple[str, SlackBot], seeded_engine: Engine, slack_standin: standin.StandIn
) -> Iterator[World]:
    url, bot = served
    factory = session_factory(seeded_engine)
    assert bot.jobs.wait_idle(15), "background jobs of the previous test did not finish"
    reset(factory)
    slack_standin.reset()
    bot.max_backlog = MAX_BACKLOG
    with httpx.Client(timeout=10) as http:
        yield World(url, bot, slack_standin, factory, http)
