"""Notices: direct messages (and secretariat messages) written once, sent once.

A notice is a row with a unique key («vara-ask:12», «quorum-lost:7:1>p3»), written in the same
transaction as the change it speaks of, so a step of the vara chain and its message stand or fall
together. Sending uses the claim of storage.leases, as the reminder posts do.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, exists, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from storage.db import is_postgres
from storage.leases import LeaseQueue
from storage.models import Channel, ChatIdentity, ConversationRef, Membership
from storage.models_secretariat import Notice

NOTICES = cast(Table, Notice.__table__)


def enqueue(
    session: Session,
    *,
    key: str,
    kind: str,
    meeting_id: int,
    now: dt.datetime,
    person_id: int | None = None,
    channel: str | None = None,
    payload: dict[str, Any] | None = None,
) -> bool:
    """Write the notice unless its key exists; True when this call wrote it."""
    insert = pg_insert if is_postgres(session) else sqlite_insert
    values = {
        "key": key[:300],
        "kind": kind,
        "meeting_id": meeting_id,
        "person_id": person_id,
        "channel": channel,
        "payload": payload or {},
        "due_at": now,
        "state": "pending",
        "attempts": 0,
    }
    stmt = (
        insert(NOTICES).values(values).on_conflict_do_nothing(index_elements=["key"]).returning(NOTICES.c.id)
    )
    # RETURNING, not rowcount: psycopg reports -1 rows for an insert that did nothing.
    return session.execute(stmt).scalar() is not None


def to_secretariat(
    session: Session,
    *,
    key: str,
    kind: str,
    body_id: int,
    meeting_id: int,
    now: dt.datetime,
    payload: dict[str, Any] | None = None,
) -> int:
    """A notice to each secretariat member of the body; to its channels when it has none."""
    people = session.scalars(
        select(Membership.person_id)
        .where(Membership.body_id == body_id, Membership.role == "secretariat")
        .order_by(Membership.person_id)
    ).all()
    written = 0
    for person_id in people:
        written += enqueue(
            session,
            key=f"{key}>p{person_id}",
            kind=kind,
            meeting_id=meeting_id,
            now=now,
            person_id=person_id,
            payload=payload,
        )
    if not people:
        channels = session.execute(
            select(Channel.platform, Channel.channel_id)
            .where(Channel.body_id == body_id)
            .order_by(Channel.id)
        ).all()
        for platform, channel_id in channels:
            written += enqueue(
                session,
                key=f"{key}>{platform}:{channel_id}",
                kind=kind,
                meeting_id=meeting_id,
                now=now,
                channel=f"{platform}:{channel_id}",
                payload=payload,
            )
    return written


@dataclass(frozen=True)
class ClaimedNotice:
    id: int
    key: str
    kind: str
    person_id: int | None
    channel: str | None
    meeting_id: int
    payload: dict[str, Any]
    attempts: int


QUEUE = LeaseQueue(NOTICES)
claimable = QUEUE.claimable
ANYTHING_DUE = exists().where(claimable(bindparam("now"), bindparam("stale")))


def claim(
    session: Session, *, now: dt.datetime, worker: str, lease: dt.timedelta, limit: int
) -> list[ClaimedNotice]:
    """Take up to `limit` due notices for this worker, oldest first."""
    c = NOTICES.c
    rows = QUEUE.claim(
        session,
        now=now,
        worker=worker,
        lease=lease,
        limit=limit,
        returning=(c.id, c.key, c.kind, c.person_id, c.channel, c.meeting_id, c.payload, c.attempts),
    )
    got = [ClaimedNotice(r[0], r[1], r[2], r[3], r[4], r[5], _json(r[6]), r[7]) for r in rows]
    return sorted(got, key=lambda n: n.id)


def _json(value: Any) -> dict[str, Any]:
    """RETURNING may hand back the JSON column as text (SQLite)."""
    return dict(json.loads(value)) if isinstance(value, str) else dict(value or {})


def renew(session: Session, *, notice_id: int, worker: str, now: dt.datetime) -> bool:
    """Refresh the claim just before sending; False when another worker took it over."""
    return QUEUE.renew(session, row_id=notice_id, worker=worker, now=now)


def record(
    session: Session, *, notice_id: int, worker: str, now: dt.datetime, state: str, ref: str | None = None
) -> bool:
    """Mark the notice as posted (with where it went) or skipped (with why)."""
    values: dict[str, Any] = {"state": state, "next_attempt_at": None}
    if state == "posted":
        values.update(posted_at=now, message_ref=(ref or "")[:420], last_error=None)
    else:
        values.update(last_error=ref)
    return QUEUE.set_if_mine(session, row_id=notice_id, worker=worker, **values)


def record_failure(
    session: Session, *, notice_id: int, worker: str, error: str, retry_at: dt.datetime
) -> bool:
    """Give the notice back for another attempt at `retry_at`."""
    return QUEUE.give_back(session, row_id=notice_id, worker=worker, error=error, retry_at=retry_at)


def of_meeting(session: Session, *, meeting_id: int, kinds: Sequence[str] | None = None) -> list[Notice]:
    """The notices of a meeting, in the order written."""
    stmt = select(Notice).where(Notice.meeting_id == meeting_id).order_by(Notice.id)
    if kinds is not None:
        stmt = stmt.where(Notice.kind.in_(list(kinds)))
    return list(session.scalars(stmt))


def chat_channel(session: Session, *, person_id: int | None, platforms: Sequence[str]) -> str | None:
    """Where a direct message to the person goes: «slack:U123» (Slack opens the DM itself; with many
    workspaces «slack:T123/U123»), or
    «teams:<1:1 conversation>» from the stored personal conversation reference; None when neither."""
    if person_id is None:
        return None
    links = session.execute(
        select(ChatIdentity.platform, ChatIdentity.external_id, ChatIdentity.team_id)
        .where(ChatIdentity.person_id == person_id, ChatIdentity.platform.in_(list(platforms)))
        .order_by(ChatIdentity.platform, ChatIdentity.id)
    ).all()
    for platform, external_id, team_id in links:
        if platform == "slack":  # «slack:T123/U123» for a user of one of many workspaces
            return f"slack:{team_id}/{external_id}" if team_id else f"slack:{external_id}"
        if platform == "teams":
            for ref in session.scalars(select(ConversationRef).order_by(ConversationRef.updated_at.desc())):
                user = (ref.reference or {}).get("user") or {}
                if external_id in (user.get("aadObjectId"), user.get("id")):
                    return f"teams:{ref.conversation_id}"
    return None
