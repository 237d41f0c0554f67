"""The reminder loop wired to the configured platforms, and what `motebot run` serves of the møteplan.

`reminders_part` runs the loop beside the adapters; `calendar_part` serves /calendar/{body}.ics.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import importlib.util
import logging
import re
import threading
from collections.abc import AsyncIterator

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.app import App
from bot.parts import Part
from bot.posters import Poster
from bot.scheduler import Scheduler, Tuning
from handlers import secretariat_texts
from handlers.types import NotFound
from storage.db import unit_of_work

log = logging.getLogger("motebot.reminders")

ALL_BODIES = "alle"  # /calendar/alle.ics: every body in one calendar


def build_posters(app: App) -> dict[str, Poster]:
    """A poster per platform configured: Slack when SLACK_BOT_TOKEN (or the OAuth installation flow)
    is set, Teams if its module offers one."""
    posters: dict[str, Poster] = {}
    if app.settings.slack_configured:  # each SDK is imported only for a platform that is configured
        from bot.slack.poster import make_poster as slack_poster

        slack = slack_poster(app.settings, factory=app.services.factory)
        if slack is not None:
            posters["slack"] = slack
    # The Teams poster lives in bot/teams/poster.py (`make_poster(app) -> Poster | None`), when present.
    if app.settings.teams_mentioned and importlib.util.find_spec("bot.teams.poster") is not None:
        teams_module = importlib.import_module("bot.teams.poster")
        teams = teams_module.make_poster(app)
        if teams is not None:
            posters["teams"] = teams
    return posters


def run_forever(app: App, stop: threading.Event, *, tuning: Tuning | None = None) -> None:
    """The reminder loop for `motebot run` and `motebot reminders`: passes until `stop` is set."""
    posters = build_posters(app)
    if not posters:
        log.warning("no chat platform configured: the reminder loop does not run")
        return
    Scheduler(app.services, posters, tuning=tuning).run_forever(stop)


@contextlib.asynccontextmanager
async def running(scheduler: Scheduler) -> AsyncIterator[None]:
    """For an ASGI lifespan: the loop runs in a thread beside the event loop and stops with the server."""
    stop = threading.Event()
    thread = threading.Thread(
        target=scheduler.run_forever, args=(stop,), name="motebot-reminders", daemon=True
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        await asyncio.to_thread(thread.join, 30)


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
        from handlers import calendar  # icalendar is loaded when a feed is first asked for

        services = app_ctx.services
        with unit_of_work(services.factory) as session:
            body = None if name.lower() == ALL_BODIES else calendar.body_for_feed(session, name)
            return calendar.feed(session, body=body, now=services.clock(), tz=services.tz)

    async def feed(request: Request) -> Response:
        name = request.path_params["body"]
        try:
            data = await run_in_threadpool(build, name)
        except NotFound:
            return PlainTextResponse(secretariat_texts.PLAN_UNKNOWN_BODY.format(name=name), status_code=404)
        from handlers import calendar  # loaded by build() already

        filename = re.sub(r"[^a-z0-9-]", "", calendar.slug(name)) or "moteplan"
        headers = {
            "Content-Disposition": f'inline; filename="{filename}.ics"',
            "Cache-Control": "public, max-age=300",  # calendar apps poll; five minutes is fresh enough
        }
        return Response(data, media_type="text/calendar; charset=utf-8", headers=headers)

    return Part("calendar", routes=[Route("/calendar/{body}.ics", feed, methods=["GET", "HEAD"])])
