"""Composition root: settings → engine → services; adapters are built on top of this."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from bot.config import Settings
from handlers.services import Services
from storage.db import make_engine, session_factory, upgrade


@dataclass(frozen=True)
class App:
    settings: Settings
    engine: Engine
    services: Services


def build_app(settings: Settings, *, now: str | None = None, migrate: bool = True) -> App:
    """Connect to DATABASE_URL, bring the schema to head, and wire the handler services."""
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    services = Services(factory=session_factory(engine), clock=settings.clock(now), tz=settings.tz)
    return App(settings=settings, engine=engine, services=services)
