"""`motebot run`: serve everything configured (Slack, Teams, reminders, /healthz) under uvicorn."""

from __future__ import annotations

import logging
import os

import typer
import uvicorn
from starlette.applications import Starlette

from bot.app import build_app
from bot.config import load_settings
from bot.server import build_asgi

log = logging.getLogger("motebot.run")


def create_app() -> Starlette:
    """The ASGI app from the environment; uvicorn's workers call this (schema already migrated)."""
    settings = load_settings()
    return build_asgi(build_app(settings, migrate=False))


def register(app: typer.Typer) -> None:
    """Add `motebot run`."""

    @app.command("run")
    def run(
        host: str = typer.Option("0.0.0.0", help="Adressen serveren lytter på."),
        port: int | None = typer.Option(None, help="Porten (ellers PORT, ellers 3000)."),
        workers: int = typer.Option(1, min=1, help="Antall prosesser (hver med sin Slack-forbindelse)."),
        log_level: str = typer.Option("info", help="debug, info, warning eller error."),
    ) -> None:
        """Kjør boten: Slack (Socket Mode med SLACK_APP_TOKEN, ellers HTTP på /slack/events), Teams,
        påminnelser og /healthz."""
        logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        settings = load_settings()
        app_ctx = build_app(settings)  # migrates once, before any worker starts
        bind_port = port or settings.port
        common = {
            "host": host,
            "port": bind_port,
            "proxy_headers": True,  # behind a load balancer: the client address from X-Forwarded-For
            "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            "lifespan": "on",
            "access_log": False,  # one line per Slack delivery is noise; errors are logged
            "timeout_graceful_shutdown": 10,
            "log_level": log_level.lower(),
            "server_header": False,
        }
        if workers > 1:
            app_ctx.engine.dispose()
            uvicorn.run("bot.cli.run:create_app", factory=True, workers=workers, **common)  # type: ignore[arg-type]
            return
        uvicorn.run(build_asgi(app_ctx), **common)  # type: ignore[arg-type]
