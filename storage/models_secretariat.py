"""Models of the secretariat's side: vara asked in turn, direct messages to send, habilitet, quorum."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UTCDateTime

VARA_STATES = ("asked", "yes", "no", "timeout", "withdrawn")


class VaraRequest(Base):
    """One vara asked to stand in for one absent member (for the whole meeting, or one sak).

    Unique per (meeting, member, sak, vara): a vara is asked once per absence. `sak_key` is the
    sak's id for habilitet, 0 for the whole meeting (a NULL would not be unique).
    """

    __tablename__ = "vara_requests"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id", "sak_key", "vara_id"),
        Index("ix_vara_requests_state_deadline", "state", "deadline"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    vara_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    sak_key: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[int] = mapped_column(Integer)  # 1 for the first vara asked, then 2, 3 …
    named: Mapped[bool] = mapped_column(Boolean, default=False)  # the member named this vara
    state: Mapped[str] = mapped_column(String(20), default="asked")
    asked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    deadline: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))


class Notice(Base):
    """A direct message (or a channel message) to send once: the key makes it single.

    Claimed, posted and given back like a reminder post (storage/reminders.py).
    """

    __tablename__ = "notices"
    __table_args__ = (Index("ix_notices_state_due_at", "state", "due_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(40))  # vara-ask, vara-yes, ask, quorum-lost …
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    channel: Mapped[str | None] = mapped_column(String(420))  # "slack:C1" when not to a person
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(20), default="pending")  # pending|claimed|posted|skipped
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    posted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    message_ref: Mapped[str | None] = mapped_column(String(420))
    last_error: Mapped[str | None] = mapped_column(Text)


class Habilitet(Base):
    """A member inhabil in one sak at one meeting."""

    __tablename__ = "habilitet"
    __table_args__ = (UniqueConstraint("meeting_id", "sak_id", "person_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    sak_id: Mapped[int] = mapped_column(ForeignKey("saker.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    registered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class QuorumWatch(Base):
    """Whether a meeting was last seen vedtaksført; a change to «not» warns the secretariat once."""

    __tablename__ = "quorum_watch"
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    changes: Mapped[int] = mapped_column(Integer, default=0)
