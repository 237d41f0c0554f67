"""Which reminders have fallen due, and their rows; cheap enough to ask every pass.

A pass first takes an `Outlook`: the bodies' distinct reminder settings and a signature of the
planned meetings within reach (an aggregate the database computes from an index range). When no
reminder moment was crossed since the last pass and the signature is unchanged, nothing can have
fallen due and no meeting row is read. Otherwise `due_posts` looks: at the crossed moments only,
or (start-up, a changed møteplan, an hourly safety sweep) at every meeting within reach.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, String, and_, bindparam, cast, exists, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from storage import notices
from storage.db import is_postgres
from storage.models import Body, Channel, Meeting, ReminderPost
from storage.models_secretariat import VaraRequest
from storage.reminders import POSTS, Schedule, ahead_until, before_kind, claimable, due_moment, latest_due


@dataclass(frozen=True)
class ReminderChannel:
    """A body's channel on a platform, with the body's schedule."""

    body_id: int
    schedule: Schedule
    channel: str  # "slack:C123"


@dataclass(frozen=True)
class NewPost:
    meeting_id: int
    kind: str
    channel: str
    due_at: dt.datetime


@dataclass(frozen=True)
class Outlook:
    """The bodies' reminder settings in brief, a signature of what could fall due, and readiness."""

    schedules: frozenset[Schedule]
    reach: int  # the longest offset: how far ahead a reminder can fall due
    signature: tuple[Any, ...]
    ready: bool  # some post is already claimable
    notices_ready: bool = False  # some notice (direct message) is claimable
    expired: bool = False  # some vara request passed its deadline unanswered
    asks: frozenset[Schedule] = frozenset()  # the «Kommer du?» settings (days before, time)

    def crossed(self, since: dt.datetime, now: dt.datetime, tz: ZoneInfo) -> bool:
        """True when some body's reminder moment (a time of day) lies in (since, now]."""
        first, last = since.astimezone(tz).date(), now.astimezone(tz).date()
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        every = self.schedules | self.asks
        return any(since < due_moment(d, 0, s.at, tz) <= now for s in every for d in days)


_SETTING = cast(Body.reminder_offsets, String) + "@" + Body.reminder_time


@functools.lru_cache(maxsize=8)
def _outlook_statement(platforms: tuple[str, ...]) -> Select[Any]:
    """One row: the window's planned meetings in aggregate, the channels, the settings, readiness."""
    settings = (
        select(_SETTING.label("setting"))
        .join(Channel, Channel.body_id == Body.id)
        .where(Channel.platform.in_(list(platforms)))
        .distinct()
        .subquery()
    )
    asks = (
        select((cast(Body.ask_days, String) + "@" + Body.reminder_time).label("setting"))
        .where(Body.ask_days > 0)
        .distinct()
        .subquery()
    )
    return (
        select(func.count(), func.coalesce(func.sum(Meeting.id), 0), func.coalesce(func.max(Meeting.id), 0))
        .add_columns(
            select(func.count(Channel.id)).scalar_subquery(),
            select(func.coalesce(func.sum(Channel.id), 0)).scalar_subquery(),
            select(func.aggregate_strings(settings.c.setting, "|")).scalar_subquery(),
            select(exists().where(claimable(bindparam("now"), bindparam("stale")))).scalar_subquery(),
            select(notices.ANYTHING_DUE).scalar_subquery(),
            select(
                exists().where(VaraRequest.state == "asked", VaraRequest.deadline <= bindparam("now"))
            ).scalar_subquery(),
            select(func.aggregate_strings(asks.c.setting, "|")).scalar_subquery(),
        )
        .where(
            Meeting.date >= bindparam("first"), Meeting.date <= bindparam("last"), Meeting.status == "planned"
        )
    )


def outlook(
    session: Session,
    *,
    now: dt.datetime,
    tz: ZoneInfo,
    platforms: Sequence[str],
    lease: dt.timedelta,
    reach: int = 7,
) -> Outlook:
    """One query. `reach` is the last outlook's: if the settings changed, the signature says so anyway."""
    today = now.astimezone(tz).date()
    params = {"now": now, "stale": now - lease, "first": today, "last": today + dt.timedelta(days=reach)}
    row = session.execute(_outlook_statement(tuple(platforms)), params).one()
    settings = sorted(set((row[5] or "").split("|")) - {""})
    schedules = frozenset(
        Schedule.of(json.loads(o) if o and o != "null" else None, t)
        for o, _, t in (setting.rpartition("@") for setting in settings)
    )
    ask_settings = sorted(set((row[9] or "").split("|")) - {""})
    ask_schedules = frozenset(
        Schedule.of([int(d)], t) for d, _, t in (setting.partition("@") for setting in ask_settings)
    )
    new_reach = max((max(s.offsets) for s in schedules | ask_schedules), default=reach)
    signature = (today, reach, *row[:5], *settings, "asks", *ask_settings)
    return Outlook(schedules, new_reach, signature, bool(row[6]), bool(row[7]), bool(row[8]), ask_schedules)


def targets(
    session: Session, *, platforms: Sequence[str], body_ids: Sequence[int] | None = None
) -> list[ReminderChannel]:
    """Every body's channel on these platforms (or those of `body_ids`)."""
    stmt = (
        select(
            Channel.body_id, Channel.platform, Channel.channel_id, Body.reminder_offsets, Body.reminder_time
        )
        .join(Body, Body.id == Channel.body_id)
        .where(Channel.platform.in_(list(platforms)))
        .order_by(Channel.body_id, Channel.platform)
    )
    if body_ids is not None:
        stmt = stmt.where(Channel.body_id.in_(list(body_ids)))
    return [
        ReminderChannel(r[0], Schedule.of(r[3], r[4]), f"{r[1]}:{r[2]}") for r in session.execute(stmt).all()
    ]


def due_posts(
    session: Session,
    *,
    now: dt.datetime,
    tz: ZoneInfo,
    platforms: Sequence[str],
    since: dt.datetime | None = None,
    meeting_ids: Sequence[int] | None = None,
    body_ids: Sequence[int] | None = None,
) -> list[NewPost]:
    """The latest due reminder of each meeting still ahead, per channel, not yet in the table.

    With `since`, only reminders whose moment lies in (since, now] are looked for. Without it,
    every meeting within reach of an offset (of these meetings or bodies, when given).
    """
    by_body: dict[int, list[ReminderChannel]] = {}
    for target in targets(session, platforms=platforms, body_ids=body_ids):
        by_body.setdefault(target.body_id, []).append(target)
    if not by_body:
        return []
    today = now.astimezone(tz).date()
    stmt = select(Meeting.id, Meeting.body_id, Meeting.date, Meeting.starts_at).where(
        Meeting.status == "planned", Meeting.body_id.in_(list(by_body)), Meeting.date >= today
    )
    if meeting_ids is not None:
        stmt = stmt.where(Meeting.id.in_(list(meeting_ids)))
    elif since is not None:
        pairs = _crossed(by_body, since=since, now=now, tz=tz)
        if not pairs:
            return []
        days_of = (and_(Meeting.body_id == b, Meeting.date.in_(sorted(d))) for b, d in pairs.items())
        stmt = stmt.where(or_(*days_of))
    else:
        reach = max(max(t[0].schedule.offsets) for t in by_body.values())
        stmt = stmt.where(Meeting.date <= today + dt.timedelta(days=reach))
    wanted: list[NewPost] = []
    for meeting_id, body_id, day, starts_at in session.execute(stmt).all():
        found = latest_due(by_body[body_id][0].schedule, day, starts_at, now, tz)
        if found is not None:
            kind = before_kind(found[0], day)
            wanted.extend(NewPost(meeting_id, kind, t.channel, found[1]) for t in by_body[body_id])
    if not wanted:
        return []
    have = set(
        session.execute(
            select(ReminderPost.meeting_id, ReminderPost.kind, ReminderPost.channel).where(
                ReminderPost.meeting_id.in_(sorted({w.meeting_id for w in wanted}))
            )
        ).all()
    )
    return [w for w in wanted if (w.meeting_id, w.kind, w.channel) not in have]


def _crossed(
    by_body: dict[int, list[ReminderChannel]], *, since: dt.datetime, now: dt.datetime, tz: ZoneInfo
) -> dict[int, set[dt.date]]:
    """Body → meeting days whose reminder moment lies in (since, now]."""
    out: dict[int, set[dt.date]] = {}
    first, last = since.astimezone(tz).date(), now.astimezone(tz).date()
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    for body_id, group in by_body.items():
        schedule = group[0].schedule
        for day in days:
            if since < due_moment(day, 0, schedule.at, tz) <= now:
                out.setdefault(body_id, set()).update(day + dt.timedelta(days=o) for o in schedule.offsets)
    return out


def insert_posts(session: Session, *, posts: Sequence[NewPost]) -> int:
    """Create these rows as pending; a row that exists already (another worker) is left alone."""
    if not posts:
        return 0
    values = [
        {
            "meeting_id": p.meeting_id,
            "kind": p.kind,
            "channel": p.channel,
            "due_at": p.due_at,
            "state": "pending",
        }
        for p in posts
    ]
    insert = pg_insert if is_postgres(session) else sqlite_insert
    stmt = (
        insert(POSTS).values(values).on_conflict_do_nothing(index_elements=["meeting_id", "kind", "channel"])
    )
    return int(session.execute(stmt).rowcount or 0)  # type: ignore[attr-defined]


def upcoming(
    session: Session, *, now: dt.datetime, until: dt.datetime, tz: ZoneInfo, platforms: Sequence[str]
) -> list[NewPost]:
    """Reminders that will fall due in (now, until], as the møteplan stands (for a dry run)."""
    by_body: dict[int, list[ReminderChannel]] = {}
    for target in targets(session, platforms=platforms):
        by_body.setdefault(target.body_id, []).append(target)
    if not by_body:
        return []
    today = now.astimezone(tz).date()
    reach = max(max(t[0].schedule.offsets) for t in by_body.values())
    rows = session.execute(
        select(Meeting.id, Meeting.body_id, Meeting.date, Meeting.starts_at).where(
            Meeting.status == "planned",
            Meeting.body_id.in_(list(by_body)),
            Meeting.date >= today,
            Meeting.date <= until.astimezone(tz).date() + dt.timedelta(days=reach),
        )
    ).all()
    out: list[NewPost] = []
    for meeting_id, body_id, day, starts_at in rows:
        schedule = by_body[body_id][0].schedule
        end = ahead_until(day, starts_at, tz)
        for offset in schedule.offsets:
            moment = due_moment(day, offset, schedule.at, tz)
            if now < moment <= until and moment < end:
                kind = before_kind(offset, day)
                out.extend(NewPost(meeting_id, kind, t.channel, moment) for t in by_body[body_id])
    return sorted(out, key=lambda p: (p.due_at, p.meeting_id, p.channel))


def meeting_labels(session: Session, *, meeting_ids: Iterable[int]) -> dict[int, tuple[str, dt.date]]:
    """Meeting id → (body name, date), for listing posts."""
    ids = sorted(set(meeting_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(Meeting.id, Body.name, Meeting.date)
        .join(Body, Body.id == Meeting.body_id)
        .where(Meeting.id.in_(ids))
    ).all()
    return {r[0]: (r[1], r[2]) for r in rows}
