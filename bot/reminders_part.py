"""The parts `motebot run` adds for the møteplan: the reminder loop, and the iCalendar feed per body."""

from __future__ import annotations

import logging
import re

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.app import App
from bot.scheduler import Scheduler, Tuning, build_posters, running
from bot.server import Part
from handlers import calendar, texts
from handlers.types import NotFound
from storage.db import unit_of_work

log = logging.getLogger("motebot.reminders")

ALL_BODIES = "alle"  # /calendar/alle.ics: every body in one calendar


def reminders_part(app_ctx: App, *, tuning: Tuning | None = None) -> Part | None:
    """The reminder loop beside the adapters; None when no chat platform is configured."""
    posters = build_posters(app_ctx)
    if not posters:
        log.info("reminders: no chat platform configured, the loop does not run")
        return None
    scheduler = Scheduler(app_ctx.services, posters, tuning=tuning)
    return Part("reminders", lifespan=lambda: running(scheduler), handle=scheduler)


def calendar_part(app_ctx: App) -> Part:
    """GET /calendar/{body}.ics: a body's møteplan for Outlook or Google to subscribe to."""

    def build(name: str) -> bytes:
        services = app_ctx.services
        with unit_of_work(services.factory) as session:
            body = None if name.lower() == ALL_BODIES else calendar.body_for_feed(session, name)
            return calendar.feed(session, body=body, now=services.clock(), tz=services.tz)

    async def feed(request: Request) -> Response:
        name = request.path_params["body"]
        try:
            data = await run_in_threadpool(build, name)
        except NotFound:
            return PlainTextResponse(texts.PLAN_UNKNOWN_BODY.format(name=name), status_code=404)
        filename = re.sub(r"[^a-z0-9-]", "", calendar.slug(name)) or "moteplan"
        headers = {
            "Content-Disposition": f'inline; filename="{filename}.ics"',
            "Cache-Control": "public, max-age=300",  # calendar apps poll; five minutes is fresh enough
        }
        return Response(data, media_type="text/calendar; charset=utf-8", headers=headers)

    return Part("calendar", routes=[Route("/calendar/{body}.ics", feed, methods=["GET", "HEAD"])])
