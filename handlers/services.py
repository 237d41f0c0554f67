"""What every handler is given: the database, the clock and the members' time zone."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from storage.clock import OSLO, Clock, system_clock


@dataclass(frozen=True)
class Services:
    factory: sessionmaker[Session]
    clock: Clock = system_clock
    tz: ZoneInfo = OSLO
