"""The Slack app: a bolt AsyncApp whose listeners acknowledge at once and leave the rest to jobs.

Every listener answers Slack inside the request (`process_before_response=True`: bolt's default
mode polls for ack() in 10 ms sleeps) and before any database work; the answer is made and
posted by a job on the same event loop, and each effect is claimed in processed_events first so
Slack's retries, Socket Mode redeliveries and other replicas change nothing twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import uuid
from collections.abc import AsyncIterator, Sequence
from typing import Any

import aiohttp
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.web.async_client import AsyncWebClient
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.app import App
from bot.parts import Part
from bot.slack import listeners, work
from bot.slack.adapter import Target
from bot.slack.client import async_web_client, bot_token, post_to_response_url, secret
from bot.slack.jobs import Jobs, WorkerSpec, default_processes
from bot.slack.render import render_message
from bot.slack.users import verified_email
from handlers import texts
from handlers.services import Services
from handlers.types import Invocation, Reply, Text

log = logging.getLogger(__name__)

# Commands waiting for an answer beyond which a new one is told «try again» at once.
MAX_BACKLOG = 2000
KEEP_KEYS_DAYS = 7  # processed_events keys of Slack deliveries; Slack retries within minutes
SWEEP_EVERY = 3600  # seconds
MAX_POSTING = 4  # answers being posted to Slack at the same time


class _TokenNotice(logging.Filter):
    """bolt warns at start that it will not use SLACK_BOT_TOKEN itself: by design, as `authorize`
    hands it the token. The warning would only puzzle an operator."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token`" not in record.getMessage()


logging.getLogger("slack_bolt.AsyncApp").addFilter(_TokenNotice())


class SlackBot:
    """The bolt app with what its jobs need: the services, a Web API client and the job runner."""

    def __init__(self, app_ctx: App, *, socket_mode: bool, processes: int = 0) -> None:
        settings = app_ctx.settings
        self.services: Services = app_ctx.services
        self.client = async_web_client(settings)
        self.token = bot_token(settings)
        spec = WorkerSpec(settings.database_url, settings.motebot_timezone, settings.motebot_now)
        self.jobs = Jobs(app_ctx.services, spec=spec, processes=processes)
        self.max_backlog = MAX_BACKLOG
        self.http: aiohttp.ClientSession | None = None
        self.auth: AuthorizeResult | None = None
        self._sweeper: asyncio.Task[None] | None = None
        self._posting = asyncio.Semaphore(MAX_POSTING)
        signing_secret = secret(settings.slack_signing_secret) or ""
        if not socket_mode and not signing_secret:
            raise RuntimeError("SLACK_SIGNING_SECRET is not set (needed for HTTP mode)")

        async def authorize(enterprise_id: str | None, team_id: str | None) -> AuthorizeResult:
            return await self._authorize()

        # bolt takes the token from `authorize`; its own client only lends the base URL.
        bolt_client = AsyncWebClient(base_url=self.client.base_url, retry_handlers=self.client.retry_handlers)
        self.bolt = AsyncApp(
            client=bolt_client,
            signing_secret=signing_secret,
            authorize=authorize,
            # Socket Mode messages come over our own authenticated connection, unsigned.
            request_verification_enabled=not socket_mode,
            process_before_response=True,
        )
        listeners.register(self.bolt, self)

    @property
    def bot_user_id(self) -> str | None:
        return self.auth.bot_user_id if self.auth else None

    async def _authorize(self) -> AuthorizeResult:
        # One workspace: auth.test once (at start, or on the first request) and then from memory.
        if self.auth is None:
            response = await self.client.auth_test()
            self.auth = AuthorizeResult.from_auth_test_response(
                bot_token=self.token, auth_test_response=response
            )
        return self.auth

    async def start(self) -> None:
        """Open the shared HTTP session and learn who we are (the loop is running now)."""
        self.http = aiohttp.ClientSession()
        self.client.session = self.http
        await self.jobs.start()
        self._sweeper = asyncio.get_running_loop().create_task(self._sweep())
        try:
            await self._authorize()
        except Exception:
            # Slack may be unreachable for a moment; the first request tries again.
            log.warning("auth.test failed at start; will retry on the first request", exc_info=True)

    async def _sweep(self) -> None:
        """Now and then, drop delivery keys far older than any retry."""
        while True:
            try:
                gone = await self.jobs.run_db(work.forget_old_keys, KEEP_KEYS_DAYS)
                log.debug("slack: forgot %d old delivery keys", gone)
            except Exception:
                log.warning("slack: could not forget old delivery keys", exc_info=True)
            await asyncio.sleep(SWEEP_EVERY)

    async def stop(self) -> None:
        """Let running jobs finish, then close the HTTP session."""
        if self._sweeper is not None:
            self._sweeper.cancel()
        await self.jobs.aclose()
        if self.http is not None:
            await self.http.close()
            self.client.session = None
            self.http = None

    # --- the job every member message, command and button becomes --------------------------------

    async def answer(self, invocation: Invocation, target: Target, *, keys: Sequence[str]) -> None:
        """Claim the delivery, run it through the registry, and post the reply where it belongs."""
        try:
            outcome = await self.jobs.run_db(work.claim_and_answer, keys, invocation)
            if outcome == "duplicate":
                log.info("slack: %s already handled", keys[0] if keys else "?")
                return
            if outcome == "needs-email":
                # Not linked yet: a verified e-mail lets the registry link by the roster.
                email = await verified_email(self.client, invocation.user_id)
                invocation = dataclasses.replace(invocation, email=email) if email else invocation
                outcome = await self.jobs.run_db(work.answer, invocation)
            assert isinstance(outcome, work.Rendered)
            await self.post(target, blocks=outcome.blocks, text=outcome.text, private=outcome.private)
        except Exception:
            await self.fail(target, "answer")

    async def prepare(self, invocation: Invocation, *, keys: Sequence[str]) -> Invocation | None:
        """None when this delivery was already handled; otherwise the invocation, with a verified
        e-mail from Slack when the user is not linked yet (the registry links by the roster)."""
        claimed, linked = await self.jobs.run_db(work.claim, keys, invocation.user_id)
        if not claimed:
            log.info("slack: %s already handled", keys[0] if keys else "?")
            return None
        if linked or invocation.email:
            return invocation
        email = await verified_email(self.client, invocation.user_id)
        return dataclasses.replace(invocation, email=email) if email else invocation

    async def deliver(self, reply: Reply, target: Target) -> None:
        """Post a reply: to the response_url, the DM, ephemerally in the channel, or in its thread."""
        blocks, text = render_message(reply)
        await self.post(target, blocks=blocks, text=text, private=reply.private)

    async def post(self, target: Target, *, blocks: list[dict[str, Any]], text: str, private: bool) -> None:
        """Post blocks to a target (see `deliver`), a few at a time."""
        # A batch of answers comes back from a worker at once; posting them all in one go would
        # hold the loop and delay acknowledgements, so they take turns.
        async with self._posting:
            await self._post(target, blocks=blocks, text=text, private=private)

    async def _post(self, target: Target, *, blocks: list[dict[str, Any]], text: str, private: bool) -> None:
        if target.response_url:
            body = {
                "blocks": blocks,
                "text": text,
                "response_type": "ephemeral" if private else "in_channel",
                "replace_original": False,
            }
            await post_to_response_url(target.response_url, body, session=self.http)
        elif target.is_direct or not target.channel_id:
            await self.client.chat_postMessage(
                channel=target.channel_id or target.user_id, blocks=blocks, text=text
            )
        elif private:
            await self.client.chat_postEphemeral(
                channel=target.channel_id,
                user=target.user_id,
                blocks=blocks,
                text=text,
                thread_ts=target.thread_ts,
            )
        else:
            await self.client.chat_postMessage(
                channel=target.channel_id, blocks=blocks, text=text, thread_ts=target.thread_ts
            )

    async def fail(self, target: Target, what: str) -> None:
        """Log the failure with a short id and tell the member, politely and with that id."""
        error_id = uuid.uuid4().hex[:8]
        log.exception("slack %s failed [%s] user=%s", what, error_id, target.user_id)
        message = texts.SLACK_FAILURE.format(error_id=error_id)
        reply = Reply((Text(message),), fallback=message, kind="error")
        # If the usual way failed, the member's DM with the app is the other way in.
        for where in (target, Target(user_id=target.user_id, is_direct=True)):
            try:
                await self.deliver(reply, where)
                return
            except Exception:
                log.warning("slack: could not tell %s about [%s]", target.user_id, error_id, exc_info=True)


def slack_part(app_ctx: App, *, processes: int | None = None) -> Part | None:
    """Slack for `motebot run`: Socket Mode when SLACK_APP_TOKEN is set, else HTTP at /slack/events.

    `processes`: worker processes for the handlers' database work (default: one per spare core;
    0 runs it in threads with the app's own Services, as tests that inject a clock need).
    """
    settings = app_ctx.settings
    if secret(settings.slack_bot_token) is None:
        return None
    app_token = secret(settings.slack_app_token)
    workers = default_processes() if processes is None else processes
    bot = SlackBot(app_ctx, socket_mode=app_token is not None, processes=workers)
    handler = AsyncSlackRequestHandler(bot.bolt)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

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

    routes: list[BaseRoute] = [] if app_token else [Route("/slack/events", events, methods=["POST"])]
    return Part("slack", routes=routes, lifespan=lifespan, handle=bot)
