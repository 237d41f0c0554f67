"""Old delivery keys of every platform are swept; reminder marks and fresh keys stay."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import App, build_app
from bot.config import Settings
from bot.key_sweep import key_sweep_part, sweep_once
from storage import events
from storage.clock import system_clock
from storage.db import unit_of_work
from storage.models import ProcessedEvent

OLD = ("slack:event:Ev1", "slack:view:V1", "teams:19:abc@thread.v2:1700000000")
KEPT = ("teams-post:19:abc@thread.v2:reminder-3", "slackish:Old", "slack:event:StillPending")


def _store(db: sessionmaker[Session]) -> None:
    old = system_clock() - dt.timedelta(days=8)
    with unit_of_work(db) as session:
        assert events.claim_all(session, keys=[*OLD, *KEPT[:2]], now=old)
        # A delivery still being answered is the recovery pass's, however old.
        assert events.claim_work(session, keys=[KEPT[2]], payload="{}", now=old)
        assert events.claim_all(session, keys=["slack:event:Fresh", "teams:19:x:2"], now=system_clock())


def _keys(db: sessionmaker[Session]) -> list[str]:
    with unit_of_work(db) as session:
        return sorted(session.scalars(select(ProcessedEvent.key)))


def test_old_slack_and_teams_keys_go_marks_and_fresh_keys_stay(db: sessionmaker[Session]) -> None:
    _store(db)
    with unit_of_work(db) as session:
        assert events.forget_deliveries(session, cutoff=system_clock() - dt.timedelta(days=7)) == len(OLD)
    assert _keys(db) == sorted([*KEPT, "slack:event:Fresh", "teams:19:x:2"])


def _app(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> App:
    monkeypatch.chdir(tmp_path)  # no .env from the working tree
    url = engine.url.render_as_string(hide_password=False)
    return build_app(Settings(database_url=url), migrate=False)  # type: ignore[call-arg]


def test_the_server_part_sweeps_at_start(
    engine: Engine, db: sessionmaker[Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store(db)
    app_ctx = _app(engine, tmp_path, monkeypatch)
    assert sweep_once(app_ctx, keep=dt.timedelta(days=30)) == 0  # nothing that old

    async def run() -> None:
        part = key_sweep_part(app_ctx, every=3600)
        assert part.lifespan is not None and part.routes == []
        async with part.lifespan():
            for _ in range(100):
                if len(_keys(db)) == len(KEPT) + 2:
                    break
                await asyncio.sleep(0.02)

    asyncio.run(run())
    assert _keys(db) == sorted([*KEPT, "slack:event:Fresh", "teams:19:x:2"])
