"""Calling one handler directly, the way the registry does: one unit of work, one Context."""

from __future__ import annotations

from handlers.routing import Handler
from handlers.services import Context, Services
from handlers.types import Reply, Request
from storage.db import unit_of_work


def call(handler: Handler, request: Request, services: Services, *, write: bool = False) -> Reply:
    """`handler(request, ctx)` in its own transaction (committed when it returns)."""
    with unit_of_work(services.factory, write=write) as session:
        return handler(request, Context(session, services, request.now, services.tz))
