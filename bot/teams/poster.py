"""Posting reminders to Teams channels through their stored conversation references.

Teams gives a bot no way to read a channel back (only Microsoft Graph can, with more consent), so
a post that may have gone out is remembered here instead: a marker is written before the send and
removed when the connector refused it. A marker left behind means the outcome is unknown (the
process died, or the request timed out); `find_posted` then reports the post as made, so a crash
between posting and recording never posts twice. The price: a send that timed out before reaching
Teams is not repeated (logged as «unconfirmed»).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from aiohttp import ClientConnectorError, ClientResponseError
from microsoft_agents.activity import Activity, ConversationReference
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import ClaimsIdentity, TurnContext
from microsoft_agents.hosting.fastapi import CloudAdapter

from bot.app import App
from bot.config import Settings
from bot.posters import PostFailed
from bot.teams.endpoint import auth_configuration, has_credentials, teams_enabled
from bot.teams.render import to_activity
from bot.teams.settings import is_loopback_url
from handlers.services import Services
from handlers.types import Reply
from storage import events
from storage import teams as store
from storage.db import unit_of_work

log = logging.getLogger("motebot.teams.poster")

UNCONFIRMED = "unconfirmed"
_MAX_KEY = 300


def marker(channel_id: str, key: str) -> str:
    """The processed_events key of one reminder in one conversation."""
    value = f"teams-post:{channel_id}:{key}"
    return value if len(value) <= _MAX_KEY else "teams-post:" + hashlib.sha256(value.encode()).hexdigest()


class TeamsPoster:
    """A scheduler Poster for Teams: a new post in the conversation the reference names."""

    platform = "teams"

    def __init__(
        self,
        settings: Settings,
        services: Services,
        *,
        render: Callable[[Reply], Activity] = to_activity,
        timeout: float = 30.0,
    ) -> None:
        self.settings = settings
        self.services = services
        self.render = render
        self.timeout = timeout
        config = auth_configuration(settings)
        self.adapter = CloudAdapter(
            connection_manager=MsalConnectionManager(
                connections_configurations={"SERVICE_CONNECTION": config}
            )
        )

        async def raise_it(_context: TurnContext, error: Exception) -> None:
            raise error  # never the SDK's default, which posts the error text into the channel

        self.adapter.on_turn_error = raise_it

    def post(self, channel_id: str, reply: Reply, key: str) -> str:
        """Post `reply` as a new message in the conversation; returns the message id."""
        with unit_of_work(self.services.factory) as session:
            ref = store.conversation_ref(session, conversation_id=channel_id)
            reference = dict(ref.reference) if ref is not None else None
        if reference is None:
            raise PostFailed(f"no Teams conversation reference for {channel_id}: add the app there first")
        if self.settings.teams_allow_anonymous and not is_loopback_url(reference.get("serviceUrl")):
            # Local testing posts without a token, so only to a connector on this machine.
            raise PostFailed(f"TEAMS_ALLOW_ANONYMOUS: {channel_id}'s service URL is not loopback; not posted")
        mark = marker(channel_id, key)
        with unit_of_work(self.services.factory) as session:
            events.claim_event(session, key=mark, now=self.services.clock())
        try:
            return _run(asyncio.wait_for(self._send(reference, self.render(reply)), self.timeout))
        except ClientResponseError as exc:
            # The connector answered: nothing was posted, so a later attempt may post.
            self._release(mark)
            raise PostFailed(
                f"teams {exc.status} {exc.message}".strip(),
                retry_after=_retry_after(exc.headers),
                rate_limited=exc.status == 429,
            ) from exc
        except ClientConnectorError as exc:  # no connection was made: certainly not posted
            self._release(mark)
            raise PostFailed(f"teams connector unreachable: {exc}") from exc
        except Exception as exc:  # a timeout or a dropped connection: it may have gone out
            raise PostFailed(f"teams post outcome unknown: {type(exc).__name__}: {exc}") from exc

    def find_posted(self, channel_id: str, key: str) -> str | None:
        """«unconfirmed» when an earlier attempt may have posted (see the module note), else None."""
        with unit_of_work(self.services.factory) as session:
            found = store.has_key(session, key=marker(channel_id, key))
        if found:
            log.warning(
                "Teams reminder %s in %s: an earlier attempt may have posted; not again", key, channel_id
            )
            return UNCONFIRMED
        return None

    async def _send(self, reference: dict[str, Any], activity: Activity) -> str:
        continuation = ConversationReference.model_validate(reference).get_continuation_activity()
        # The continuation gets a made-up id, which the send would turn into a reply to it; without
        # an id the reminder is a new post in the channel.
        continuation.id = None
        sent: dict[str, str] = {}
        failure: list[BaseException] = []

        async def callback(context: TurnContext) -> None:
            # Errors are carried out by hand: the adapter would otherwise post its own error text.
            try:
                response = await context.send_activity(activity)
                sent["id"] = response.id if response is not None and response.id else ""
            except Exception as exc:
                failure.append(exc)

        if has_credentials(self.settings):
            assert self.settings.teams_app_id is not None
            await self.adapter.continue_conversation(self.settings.teams_app_id, continuation, callback)
        else:  # TEAMS_ALLOW_ANONYMOUS: local testing, no token
            await self.adapter.continue_conversation_with_claims(ClaimsIdentity(), continuation, callback)
        if failure:
            raise failure[0]
        return sent.get("id") or "posted"

    def _release(self, mark: str) -> None:
        with unit_of_work(self.services.factory) as session:
            store.release_key(session, key=mark)


def _run(coro: Coroutine[Any, Any, str]) -> str:
    """Run `coro` to the end from synchronous code, also when this thread already runs a loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _retry_after(headers: Any) -> float | None:
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def make_poster(app: App) -> TeamsPoster | None:
    """A poster when Teams is configured (credentials, or the local-testing switch)."""
    if not teams_enabled(app.settings):
        return None
    return TeamsPoster(app.settings, app.services)
