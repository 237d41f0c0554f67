"""`/api/messages`: the Bot Framework endpoint, authenticated with the app's Entra credentials."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

from microsoft_agents.activity import Activity, ActivityTypes, DeliveryModes
from microsoft_agents.hosting.core import AgentAuthConfiguration, AuthTypes, ClaimsIdentity
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.app import App
from bot.config import Settings
from bot.parts import Part
from bot.teams import refs
from bot.teams import settings as teams_settings
from bot.teams.adapter import event_key, is_delivery
from bot.teams.app import Handle, TeamsBot, registry_handle
from bot.teams.auth import InvalidToken, TokenValidator
from bot.teams.settings import TeamsSettingsError
from handlers.services import Services

log = logging.getLogger(__name__)

PATH = "/api/messages"
MAX_BODY = 256 * 1024  # an activity is a few KB; a shared file is a link, not its content
MULTI_TENANT_AUTHORITY = "botframework.com"  # where a multi-tenant bot asks for its own token


def has_credentials(settings: Settings) -> bool:
    """True when the Entra app registration (id and secret) is configured."""
    return bool(settings.teams_app_id and settings.teams_app_password)


def teams_enabled(settings: Settings) -> bool:
    """Teams is served when credentials are set or the local-testing switch is on."""
    return has_credentials(settings) or settings.teams_allow_anonymous


def auth_configuration(settings: Settings) -> AgentAuthConfiguration:
    """The Agents SDK's connection settings (for the bot's own outgoing token), from TEAMS_*."""
    config = teams_settings.check(settings)
    if config.app_id is None:
        # Local testing only: no token is checked on the way in, none is fetched on the way out.
        return AgentAuthConfiguration(anonymous_allowed=True)
    assert settings.teams_app_password is not None
    return AgentAuthConfiguration(
        auth_type=AuthTypes.client_secret,
        client_id=config.app_id,
        # A multi-tenant registration (no tenant, or several) asks Bot Framework's own tenant.
        tenant_id=config.single_tenant or MULTI_TENANT_AUTHORITY,
        client_secret=settings.teams_app_password.get_secret_value(),
        anonymous_allowed=False,
    )


def build_bot(
    settings: Settings,
    services: Services,
    *,
    handle: Handle = registry_handle,
    validator: TokenValidator | None = None,
) -> TeamsBot | None:
    """The Teams agent, or None when Teams is not configured; raises TeamsSettingsError."""
    if not teams_enabled(settings):
        return None
    config = teams_settings.check(settings)
    if config.anonymous:
        log.warning(
            "TEAMS_ALLOW_ANONYMOUS: /api/messages accepts unauthenticated requests from loopback "
            "service URLs only (local testing)"
        )
    elif validator is None:
        assert config.app_id is not None
        validator = TokenValidator(config.app_id)
    return TeamsBot(
        settings=settings,
        services=services,
        auth_config=auth_configuration(settings),
        config=config,
        handle=handle,
        validator=validator,
    )


def _refuse(status: int, error: str) -> Response:
    return JSONResponse({"error": error}, status_code=status)


async def _identity(bot: TeamsBot, request: Request) -> ClaimsIdentity | Response:
    """Who sent the request: a verified Bot Framework token, or anonymous in local testing."""
    if bot.config.anonymous:
        return ClaimsIdentity()
    assert bot.validator is not None
    try:
        claims = await bot.validator.claims(request.headers.get("authorization"))
    except InvalidToken as exc:
        log.warning("Teams request refused: %s", exc)
        return _refuse(401, "Invalid token or authentication failed.")
    return ClaimsIdentity(claims, security_token=request.headers["authorization"].split()[-1])


async def _activity(request: Request) -> Activity | Response:
    """The posted activity, read within MAX_BODY; 413 or 400 for what is not one."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return _refuse(413, "Activity too large")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return _refuse(413, "Activity too large")
    try:
        activity = Activity.model_validate(json.loads(body))
    except (ValueError, ValidationError):
        return _refuse(400, "Not an activity")
    if not activity.type or activity.conversation is None or not activity.conversation.id:
        return _refuse(400, "Activity must have type and conversation.id")
    request._body = bytes(body)  # the SDK's adapter reads the request again
    return activity


def _problem(bot: TeamsBot, identity: ClaimsIdentity, activity: Activity) -> Response | None:
    """Why this activity may not be served (anonymous off loopback, a foreign tenant …), or None."""
    service_url = activity.service_url
    if bot.config.anonymous and not teams_settings.is_loopback_url(service_url):
        log.warning("Teams (anonymous) refused serviceUrl %r: only loopback in local testing", service_url)
        return _refuse(401, "Anonymous requests are accepted from loopback service URLs only")
    claimed = identity.get_claim_value("serviceurl")
    if isinstance(claimed, str) and claimed and not _same_host(claimed, service_url):
        log.warning("Teams token for %r, activity for %r: refused", claimed, service_url)
        return _refuse(401, "Service URL does not match the token")
    tenant = refs.tenant_id(activity)
    if not bot.config.allows_tenant(tenant):
        log.warning("Teams activity from tenant %r refused: not in TEAMS_TENANT_ID", tenant)
        return _refuse(403, "Tenant not allowed")
    return None


def _same_host(one: str, other: str | None) -> bool:
    try:
        return (urlsplit(one).hostname or "").lower() == (urlsplit(other or "").hostname or "").lower()
    except ValueError:
        return False


def messages_app(bot: TeamsBot) -> Starlette:
    """An ASGI app for PATH: the token, the activity and its tenant checked, then the agent.

    A member's message or button press is written down before the acknowledgement (bot.teams
    .durable): a message is acknowledged with 202 at once and answered beside the request; an
    invoke or an expectReplies message (whose response carries the answer) is answered inside it.
    """

    async def messages(request: Request) -> Response:
        identity = await _identity(bot, request)
        if isinstance(identity, Response):
            return identity
        activity = await _activity(request)
        if isinstance(activity, Response):
            return activity
        refused = _problem(bot, identity, activity)
        if refused is not None:
            return refused
        request.state.claims_identity = identity
        key = event_key(activity) if is_delivery(activity) else None
        if key is None:
            response = await bot.adapter.process(request, bot.agent)
            return response if response is not None else Response(status_code=202)
        delivery = await bot.deliveries.take(key, activity, identity.claims)
        if delivery is None:  # a retry, or another replica has it
            return JSONResponse({}) if activity.type == ActivityTypes.invoke else Response(status_code=202)
        # An invoke, and a message that expects its replies in the response, are answered inside it.
        if activity.type == ActivityTypes.invoke or activity.delivery_mode == DeliveryModes.expect_replies:
            try:
                response = await bot.adapter.process(request, bot.agent)
            finally:
                await bot.deliveries.done(delivery)
            return response if response is not None else Response(status_code=200)
        bot.deliveries.spawn(delivery)
        return Response(status_code=202)

    return Starlette(routes=[Route(PATH, messages, methods=["POST"])])


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
    try:
        bot = build_bot(app_ctx.settings, app_ctx.services)
    except TeamsSettingsError as exc:
        raise SystemExit(str(exc)) from exc  # the operator reads what to change, not a traceback
    lifespan = bot.deliveries.running if bot is not None else None
    return Part("teams", routes=routes(bot), lifespan=lifespan, handle=bot)
