"""`motebot run`'s parts: /calendar/{body}.ics, and the reminder loop living as long as the server."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.testclient import TestClient

from bot.app import App, build_app
from bot.config import Settings
from bot.reminders_and_calendar import calendar_part, reminders_part
from bot.server import build_asgi
from storage.db import unit_of_work

from .standin import TOKEN, SlackStandIn
from .world import add_body, add_meeting, count_posts


def _app(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **settings: str) -> App:
    monkeypatch.chdir(tmp_path)  # no .env from the working tree
    url = engine.url.render_as_string(hide_password=False)
    return build_app(Settings(database_url=url, **settings), migrate=False)  # type: ignore[arg-type]


@pytest.fixture
def world(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as session:
        styring = add_body(session, "Styringsgruppen", channel="C0STYRING")
        add_meeting(session, styring, "2027-01-14", place="Lier")
        add_meeting(session, add_body(session, "Rådmannsgruppen"), "2027-01-21")


def test_calendar_route(engine: Engine, world: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app_ctx = _app(engine, tmp_path, monkeypatch, motebot_now="2027-01-04")
    with TestClient(build_asgi(app_ctx, parts=[calendar_part])) as client:
        response = client.get("/calendar/Styringsgruppen.ics")
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/calendar; charset=utf-8"
        (event,) = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(event["LOCATION"]) == "Lier"
        for name in ("styringsgruppen", "R%C3%A5dmannsgruppen", "radmannsgruppen"):
            assert client.get(f"/calendar/{name}.ics").status_code == 200, name
        everything = Calendar.from_ical(client.get("/calendar/alle.ics").content)
        assert len(everything.walk("VEVENT")) == 2
        missing = client.get("/calendar/ukjent.ics")
        assert missing.status_code == 404 and "Jeg kjenner ikke organet «ukjent»." in missing.text


def test_reminder_loop_runs_with_the_server(
    engine: Engine, db: sessionmaker[Session], world: None, standin: SlackStandIn, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    app_ctx = _app(
        engine,
        tmp_path,
        monkeypatch,
        motebot_now="2027-01-13T09:00",
        slack_bot_token=TOKEN,
        slack_api_url=standin.url,
    )
    asgi = build_asgi(app_ctx, parts=[reminders_part])
    with TestClient(asgi):
        deadline = time.monotonic() + 20
        while not standin.posts and time.monotonic() < deadline:
            time.sleep(0.05)
        thread_alive = any(t.name == "motebot-reminders" for t in threading.enumerate())
    assert thread_alive
    assert [p.channel for p in standin.posts] == ["C0STYRING"]
    assert count_posts(db, "posted") == 1
    assert not any(t.name == "motebot-reminders" for t in threading.enumerate())


def test_no_platform_no_loop(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SLACK_BOT_TOKEN", "TEAMS_APP_ID", "TEAMS_ALLOW_ANONYMOUS"):
        monkeypatch.delenv(name, raising=False)
    assert reminders_part(_app(engine, tmp_path, monkeypatch)) is None
