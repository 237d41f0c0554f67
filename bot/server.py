"""The ASGI app `motebot run` serves: /healthz, Slack at /slack/events, and whatever parts add.

A part (`bot.parts.Part`) is one thing the server runs: HTTP routes, and/or work that lives as long
as the server (the Slack Socket Mode connection, the reminder loop). To add one, write a function
`(App) -> Part | None` (None when it is not configured) and list it in `default_parts()`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Sequence

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.app import App
from bot.parts import Part, PartFactory

log = logging.getLogger(__name__)


def default_parts() -> list[PartFactory]:
    """Every part of `motebot run`, in start-up order. Add yours here, one line."""
    from bot.key_sweep import key_sweep_part
    from bot.reminders_and_calendar import calendar_part, reminders_part
    from bot.slack.app import slack_part
    from bot.teams.endpoint import teams_part

    return [health_part, slack_part, teams_part, calendar_part, reminders_part, key_sweep_part]


def build_asgi(app_ctx: App, *, parts: Sequence[PartFactory] | None = None) -> Starlette:
    """The Starlette app over every configured part."""
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

    asgi = Starlette(routes=routes, lifespan=lifespan)
    asgi.state.parts = {part.name: part for part in built}
    return asgi


def health_part(app_ctx: App) -> Part:
    """/healthz for the load balancer: 200 when the database answers, 503 when it does not."""

    async def healthz(_request: Request) -> Response:
        try:
            await run_in_threadpool(_ping, app_ctx)
        except Exception:
            log.warning("healthz: database unreachable", exc_info=True)
            return JSONResponse({"status": "database unreachable"}, status_code=503)
        return JSONResponse({"status": "ok"})

    return Part("health", routes=[Route("/healthz", healthz, methods=["GET", "HEAD"])])


def _ping(app_ctx: App) -> None:
    with app_ctx.engine.connect() as conn:
        conn.execute(text("select 1"))
