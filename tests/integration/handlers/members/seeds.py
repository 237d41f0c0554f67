"""The seeds imported into a test database, and a dialog helper: «forfall 7.12» → Reply."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from handlers.registry import handle
from handlers.services import Services
from handlers.types import BulletList, Buttons, Facts, Heading, Invocation, Note, Reply, Text
from ingest.load import import_paths
from storage.clock import fixed_clock, parse_when
from tests.conftest import SEEDS

NOW = parse_when("2017-10-02")


def import_seeds(db: sessionmaker[Session]) -> None:
    """Import the five seed documents with the real parser and loader."""
    reports = import_paths(db, SEEDS, clock=fixed_clock(NOW))
    assert all(r.ok for r in reports), reports


@dataclass
class Chat:
    """A member talking to the bot through the registry, as a chat adapter would."""

    services: Services
    user: str = "Per Kierulf"
    platform: str = "console"

    def say(self, text: str, *, command: str | None = None, user: str | None = None) -> Reply:
        inv = Invocation(platform=self.platform, user_id=user or self.user, text=text, command=command)  # type: ignore[arg-type]
        return handle(inv, self.services)

    def at(self, when: str) -> Chat:
        clock = fixed_clock(parse_when(when))
        return Chat(Services(self.services.factory, clock=clock), self.user, self.platform)


def services(db: sessionmaker[Session], now: dt.datetime = NOW) -> Services:
    return Services(db, clock=fixed_clock(now))


def plain(reply: Reply) -> str:
    """The reply as lines of text (what a member reads), for assertions."""
    lines: list[str] = []
    for el in reply.elements:
        if isinstance(el, Heading | Text | Note):
            lines.append(el.text)
        elif isinstance(el, Facts):
            lines.extend(f"{k}: {v}" for k, v in el.items)
        elif isinstance(el, BulletList):
            if el.title:
                lines.append(el.title)
            lines.extend(f"- {item}" for item in el.items)
        elif isinstance(el, Buttons):
            lines.extend(f"[{b.label}] {b.action} {b.value}" for b in el.items)
    return "\n".join(lines)


def buttons(reply: Reply) -> list[tuple[str, str, str]]:
    found = [b for el in reply.elements if isinstance(el, Buttons) for b in el.items]
    return [(b.label, b.action, b.value) for b in found]
