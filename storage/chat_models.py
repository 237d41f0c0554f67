"""Tables of the chat side: links of chat users to people, handled deliveries, reminder channels,
Teams conversation references and reminder posts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from storage import installations as installations  # Slack's OAuth tables join the metadata
from storage.base import Base, UTCDateTime

# The workspace of single-token mode, and of platforms whose user ids are unique on their own.
SINGLE_WORKSPACE = ""


class ChatIdentity(Base):
    """A chat user linked to a person: (platform, workspace, user id) → person.

    A Slack user id is unique only within its workspace (or Enterprise Grid org), so the workspace
    is part of the key: «U123» in one municipality's workspace is not «U123» in another's.
    `team_id` is "" (SINGLE_WORKSPACE) in single-token mode and for Teams, whose ids are global.
    """

    __tablename__ = "chat_identities"
    __table_args__ = (UniqueConstraint("platform", "team_id", "external_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))  # slack | teams | console
    team_id: Mapped[str] = mapped_column(String(32), server_default=text("''"), default=SINGLE_WORKSPACE)
    external_id: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    linked_by: Mapped[str] = mapped_column(String(40))  # secretariat | email
    linked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class LinkRequest(Base):
    """«jeg er Per Kierulf»: a request the secretariat confirms before the link holds."""

    __tablename__ = "link_requests"
    __table_args__ = (UniqueConstraint("platform", "team_id", "external_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    team_id: Mapped[str] = mapped_column(String(32), server_default=text("''"), default=SINGLE_WORKSPACE)
    external_id: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    requested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ProcessedEvent(Base):
    """An inbound platform event or action already handled: retries and replicas get one effect."""

    __tablename__ = "processed_events"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    processed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # A durable delivery (storage.events.claim_work): pending → answered → done; None: a plain mark.
    state: Mapped[str | None] = mapped_column(String(12), index=True)
    payload: Mapped[str | None] = mapped_column(Text())  # what was asked, as the adapter wrote it
    answer: Mapped[str | None] = mapped_column(Text())  # the rendered answer, once made
    attempts: Mapped[int] = mapped_column(server_default=text("0"))
    updated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class Channel(Base):
    """Where a body's reminders go, per platform; Teams keeps its conversation reference."""

    __tablename__ = "channels"
    __table_args__ = (UniqueConstraint("body_id", "platform"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(20))
    channel_id: Mapped[str] = mapped_column(String(400))


class ConversationRef(Base):
    """A Teams conversation reference, stored when the app is added to a team, channel or chat."""

    __tablename__ = "conversation_refs"
    conversation_id: Mapped[str] = mapped_column(String(400), primary_key=True)
    service_url: Mapped[str] = mapped_column(String(400))
    reference: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ReminderPost(Base):
    """One (meeting, reminder, channel) posting; the unique key makes it happen exactly once."""

    __tablename__ = "reminder_posts"
    __table_args__ = (
        UniqueConstraint("meeting_id", "kind", "channel"),
        Index("ix_reminder_posts_state_due", "state", "due_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))  # "before:7", "moved:2027-01-14", "cancelled"
    channel: Mapped[str] = mapped_column(String(420))  # "slack:C123" | "teams:19:abc"
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(20), default="pending")  # pending|claimed|posted|skipped
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    posted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    message_ref: Mapped[str | None] = mapped_column(String(200))  # platform message id / ts
    last_error: Mapped[str | None] = mapped_column(Text)
