"""The Slack app under uvicorn on loopback, the seeds imported, and the Web API stand-in beside it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import App
from bot.config import Settings
from bot.server import build_asgi, health_part
from bot.slack.app import SlackBot, slack_part
from handlers.services import Services
from ingest.load import import_paths
from storage import directory, people
from storage.clock import Clock
from storage.db import session_factory, unit_of_work
from storage.models import Attendance, ProcessedEvent
from tests.conftest import SEEDS
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


@pytest.fixture
def world(engine: Engine, clock: Clock, slack_standin: standin.StandIn) -> Iterator[World]:
    slack_standin.reset()
    factory = session_factory(engine)
    seed(factory, clock)
    asgi = make_app(engine, clock, slack_standin.api_url)
    server = ThreadServer(asgi)
    with httpx.Client(timeout=10) as http:
        yield World(server.url, asgi.state.parts["slack"].handle, slack_standin, factory, http)
    server.stop()
