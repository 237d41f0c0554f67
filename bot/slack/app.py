"""The Slack app: a bolt AsyncApp whose listeners answer in the acknowledgement or write it down.

Every listener answers Slack inside the request (`process_before_response=True`). A slash command
ready within a budget is answered in the acknowledgement (bot/slack/instant.py). Anything else is
first written down in processed_events (bot/slack/durable.py), so that retries, redeliveries and
replicas change nothing twice and `recover` finishes what a crash interrupts; then it is answered
in a thread (one unit of work) and posted from the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import functools
import logging
import os
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import aiohttp
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.web.async_client import AsyncWebClient
from starlette.routing import BaseRoute, Route

from bot import metrics
from bot.app import App
from bot.parts import Part
from bot.slack import durable, install, listeners
from bot.slack import files as slack_files
from bot.slack.adapter import Target
from bot.slack.client import async_web_client, post_to_response_url, secret
from bot.slack.durable import Delivery
from bot.slack.endpoint import events_endpoint
from bot.slack.instant import Posting
from bot.slack.jobs import Jobs
from bot.slack.users import verified_email
from handlers import errors
from handlers.services import Services
from handlers.types import Invocation, Reply
from storage import events
from storage.clock import system_clock

log = logging.getLogger(__name__)

# Commands waiting for an answer beyond which a new one is told «try again» at once.
MAX_BACKLOG = 2000
RECOVER_EVERY = 60  # seconds between passes over deliveries a crash or an outage left unfinished
LEASE = dt.timedelta(minutes=2)  # a delivery untouched this long is no longer in anyone's hands
MAX_ATTEMPTS = 3  # then the member is told it failed, with an error id
MAX_POSTING = 4  # answers being posted to Slack at the same time
# Tests only: seconds the answer path waits after the acknowledgement (to kill the server there).
DELAY_ENV = "MOTEBOT_TEST_ANSWER_DELAY"


class SlackBot:
    """The bolt app with what its jobs need: the services, a Web API client and the job runner."""

    def __init__(self, app_ctx: App, *, socket_mode: bool) -> None:
        settings = app_ctx.settings
        self.services: Services = app_ctx.services
        self.workspaces = install.Workspaces(settings, app_ctx.services.factory)
        self.client = async_web_client(settings)
        self.jobs = Jobs()
        self.max_backlog = MAX_BACKLOG
        self.http: aiohttp.ClientSession | None = None
        self._loops: list[asyncio.Task[None]] = []
        self._posting = asyncio.Semaphore(MAX_POSTING)
        self._delay = float(os.environ.get(DELAY_ENV) or 0)
        self.signing_secret = secret(settings.slack_signing_secret) or ""
        if not socket_mode and not self.signing_secret:
            raise RuntimeError("SLACK_SIGNING_SECRET is not set (needed for HTTP mode)")

        async def authorize_listener(enterprise_id: str | None, team_id: str | None) -> AuthorizeResult:
            return await self.authorize(enterprise_id=enterprise_id, team_id=team_id)

        # bolt takes the token from `authorize` (one workspace) or its installation store (many).
        self.bolt = install.build_bolt(
            app_ctx,
            self.workspaces,
            base=self.client,
            signing_secret=self.signing_secret,
            socket_mode=socket_mode,
            authorize=authorize_listener,
        )
        listeners.register(self.bolt, self)

    @property
    def bot_user_id(self) -> str | None:
        return self.workspaces.auth.bot_user_id if self.workspaces.auth else None

    async def authorize(
        self, *, enterprise_id: str | None = None, team_id: str | None = None
    ) -> AuthorizeResult:
        """Single-token mode's authorization (bot/slack/install.py: `Workspaces.authorize`)."""
        return self.workspaces.auth or await self.workspaces.authorize(self.client)

    async def client_for(self, team_id: str | None) -> AsyncWebClient:
        """The Web API client with the bot token of the workspace `team_id`."""
        return await self.workspaces.client(team_id, base=self.client)

    async def start(self) -> None:
        """Open the shared HTTP session, learn who we are, and finish what a crash left behind."""
        self.http = aiohttp.ClientSession()
        self.client.session = self.http
        started = system_clock()
        loop = asyncio.get_running_loop()
        self._loops = [
            # At start every unfinished delivery from before is an orphan; later, those idle a while.
            loop.create_task(self._every(RECOVER_EVERY, self.recover, first=started)),
        ]
        if self.workspaces.oauth:
            return  # bolt authorizes each request by its workspace's installation
        try:
            await self.authorize()
        except Exception:
            # Slack may be unreachable for a moment; the first request tries again.
            log.warning("auth.test failed at start; will retry on the first request", exc_info=True)

    async def _every(
        self, seconds: float, work: Callable[[dt.datetime], Any], *, first: dt.datetime | None = None
    ) -> None:
        before = first
        while True:
            try:
                await work(before or system_clock() - LEASE)
            except Exception:
                log.warning("slack: %s failed", getattr(work, "__name__", "pass"), exc_info=True)
            before = None
            await asyncio.sleep(seconds)

    async def recover(self, before: dt.datetime) -> None:
        """Finish every delivery left pending or answered since before `before`: answer, post, once."""
        for delivery in await self.jobs.run_db(durable.unfinished, self.services, before=before):
            log.info("slack: finishing %s (attempt %d)", delivery.key, delivery.attempts)
            if delivery.attempts > MAX_ATTEMPTS:
                await self.fail(delivery.target, "answer (gave up)", logged=False)
                await self.jobs.run_db(durable.finish, self.services, delivery.key)
            else:
                metrics.recovered("slack", self.jobs.spawn, self.finish(delivery))

    async def stop(self) -> None:
        """Let running jobs finish, then close the HTTP session."""
        for task in self._loops:
            task.cancel()
        await self.jobs.aclose()
        if self.http is not None:
            await self.http.close()
            self.client.session = None
            self.http = None

    # --- every member message, command and button: written down, acknowledged, answered ----------

    async def take(self, invocation: Invocation, target: Target, *, keys: Sequence[str]) -> Delivery | None:
        """Write the delivery down (call before ack); None when it was already handled."""
        delivery = await self.jobs.run_ack(durable.claim, self.services, keys, invocation, target)
        if delivery is None:
            log.info("slack: %s already handled", keys[0] if keys else "?")
        return delivery

    async def finish(self, delivery: Delivery) -> None:
        """Answer a delivery (once) and post the answer where it belongs."""
        try:
            await self.test_delay()
            posting = delivery.answer
            team = delivery.target.team_id
            if posting is None:
                invocation = await self.with_email(delivery.invocation, linked=delivery.linked, team_id=team)
                delivery = dataclasses.replace(delivery, invocation=invocation)
                upload = functools.partial(self._upload, team_id=team)
                try:
                    posting = await self.jobs.run_db(durable.answer, self.services, delivery, upload)
                except events.Taken:
                    log.info("slack: %s answered by another runner", delivery.key)
                    return
            await self.post(delivery.target, posting)
        except Exception:
            await self.fail(delivery.target, "answer")
        await self.jobs.run_db(durable.finish, self.services, delivery.key)

    def _upload(self, invocation: Invocation, *, team_id: str | None = None) -> Reply:
        """Files shared with the bot (in a worker thread): downloaded with the workspace's bot token."""
        token = self.workspaces.token(team_id)
        return slack_files.answer(self.services, invocation, token=token, base_url=self.client.base_url)

    async def answer(self, invocation: Invocation, target: Target, *, keys: Sequence[str]) -> None:
        """`take` and `finish` in one go (where nothing waits for an acknowledgement)."""
        delivery = await self.take(invocation, target, keys=keys)
        if delivery is not None:
            await self.finish(delivery)

    async def prepare(
        self, invocation: Invocation, *, keys: Sequence[str], team_id: str | None = None
    ) -> Invocation | None:
        """For Home and the modal (nothing to finish later): None when already handled; otherwise
        the invocation, with a verified e-mail when the user is not linked yet."""
        linked = await self.jobs.run_db(durable.mark, self.services, keys, invocation)
        if linked is None:
            log.info("slack: %s already handled", keys[0] if keys else "?")
            return None
        return await self.with_email(invocation, linked=linked, team_id=team_id)

    async def test_delay(self) -> None:
        """Tests only (DELAY_ENV): wait before answering, so that a test can kill the server there."""
        if self._delay:
            await asyncio.sleep(self._delay)

    async def with_email(
        self, invocation: Invocation, *, linked: bool, team_id: str | None = None
    ) -> Invocation:
        """Not linked yet: a verified e-mail from Slack (of workspace `team_id`) lets the registry
        link by the roster."""
        if linked or invocation.email:
            return invocation
        email = await verified_email(await self.client_for(team_id), invocation.user_id)
        return dataclasses.replace(invocation, email=email) if email else invocation

    async def deliver(self, reply: Reply, target: Target) -> None:
        """Post a reply: to the response_url, the DM, ephemerally in the channel, or in its thread."""
        await self.post(target, Posting.of(reply))

    async def post(self, target: Target, posting: Posting) -> None:
        """Post a rendered reply to a target (see `deliver`), a few at a time."""
        async with self._posting:
            await self._post(target, blocks=posting.blocks, text=posting.text, private=posting.private)

    async def _post(self, target: Target, *, blocks: list[dict[str, Any]], text: str, private: bool) -> None:
        client = self.client if target.response_url else await self.client_for(target.team_id)
        if target.response_url:
            body = {
                "blocks": blocks,
                "text": text,
                "response_type": "ephemeral" if private else "in_channel",
                "replace_original": False,
            }
            await post_to_response_url(target.response_url, body, session=self.http)
        elif target.is_direct or not target.channel_id:
            await client.chat_postMessage(
                channel=target.channel_id or target.user_id, blocks=blocks, text=text
            )
        elif private:
            await client.chat_postEphemeral(
                channel=target.channel_id,
                user=target.user_id,
                blocks=blocks,
                text=text,
                thread_ts=target.thread_ts,
            )
        else:
            await client.chat_postMessage(
                channel=target.channel_id, blocks=blocks, text=text, thread_ts=target.thread_ts
            )

    async def fail(self, target: Target, what: str, *, logged: bool = True) -> None:
        """Log the failure with a short id and tell the member, politely and with that id."""
        error_id = errors.new_error_id()
        if logged:
            log.exception("slack %s failed [%s] user=%s", what, error_id, target.user_id)
        else:
            log.error("slack %s failed [%s] user=%s", what, error_id, target.user_id)
        reply = errors.failure_notice(error_id)
        # If the usual way failed, the member's DM with the app is the other way in.
        for where in (target, Target(user_id=target.user_id, is_direct=True, team_id=target.team_id)):
            try:
                await self.deliver(reply, where)
                return
            except Exception:
                log.warning("slack: could not tell %s about [%s]", target.user_id, error_id, exc_info=True)


def slack_part(app_ctx: App, **_ignored: Any) -> Part | None:
    """Slack for `motebot run`: Socket Mode when SLACK_APP_TOKEN is set, else HTTP at /slack/events."""
    settings = app_ctx.settings
    if secret(settings.slack_bot_token) is None and not install.oauth_configured(settings):
        return None
    app_token = secret(settings.slack_app_token)
    bot = SlackBot(app_ctx, socket_mode=app_token is not None)

    @contextlib.asynccontextmanager
    async def lifespan() -> AsyncIterator[None]:
        await bot.start()
        socket = AsyncSocketModeHandler(bot.bolt, app_token) if app_token else None
        try:
            if socket is not None:
                await socket.connect_async()
                log.info("Slack: connected in Socket Mode")
            yield
        finally:
            if socket is not None:
                await socket.close_async()
            await bot.stop()

    routes: list[BaseRoute] = install.routes(bot.bolt) if bot.workspaces.oauth else []
    if not app_token:
        routes.append(Route("/slack/events", events_endpoint(bot.bolt, bot.signing_secret), methods=["POST"]))
    return Part("slack", routes=routes, lifespan=lifespan, handle=bot)
