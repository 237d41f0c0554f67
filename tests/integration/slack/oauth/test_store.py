"""The async adapters over slack_sdk's SQLAlchemy stores, on our database: a found bot is kept a
while (bolt asks before every acknowledgement), and forgotten at once when this process uninstalls."""

from __future__ import annotations

import asyncio
import datetime as dt

from slack_sdk.oauth.installation_store.models.installation import Installation
from sqlalchemy import Engine, event

from bot.slack.install_stores import ThreadedInstallationStore, ThreadedStateStore


def _installation(team: str, token: str) -> Installation:
    return Installation(
        app_id="A0TEST", team_id=team, bot_token=token, bot_id="B1", bot_user_id="UBOT", user_id="U0INST",
        installed_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC).timestamp(),
    )  # fmt: skip


def test_a_found_bot_is_kept_and_an_uninstall_forgets_it(engine: Engine) -> None:
    store = ThreadedInstallationStore("1111.2222", engine, keep=60)
    selects: list[str] = []
    event.listen(
        engine, "before_cursor_execute", lambda *a: selects.append(a[2]) if "slack_bots" in a[2] else None
    )

    async def run() -> None:
        assert await store.async_find_bot(enterprise_id=None, team_id="T0A") is None
        await store.async_save(_installation("T0A", "xoxb-a"))
        found = [await store.async_find_bot(enterprise_id=None, team_id="T0A") for _ in range(3)]
        assert [b.bot_token if b else None for b in found] == ["xoxb-a"] * 3
        lookups = len([s for s in selects if s.lstrip().upper().startswith("SELECT")])
        assert lookups == 3  # the find before the save (nothing kept), the save's own, then one find
        await store.async_delete_all(enterprise_id=None, team_id="T0A")
        assert await store.async_find_bot(enterprise_id=None, team_id="T0A") is None

    asyncio.run(run())


def test_a_state_is_consumed_once(engine: Engine) -> None:
    store = ThreadedStateStore(engine)

    async def run() -> list[bool]:
        state = await store.async_issue()
        return [
            await store.async_consume(state),
            await store.async_consume(state),
            await store.async_consume("x"),
        ]

    assert asyncio.run(run()) == [True, False, False]
