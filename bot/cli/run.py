"""`motebot run`: serve everything configured (Slack, Teams, reminders, /healthz) under uvicorn.

One process: uvicorn in this process (no workers, no reloader), the reminder loop and the Slack
jobs in its threads. Nothing it starts can outlive it. Run more copies for more capacity: they
share the database safely (idempotent deliveries, claimed reminders, locked migrations).
"""

from __future__ import annotations

import logging
import os

import typer
import uvicorn

from bot import logs
from bot.app import build_app
from bot.config import load_settings
from bot.server import build_asgi

log = logging.getLogger("motebot.run")


def register(app: typer.Typer) -> None:
    """Add `motebot run`."""

    @app.command("run")
    def run(
        host: str = typer.Option("0.0.0.0", help="Adressen serveren lytter på."),
        port: int | None = typer.Option(None, help="Porten (ellers PORT, ellers 3000)."),
        log_level: str = typer.Option("info", help="debug, info, warning eller error."),
    ) -> None:
        """Kjør boten: Slack (Socket Mode med SLACK_APP_TOKEN, ellers HTTP på /slack/events), Teams,
        påminnelser, /healthz, /readyz og /metrics."""
        settings = load_settings()
        logs.configure(log_level, settings.motebot_log_format)
        app_ctx = build_app(settings)  # migrates (or, at head, only reads the version row)
        uvicorn.run(
            build_asgi(app_ctx),
            host=host,
            port=port or settings.port,
            proxy_headers=True,  # behind a load balancer: the client address from X-Forwarded-For
            forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            lifespan="on",
            access_log=False,  # one line per Slack delivery is noise; errors are logged
            timeout_graceful_shutdown=10,
            log_level=log_level.lower(),
            log_config=None,  # our handler (bot/logs.py) for uvicorn's loggers too
            server_header=False,
        )


def create_app() -> object:
    """The ASGI app from the environment, for an outside server (`uvicorn --factory
    bot.cli.run:create_app`; bench/slack_http.py serves it so): what `motebot run` serves."""
    settings = load_settings()
    logs.configure("info", settings.motebot_log_format)
    return build_asgi(build_app(settings))
