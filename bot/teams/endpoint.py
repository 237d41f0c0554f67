"""`/api/messages`: the Bot Framework endpoint, authenticated with the app's Entra credentials."""

from __future__ import annotations

import logging

from microsoft_agents.hosting.core import AgentAuthConfiguration, AuthTypes
from microsoft_agents.hosting.fastapi import JwtAuthorizationMiddleware
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.app import App
from bot.config import Settings
from bot.parts import Part
from bot.teams.app import Handle, TeamsBot, registry_handle
from handlers.services import Services

log = logging.getLogger(__name__)

PATH = "/api/messages"


def has_credentials(settings: Settings) -> bool:
    """True when the Entra app registration (id and secret) is configured."""
    return bool(settings.teams_app_id and settings.teams_app_password)


def teams_enabled(settings: Settings) -> bool:
    """Teams is served when credentials are set or the local-testing switch is on."""
    return has_credentials(settings) or settings.teams_allow_anonymous


def auth_configuration(settings: Settings) -> AgentAuthConfiguration:
    """The Agents SDK's connection settings, from our TEAMS_* settings."""
    if not has_credentials(settings):
        # Local testing only: no token is checked on the way in, none is fetched on the way out.
        return AgentAuthConfiguration(anonymous_allowed=True)
    assert settings.teams_app_password is not None
    return AgentAuthConfiguration(
        auth_type=AuthTypes.client_secret,
        client_id=settings.teams_app_id,
        tenant_id=settings.teams_tenant_id,
        client_secret=settings.teams_app_password.get_secret_value(),
        anonymous_allowed=settings.teams_allow_anonymous,
    )


def build_bot(settings: Settings, services: Services, *, handle: Handle = registry_handle) -> TeamsBot | None:
    """The Teams agent, or None when Teams is not configured."""
    if not teams_enabled(settings):
        return None
    config = auth_configuration(settings)
    if config.ANONYMOUS_ALLOWED:
        log.warning(
            "TEAMS_ALLOW_ANONYMOUS: /api/messages accepts unauthenticated requests (local testing only)"
        )
    return TeamsBot(settings=settings, services=services, auth_config=config, handle=handle)


class _Authenticate:
    """The SDK's JWT middleware, where any failure to validate a token is a 401.

    A malformed token makes the SDK raise (a KeyError for a token without «kid») instead of
    refusing it; nothing may reach the agent then, and the caller gets 401, not 500.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        reached = False

        async def inner(scope: Scope, receive: Receive, send: Send) -> None:
            nonlocal reached
            reached = True
            await self.app(scope, receive, send)

        try:
            await JwtAuthorizationMiddleware(inner)(scope, receive, send)
        except Exception:
            if reached:
                raise
            log.warning("Teams request refused: its token could not be validated", exc_info=True)
            await JSONResponse({"error": "Invalid token or authentication failed."}, status_code=401)(
                scope, receive, send
            )


def messages_app(bot: TeamsBot) -> Starlette:
    """An ASGI app for PATH: the SDK's JWT middleware, then the adapter.

    The middleware reads its configuration from the app it runs in, so the endpoint is its own
    small app, mounted at PATH by `routes` (the outer server keeps its own state to itself).
    """

    async def messages(request: Request) -> Response:
        response = await bot.adapter.process(request, bot.agent)
        return response if response is not None else Response(status_code=202)

    app = Starlette(
        routes=[Route(PATH, messages, methods=["POST"])],
        middleware=[Middleware(_Authenticate)],
    )
    app.state.agent_configuration = bot.auth_config
    return app


async def _unconfigured(_request: Request) -> Response:
    """With neither credentials nor the local-testing switch, every request is refused."""
    return JSONResponse({"error": "Teams is not configured"}, status_code=401)


def routes(bot: TeamsBot | None) -> list[BaseRoute]:
    """The routes to add to `motebot run`'s server: always PATH, refusing when Teams is off."""
    if bot is None:
        return [Route(PATH, _unconfigured, methods=["POST"])]
    return [Route(PATH, messages_app(bot), methods=["POST"])]


def build_asgi(bot: TeamsBot | None) -> Starlette:
    """A server with only the Teams endpoint (tests, or running Teams on its own)."""
    return Starlette(routes=routes(bot))


def teams_part(app_ctx: App) -> Part:
    """The Teams part of `motebot run`: PATH always (a 401 when Teams is not configured)."""
    bot = build_bot(app_ctx.settings, app_ctx.services)
    return Part("teams", routes=routes(bot), handle=bot)
