"""One app for many workspaces: Slack's OAuth installation flow beside the single-token mode.

With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set, the bolt app gets `oauth_settings`: bolt serves
/slack/install (a redirect to Slack's consent page with a state cookie) and /slack/oauth_redirect
(oauth.v2.access, then the installation is saved), and authorizes every request by the
installation of its workspace. The installations and OAuth states are kept by slack_sdk's
SQLAlchemy stores on our own database (tables from migration 0009_slack_install); they are
synchronous, so the async app calls them in a thread. `app_uninstalled` and `tokens_revoked`
delete a workspace's installation.

Without them, SLACK_BOT_TOKEN is the one token (as before). Either way `Workspaces` answers which
token posts in a given workspace, and which workspace key identities use.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.oauth.async_callback_options import AsyncCallbackOptions, AsyncFailureArgs, AsyncSuccessArgs
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.app import App
from bot.config import Settings
from bot.manifests import BOT_SCOPES
from bot.slack import install_texts as t
from bot.slack.adapter import Target, place
from bot.slack.client import secret
from handlers.types import Invocation
from storage import installations
from storage.db import unit_of_work

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
MAX_CLIENTS = 1000  # Web API clients kept, one per workspace token

log = logging.getLogger(__name__)


class NotInstalled(Exception):
    """No installation (or no bot token) for the workspace a message should go to."""


def oauth_configured(settings: Settings) -> bool:
    """True when the OAuth installation flow is configured (SLACK_CLIENT_ID and _SECRET)."""
    return bool((settings.slack_client_id or "").strip()) and secret(settings.slack_client_secret) is not None


def scopes(settings: Settings) -> list[str]:
    """The bot scopes asked for at installation: SLACK_SCOPES, or the manifest's."""
    given = [s.strip() for s in (settings.slack_scopes or "").split(",") if s.strip()]
    return given or list(BOT_SCOPES)


# --- the pages a person installing the app sees -------------------------------------------------


def _page(heading: str, text: str, link: tuple[str, str] | None, *, status: int) -> BoltResponse:
    more = f'<p><a href="{html.escape(link[1])}">{html.escape(link[0])}</a></p>' if link else ""
    body = (
        '<!doctype html><html lang="nb"><head><meta charset="utf-8">'
        f"<title>{html.escape(t.INSTALL_TITLE)}</title></head>"
        f"<body><h1>{html.escape(heading)}</h1><p>{html.escape(text)}</p>{more}</body></html>"
    )
    return BoltResponse(status=status, body=body, headers={"Content-Type": "text/html; charset=utf-8"})


async def _success(args: AsyncSuccessArgs) -> BoltResponse:
    installation = args.installation
    team = installation.team_name or t.INSTALL_THIS_WORKSPACE
    link = f"slack://app?team={installation.team_id}&id={installation.app_id}"
    return _page(
        t.INSTALL_DONE_HEADING.format(team=team), t.INSTALL_DONE, (t.INSTALL_DONE_LINK, link), status=200
    )


async def _failure(args: AsyncFailureArgs) -> BoltResponse:
    why = t.INSTALL_REASONS.get(args.reason) or t.INSTALL_REASON_OTHER.format(reason=args.reason[:100])
    text = t.INSTALL_FAILED.format(why=why)
    return _page(
        t.INSTALL_FAILED_HEADING, text, (t.INSTALL_TRY_AGAIN, INSTALL_PATH), status=args.suggested_status_code
    )


# --- the bolt app's arguments, and the token of each workspace ----------------------------------


def oauth_settings(settings: Settings, engine: Engine) -> AsyncOAuthSettings:
    """bolt's OAuth settings: our stores, the manifest's scopes, Norwegian result pages, and no
    English «Add to Slack» page of bolt's own (the install URL sends the browser straight to Slack)."""
    # Imported here: slack_sdk's SQLAlchemy stores bring SQLAlchemy's asyncio layer, which
    # single-token mode never needs at start-up.
    from bot.slack.install_stores import STATE_SECONDS, ThreadedInstallationStore, ThreadedStateStore

    client_id = str(settings.slack_client_id).strip()
    return AsyncOAuthSettings(
        client_id=client_id,
        client_secret=secret(settings.slack_client_secret),
        scopes=scopes(settings),
        redirect_uri=(settings.slack_redirect_uri or "").strip() or None,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        install_page_rendering_enabled=False,
        callback_options=AsyncCallbackOptions(success=_success, failure=_failure),
        installation_store=ThreadedInstallationStore(client_id, engine),
        installation_store_bot_only=True,
        state_store=ThreadedStateStore(engine),
        state_expiration_seconds=STATE_SECONDS,
    )


class Workspaces:
    """Which token posts in a workspace, and which workspace key a user's links carry.

    OAuth mode: the newest bot token the workspace installed (looked up in our database, so a
    restart or another replica finds it too), and identities keyed by the Enterprise Grid org (whose
    user ids are org-wide) or else the team. Single-token mode: SLACK_BOT_TOKEN and key "" (the
    single workspace), exactly as before there were many.
    """

    def __init__(self, settings: Settings, factory: sessionmaker[Session]) -> None:
        self.oauth = oauth_configured(settings)
        self.client_id = (settings.slack_client_id or "").strip()
        self.single = secret(settings.slack_bot_token)
        self.factory = factory
        self._clients: dict[str, AsyncWebClient] = {}
        self.auth: AuthorizeResult | None = None  # single-token mode's, from auth.test

    def token(self, team_id: str | None) -> str:
        """The bot token for `team_id` (blocking: call it in a worker thread)."""
        if not self.oauth:
            if self.single is None:
                raise RuntimeError("SLACK_BOT_TOKEN is not set")
            return self.single
        if not team_id:
            raise NotInstalled("no workspace given for a Slack message")
        with unit_of_work(self.factory, write=False) as session:
            token = installations.bot_token(session, client_id=self.client_id, team_id=team_id)
        if token is None:
            raise NotInstalled(f"møtebot is not installed in the Slack workspace {team_id}")
        return token

    async def authorize(self, client: AsyncWebClient) -> AuthorizeResult:
        """Single-token mode's authorization, learnt with auth.test once (with many workspaces
        bolt's installation store authorizes each request instead)."""
        if self.auth is None:
            response = await client.auth_test()
            self.auth = AuthorizeResult.from_auth_test_response(
                bot_token=self.token(None), auth_test_response=response
            )
        return self.auth

    def place(
        self, body: dict[str, Any], invocation: Invocation, target: Target
    ) -> tuple[Invocation, Target]:
        """`bot.slack.adapter.place` in this mode."""
        return place(body, invocation, target, many=self.oauth)

    async def client(self, team_id: str | None, *, base: AsyncWebClient) -> AsyncWebClient:
        """`base` itself in single-token mode; else a client like it with the workspace's token."""
        if not self.oauth:
            return base
        token = await asyncio.to_thread(self.token, team_id)
        client = self._clients.get(token)
        if client is None:
            if len(self._clients) > MAX_CLIENTS:  # tokens of workspaces long gone
                self._clients.clear()
            client = AsyncWebClient(
                token=token,
                base_url=base.base_url,
                timeout=base.timeout,
                retry_handlers=base.retry_handlers,
                session=base.session,
            )
            self._clients[token] = client
        return client


class _TokenNotice(logging.Filter):
    """bolt warns at start that it will not use SLACK_BOT_TOKEN itself: by design, as `authorize`
    hands it the token. The warning would only puzzle an operator."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token`" not in record.getMessage()


logging.getLogger("slack_bolt.AsyncApp").addFilter(_TokenNotice())


def build_bolt(
    app_ctx: App,
    workspaces: Workspaces,
    *,
    base: AsyncWebClient,
    signing_secret: str,
    socket_mode: bool,
    authorize: Callable[..., Awaitable[AuthorizeResult]],
) -> AsyncApp:
    """The bolt app: with many workspaces bolt's OAuth flow and installation store (and the
    uninstall listeners), with one our `authorize`. bolt's client only lends the base URL."""
    auth: dict[str, Any] = (
        {
            "oauth_settings": oauth_settings(app_ctx.settings, app_ctx.engine),
            # What a slash command from a workspace without an installation is told.
            "user_facing_authorize_error_message": t.NOT_INSTALLED.format(url=INSTALL_PATH),
        }
        if workspaces.oauth
        else {"authorize": authorize}
    )
    bolt = AsyncApp(
        name="motebot",  # else bolt names itself from inspect.stack(): 0.1–0.3 s at every start
        client=AsyncWebClient(base_url=base.base_url, retry_handlers=base.retry_handlers),
        signing_secret=signing_secret,
        # Socket Mode messages come over our own authenticated connection, unsigned.
        request_verification_enabled=not socket_mode,
        process_before_response=True,
        **auth,
    )
    if workspaces.oauth:
        bolt.enable_token_revocation_listeners()  # app_uninstalled, tokens_revoked
    else:  # the manifest subscribes them: say so in the log, and let Slack not retry
        bolt.event("app_uninstalled")(_token_gone)
        bolt.event("tokens_revoked")(_token_gone)
    return bolt


async def _token_gone(ack: AsyncAck, body: dict[str, Any]) -> None:
    await ack()
    log.warning(
        "slack: the app was removed from workspace %s; SLACK_BOT_TOKEN no longer works", body.get("team_id")
    )


def routes(bolt: AsyncApp) -> list[BaseRoute]:
    """/slack/install and /slack/oauth_redirect, served by bolt's OAuth flow."""
    handler = AsyncSlackRequestHandler(bolt)

    async def oauth(request: Request) -> Response:
        return await handler.handle(request)

    return [Route(INSTALL_PATH, oauth, methods=["GET"]), Route(REDIRECT_PATH, oauth, methods=["GET"])]
