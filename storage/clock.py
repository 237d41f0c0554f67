"""The injected clock: tests and the demo set "today"; everything else asks it for the time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

Clock = Callable[[], dt.datetime]
OSLO = ZoneInfo("Europe/Oslo")


def system_clock() -> dt.datetime:
    """The real time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def fixed_clock(when: dt.datetime) -> Clock:
    """A clock that always answers `when` (aware)."""
    if when.tzinfo is None:
        raise ValueError("fixed_clock needs an aware datetime")
    frozen = when.astimezone(dt.UTC)
    return lambda: frozen


def parse_when(value: str, tz: ZoneInfo = OSLO) -> dt.datetime:
    """`YYYY-MM-DD` (noon local) or an ISO date-time (local when it has no offset), as aware UTC."""
    value = value.strip()
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            return dt.datetime.combine(day, dt.time(12, 0), tzinfo=tz).astimezone(dt.UTC)
        moment = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"not a date or ISO date-time: {value!r}") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(dt.UTC)
