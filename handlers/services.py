"""What every handler is given: the database, the clock and the members' time zone.

`Services` lives as long as the app; `Context` lives for one command: the registry opens one unit
of work, resolves the asker in it and hands the handler the session with the time of the command.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from storage.clock import OSLO, Clock, system_clock


@dataclass(frozen=True)
class Services:
    factory: sessionmaker[Session]
    clock: Clock = system_clock
    tz: ZoneInfo = OSLO


@dataclass(frozen=True)
class Context:
    """One command's unit of work: its session (committed by the registry), services, time, zone."""

    session: Session
    services: Services
    now: dt.datetime  # aware UTC, read once from the injected clock
    tz: ZoneInfo

    @property
    def today(self) -> dt.date:
        """The members' local date at the time of the command."""
        return self.now.astimezone(self.tz).date()
