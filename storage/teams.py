"""Teams conversation references (for posting later) and the lookups the Teams adapter needs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from storage.db import is_postgres
from storage.models import ChatIdentity, ConversationRef, ProcessedEvent

PLATFORM = "teams"


def save_conversation_ref(
    session: Session, *, conversation_id: str, service_url: str, reference: dict[str, Any], now: dt.datetime
) -> None:
    """Insert or refresh the reference of one conversation (an upsert: replicas may race)."""
    values = {
        "conversation_id": conversation_id,
        "service_url": service_url,
        "reference": reference,
        "updated_at": now,
    }
    insert = pg_insert if is_postgres(session) else sqlite_insert
    stmt = insert(ConversationRef).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[ConversationRef.conversation_id],
        set_={"service_url": service_url, "reference": reference, "updated_at": now},
    )
    session.execute(stmt)


def conversation_ref(session: Session, *, conversation_id: str) -> ConversationRef | None:
    """The stored reference of a conversation, or None when the app was never there."""
    return session.get(ConversationRef, conversation_id)


def conversation_refs(session: Session) -> list[ConversationRef]:
    """Every stored conversation, newest first (for `motebot channels` and the docs' check)."""
    return list(session.scalars(select(ConversationRef).order_by(ConversationRef.updated_at.desc())))


def forget_conversation(session: Session, *, conversation_id: str) -> None:
    """Drop a reference: the app was removed from that team or chat."""
    session.execute(delete(ConversationRef).where(ConversationRef.conversation_id == conversation_id))


def is_linked(session: Session, *, external_id: str) -> bool:
    """True when this Teams user (Entra object id) is already linked to a person."""
    found = session.scalar(
        select(ChatIdentity.id).where(
            ChatIdentity.platform == PLATFORM, ChatIdentity.external_id == external_id
        )
    )
    return found is not None


def has_key(session: Session, *, key: str) -> bool:
    """True when `key` has been claimed."""
    return session.get(ProcessedEvent, key) is not None


def release_key(session: Session, *, key: str) -> None:
    """Forget a claim whose effect certainly did not happen, so that a retry may make it."""
    session.execute(delete(ProcessedEvent).where(ProcessedEvent.key == key))
