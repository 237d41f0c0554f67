"""slack_sdk's synchronous SQLAlchemy installation and OAuth state stores, for the async bolt app.

No async database driver is needed: each call runs in a thread, as our other database work does,
on the same engine (DATABASE_URL). The tables come from our migration 0009_slack_install, never
from the stores' `create_tables`.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from storage.db import WRITE_OPTION

STATE_SECONDS = 10 * 60  # a consent page left open longer starts again
# bolt looks the workspace's bot up for every request, before the acknowledgement: a bot found is
# kept this long. Installing or uninstalling through this process takes effect at once; through
# another replica within this time (an uninstalled token only fails, Slack refuses it).
BOT_SECONDS = 30.0
MAX_KEPT = 10_000


class ThreadedInstallationStore(AsyncInstallationStore):
    """slack_sdk's SQLAlchemyInstallationStore on our engine, for the async app (no async driver
    needed: each call runs in a thread, as our other database work does). Lookups begin as readers,
    so on SQLite they never queue behind a writer."""

    def __init__(self, client_id: str, engine: Engine, *, keep: float = BOT_SECONDS) -> None:
        self.keep = keep
        self._bots: dict[tuple[str | None, str | None, bool], tuple[float, Bot]] = {}
        self.writer = SQLAlchemyInstallationStore(client_id=client_id, engine=engine)
        self.reader = SQLAlchemyInstallationStore(
            client_id=client_id, engine=engine.execution_options(**{WRITE_OPTION: False})
        )

    @property
    def logger(self) -> Any:
        return self.writer.logger

    async def async_save(self, installation: Installation) -> None:
        await asyncio.to_thread(self.writer.save, installation)
        self._bots.clear()

    async def async_save_bot(self, bot: Bot) -> None:
        await asyncio.to_thread(self.writer.save_bot, bot)
        self._bots.clear()

    async def async_find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        key = (enterprise_id, team_id, bool(is_enterprise_install))
        kept = self._bots.get(key)
        if kept is not None and kept[0] > time.monotonic():
            return kept[1]
        find = self.reader.find_bot
        bot = await asyncio.to_thread(
            find, enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install
        )
        if bot is not None:  # a workspace not (yet) installed is asked again next time
            if len(self._bots) > MAX_KEPT:
                self._bots.clear()
            self._bots[key] = (time.monotonic() + self.keep, bot)
        return bot

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        return await asyncio.to_thread(
            self.reader.find_installation,
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        self._bots.clear()
        await asyncio.to_thread(self.writer.delete_bot, enterprise_id=enterprise_id, team_id=team_id)
        self._bots.clear()

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        delete = self.writer.delete_installation
        await asyncio.to_thread(delete, enterprise_id=enterprise_id, team_id=team_id, user_id=user_id)


class ThreadedStateStore(AsyncOAuthStateStore):
    """slack_sdk's SQLAlchemyOAuthStateStore on our engine, called in a thread."""

    def __init__(self, engine: Engine, expiration_seconds: int = STATE_SECONDS) -> None:
        self.store = SQLAlchemyOAuthStateStore(expiration_seconds=expiration_seconds, engine=engine)

    @property
    def logger(self) -> Any:
        return self.store.logger

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        return await asyncio.to_thread(self.store.issue)

    async def async_consume(self, state: str) -> bool:
        return await asyncio.to_thread(self.store.consume, state)
