"""A part of `motebot run`: HTTP routes, and/or work that lives as long as the server.

The parts (Slack, Teams, the reminder loop, the calendar feed) import this module and the server
lists them; neither imports the other's module back, so there is no cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field

from starlette.routing import BaseRoute

from bot.app import App

Lifespan = Callable[[], AbstractAsyncContextManager[None]]


@dataclass
class Part:
    """Routes to serve, and an optional lifespan (entered at start-up, left at shutdown)."""

    name: str
    routes: list[BaseRoute] = field(default_factory=list)
    lifespan: Lifespan | None = None
    handle: object | None = None  # what the part offers others (and tests), e.g. the SlackBot


PartFactory = Callable[[App], "Part | None"]
