"""The ASGI app `motebot run` serves: /healthz, /readyz, /metrics, Slack, Teams and what parts add.

A part (`bot.parts.Part`) is one thing the server runs: HTTP routes, and/or work that lives as long
as the server (the Slack Socket Mode connection, the reminder loop). To add one, write a function
`(App) -> Part | None` (None when it is not configured) and list it in `default_parts()`. A part
whose platform SDK is heavy is imported only when its platform is configured (`slack`, `teams`
below): a server with Slack alone never loads the Teams SDK, and the other way round.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Sequence

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.app import App
from bot.logs import RequestIds, bolt_request_id
from bot.parts import Part, PartFactory
from storage import schema_head

log = logging.getLogger(__name__)

TEAMS_PATH = "/api/messages"  # bot.teams.endpoint.PATH, without importing the Teams SDK


def default_parts() -> list[PartFactory]:
    """Every part of `motebot run`, in start-up order. Add yours here, one line."""
    from bot.key_sweep import key_sweep_part
    from bot.metrics import metrics_part
    from bot.reminders_and_calendar import calendar_part, reminders_part

    return [
        health_part,
        metrics_part,
        slack,
        teams,
        calendar_part,
        reminders_part,
        key_sweep_part,
    ]


def slack(app_ctx: App) -> Part | None:
    """Slack when a bot token is set; bolt and the Slack SDK are imported only then."""
    if not app_ctx.settings.slack_configured:
        return None
    from bot.slack.app import slack_part

    part = slack_part(app_ctx)
    if part is not None and part.handle is not None:  # Socket Mode has no HTTP edge: ids in bolt too
        part.handle.bolt.use(bolt_request_id)  # type: ignore[attr-defined]
    return part


def teams(app_ctx: App) -> Part | None:
    """Teams when any of its settings is given (the part judges them); otherwise TEAMS_PATH answers
    401 and the Agents SDK (seconds and a hundred megabytes at import) is not loaded."""
    if not app_ctx.settings.teams_mentioned:
        return Part("teams", routes=[Route(TEAMS_PATH, _teams_unconfigured, methods=["POST"])])
    from bot.teams.endpoint import teams_part

    return teams_part(app_ctx)


async def _teams_unconfigured(_request: Request) -> Response:
    return JSONResponse({"error": "Teams is not configured"}, status_code=401)


def build_asgi(app_ctx: App, *, parts: Sequence[PartFactory] | None = None) -> Starlette:
    """The Starlette app over every configured part; each request gets its id (bot/logs.py)."""
    built = [p for p in (factory(app_ctx) for factory in (parts or default_parts())) if p is not None]
    routes = [route for part in built for route in part.routes]

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            for part in built:
                if part.lifespan is not None:
                    await stack.enter_async_context(part.lifespan())
                    log.info("started %s", part.name)
            yield

    asgi = Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(RequestIds)])
    asgi.state.parts = {part.name: part for part in built}
    return asgi


def health_part(app_ctx: App) -> Part:
    """/healthz: liveness (the process serves; nothing else is asked). /readyz: readiness (the
    database answers and its schema is at the newest migration), 503 with the reason otherwise."""

    async def healthz(_request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(_request: Request) -> Response:
        reason = await run_in_threadpool(not_ready, app_ctx)
        if reason is not None:
            return JSONResponse({"status": "not ready", "reason": reason}, status_code=503)
        return JSONResponse({"status": "ready"})

    return Part(
        "health",
        routes=[
            Route("/healthz", healthz, methods=["GET", "HEAD"]),
            Route("/readyz", readyz, methods=["GET", "HEAD"]),
        ],
    )


def not_ready(app_ctx: App) -> str | None:
    """Why the server cannot serve members now (None: it can)."""
    try:
        with app_ctx.engine.connect() as conn:
            current = schema_head.current(conn)
    except Exception as exc:
        log.warning("readyz: database unreachable: %s", exc)
        return "database unreachable"
    newest = schema_head.heads()
    if current != newest:
        at = ", ".join(sorted(current)) or "none"
        return f"database schema at {at}, expected {', '.join(sorted(newest))}"
    return None
