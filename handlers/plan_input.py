"""What the secretariat types for a møteplan: dates, time spans, bodies, channels; refused in Norwegian."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from rapidfuzz import process
from sqlalchemy.orm import Session

from handlers import secretariat_texts, texts
from handlers.types import BadInput, NotFound
from storage import plan as store
from storage.models import Body

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NORWEGIAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_SPAN = re.compile(r"^\s*(\S+?)\s*(?:[-–—]|til)\s*(\S+)\s*$")
# «C0123456789», or «T0123456/C0123456789» for a channel of one of many workspaces.
_SLACK_CHANNEL = re.compile(r"^(?:[TE][A-Z0-9]{6,30}/)?[CG][A-Z0-9]{6,30}$")


def parse_day(value: str) -> dt.date:
    """«2027-01-14» or «14.01.2027»; anything else, and «2027-02-30», is refused."""
    text = value.strip()
    match = _ISO.match(text)
    parts = (match[1], match[2], match[3]) if match else None
    if parts is None and (match := _NORWEGIAN.match(text)):
        parts = (match[3], match[2], match[1])
    if parts is None:
        raise BadInput(secretariat_texts.PLAN_BAD_DATE.format(value=value))
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise BadInput(secretariat_texts.PLAN_BAD_DATE.format(value=value)) from None


def parse_clock(value: str) -> dt.time:
    """«10:00» or «10.00»; «25:00» and «10:61» are refused."""
    match = _CLOCK.match(value.strip())
    if not match:
        raise BadInput(secretariat_texts.PLAN_BAD_TIME.format(value=value))
    try:
        return dt.time(int(match[1]), int(match[2]))
    except ValueError:
        raise BadInput(secretariat_texts.PLAN_BAD_TIME.format(value=value)) from None


def parse_span(value: str) -> tuple[dt.time, dt.time | None]:
    """«10:00-12:30», «10.00–12.30» or just «10:00»; the end must come after the start."""
    match = _SPAN.match(value)
    if not match:
        return parse_clock(value), None
    start, end = parse_clock(match[1]), parse_clock(match[2])
    if end <= start:
        raise BadInput(
            secretariat_texts.PLAN_END_BEFORE_START.format(start=texts.clock(start), end=texts.clock(end))
        )
    return start, end


def local_moment(day: dt.date, at: dt.time, tz: ZoneInfo) -> dt.datetime:
    """A local wall-clock time as aware UTC; a time the spring change skips is refused."""
    local = dt.datetime.combine(day, at, tzinfo=tz)
    back = local.astimezone(dt.UTC).astimezone(tz)
    if (back.date(), back.time()) != (day, at):
        raise BadInput(
            secretariat_texts.PLAN_TIME_GAP.format(time=texts.clock(at), date=texts.weekday_date(day))
        )
    return local.astimezone(dt.UTC)


@dataclass(frozen=True)
class Times:
    """A meeting's start and end as UTC moments (None when not given)."""

    starts_at: dt.datetime | None
    ends_at: dt.datetime | None


def times_on(day: dt.date, span: str | None, tz: ZoneInfo) -> Times:
    """The UTC start and end of «10:00-12:30» on `day`."""
    if not span:
        return Times(None, None)
    start, end = parse_span(span)
    return Times(local_moment(day, start, tz), local_moment(day, end, tz) if end else None)


def resolve_body(session: Session, name: str) -> Body:
    """The body called `name` (any case); an unknown one is refused with the nearest names."""
    body = store.body_named(session, name=name)
    if body is not None:
        return body
    names = store.body_names(session)
    if not names:
        raise NotFound(
            secretariat_texts.PLAN_UNKNOWN_BODY.format(name=name) + " " + secretariat_texts.PLAN_NO_BODIES
        )
    near = tuple(m[0] for m in process.extract(name, names, limit=3, score_cutoff=60))
    known = secretariat_texts.PLAN_KNOWN_BODIES.format(names=texts.join_names(names))
    raise NotFound(secretariat_texts.PLAN_UNKNOWN_BODY.format(name=name) + " " + known, suggestions=near)


def parse_channel(value: str) -> tuple[str, str]:
    """«slack:C0123456789», «slack:T0123456/C0123456789» or «teams:19:…@thread.tacv2» → (platform,
    channel id)."""
    platform, sep, channel_id = value.strip().partition(":")
    platform = platform.lower()
    ok = bool(sep) and (
        (platform == "slack" and _SLACK_CHANNEL.match(channel_id) is not None)
        or (platform == "teams" and bool(channel_id) and not channel_id.isspace() and len(channel_id) <= 400)
    )
    if not ok:
        raise BadInput(secretariat_texts.CHANNEL_BAD.format(value=value))
    return platform, channel_id
