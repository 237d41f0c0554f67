"""SQLAlchemy 2.0 typed models of the meeting database (the chat side's tables are in chat_models)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from language.sak_numbers import sak_label
from storage.base import NAMING as NAMING
from storage.base import Base as Base
from storage.base import UTCDateTime as UTCDateTime
from storage.chat_models import Channel as Channel
from storage.chat_models import ChatIdentity as ChatIdentity
from storage.chat_models import ConversationRef as ConversationRef
from storage.chat_models import LinkRequest as LinkRequest
from storage.chat_models import ProcessedEvent as ProcessedEvent
from storage.chat_models import ReminderPost as ReminderPost
from storage.models_open import SakCitation as SakCitation

# Closed vocabularies, stored as short strings (portable across SQLite and PostgreSQL).
MEETING_STATUSES = ("held", "planned", "cancelled")
ATTENDANCE_STATUSES = ("present", "absent", "secretariat")
ATTENDANCE_ROLES = ("chair", "secretary")
ATTENDANCE_ORIGINS = ("minutes", "chat")
MEMBERSHIP_ROLES = ("member", "chair", "vice_chair", "vara", "secretariat")
SEAT_ROLES = ("member", "chair", "vice_chair")  # the roles that hold a seat (count in vedtaksførhet)
DOCUMENT_KINDS = ("referat", "saksframlegg", "innkalling", "moteplan")


class Body(Base):
    """An inter-municipal body, found in its documents' headings or added by the secretariat."""

    __tablename__ = "bodies"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Reminder settings: days before the meeting, and the local time of day to post.
    reminder_offsets: Mapped[list[int]] = mapped_column(JSON, default=lambda: [7, 1])
    reminder_time: Mapped[str] = mapped_column(String(5), default="09:00")
    # After minutes are imported: post a summary in the channel (on), never (off), or on «Publiser».
    summary_mode: Mapped[str] = mapped_column(String(10), default="on", server_default="on")
    # The secretariat's settings (docs/secretariat.md): the vara chain, vedtaksførhet, «kommer du?».
    vara_chain: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sa_true())
    quorum_fraction: Mapped[float | None] = mapped_column(Float, default=0.5, server_default="0.5")
    vara_answer_hours: Mapped[int] = mapped_column(Integer, default=24, server_default="24")
    vara_cutoff_hours: Mapped[int] = mapped_column(Integer, default=24, server_default="24")
    ask_days: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    aliases: Mapped[list[BodyAlias]] = relationship(
        back_populates="body", cascade="all, delete-orphan", order_by="BodyAlias.alias", lazy="selectin"
    )

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias («Regionrådet Nordhordland», «regionrådet», «NRR»)."""
        return (self.name, *(a.alias for a in self.aliases))


class BodyAlias(Base):
    """Another name of a body: a short form («regionrådet», «NRR»); `key` is its folded form."""

    __tablename__ = "body_aliases"
    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), unique=True)
    body: Mapped[Body] = relationship(back_populates="aliases")


class Person(Base):
    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    organisation: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    aliases: Mapped[list[PersonAlias]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonAlias.alias"
    )


class PersonAlias(Base):
    __tablename__ = "person_aliases"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200), unique=True)
    person: Mapped[Person] = relationship(back_populates="aliases")


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("person_id", "body_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="member")
    seat_group: Mapped[str | None] = mapped_column(String(200))  # the municipality or list they sit for
    vara_order: Mapped[int | None] = mapped_column(Integer)  # a vara's place in the group's order


def _own_subject(context: Any) -> str:
    return "file:" + str(context.get_current_parameters()["file_name"])


class Document(Base):
    """A source document as imported: its name, content hash, kind and what the parser warned.

    Its identity is its content (`content_hash`) and what it describes (`subject`: kind, body, meeting
    date and, for a case document, its saker), never its file name: two files of one name both stay.
    """

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(400), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # A row written by hand (not by the import) is its own subject, as migrated rows are.
    subject: Mapped[str] = mapped_column(String(400), unique=True, default=_own_subject)
    kind: Mapped[str] = mapped_column(String(20))
    doc_date: Mapped[dt.date] = mapped_column(Date)
    # The span of the møteplan lines in this document, when it has any.
    plan_start: Mapped[dt.date | None] = mapped_column(Date)
    plan_end: Mapped[dt.date | None] = mapped_column(Date)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Meeting(Base):
    """A meeting of a body, one per body and day (the natural key)."""

    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("body_id", "date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date, index=True)  # the local (Europe/Oslo) date
    starts_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    ends_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    location: Mapped[str | None] = mapped_column(String(400))
    status: Mapped[str] = mapped_column(String(20), default="planned")
    # True when the secretariat set this meeting by hand: it then wins over what documents imply.
    set_by_secretariat: Mapped[bool] = mapped_column(Boolean, default=False)
    body: Mapped[Body] = relationship()
    sources: Mapped[list[Document]] = relationship(secondary="meeting_sources", order_by="Document.file_name")


class MeetingSource(Base):
    __tablename__ = "meeting_sources"
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class PlanEntry(Base):
    """A møteplan line found in a document: «7.12: Styringsgruppen»."""

    __tablename__ = "plan_entries"
    __table_args__ = (UniqueConstraint("document_id", "body_id", "date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    line_no: Mapped[int] = mapped_column(Integer)
    raw: Mapped[str] = mapped_column(Text)


class Attendance(Base):
    """Who was present, absent (forfall) or there as secretariat at a meeting."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    substitute_for_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    substitute_name: Mapped[str | None] = mapped_column(String(200))  # a vara named in chat, free text
    role: Mapped[str | None] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(String(20), default="minutes")
    reason: Mapped[str | None] = mapped_column(Text)  # private: the member and the secretariat only
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    registered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    position: Mapped[int] = mapped_column(Integer, default=0)  # order in the source document
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    substitute_for: Mapped[Person | None] = relationship(foreign_keys=[substitute_for_id])


class Sak(Base):
    __tablename__ = "saker"
    __table_args__ = (UniqueConstraint("body_id", "series", "year", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"))
    series: Mapped[str] = mapped_column(String(4), default="", server_default="")  # "" or «RS» …
    number: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[Body] = relationship()

    label = property(lambda self: sak_label(self.series, self.number, self.year))  # «RS 03/2017»


class Treatment(Base):
    """The treatment of a sak at a meeting: its text, forslag til vedtak and vedtak."""

    __tablename__ = "treatments"
    __table_args__ = (UniqueConstraint("sak_id", "meeting_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    sak_id: Mapped[int] = mapped_column(ForeignKey("saker.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    proposal: Mapped[str | None] = mapped_column(Text)
    vedtak: Mapped[str | None] = mapped_column(Text)
    sak: Mapped[Sak] = relationship()
    meeting: Mapped[Meeting] = relationship()
    document: Mapped[Document | None] = relationship()


class OpenItem(Base):
    """A reason a treatment may keep its sak open (language.open_rules), written with the treatment.

    It carries what the «åpne saker» query reads (the sak's number, year and lowercased title, the
    treatment's date and place), so two indexes answer it without reading saker or treatments.
    """

    __tablename__ = "open_items"
    __table_args__ = (
        # The order shown: oldest first, then the treatment's place in its meeting.
        Index(
            "ix_open_items_body_id_meeting_date",
            "body_id",
            "meeting_date",
            "treatment_position",
            "treatment_id",
            "position",
        ),
        # Counting the open items of a body reads this index only.
        Index(
            "ix_open_items_body_id_kind",
            "body_id",
            "kind",
            "sak_id",
            "meeting_date",
            "waits_for_body_id",
            "not_before",
            "number",
            "year",
            "title_key",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    treatment_id: Mapped[int] = mapped_column(ForeignKey("treatments.id", ondelete="CASCADE"), index=True)
    sak_id: Mapped[int] = mapped_column(ForeignKey("saker.id", ondelete="CASCADE"))
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"))  # the sak's body
    meeting_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # proposal | recommends | task
    sentence: Mapped[str] = mapped_column(Text)
    waits_for_body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"))
    not_before: Mapped[dt.date | None] = mapped_column(Date)  # task: the earliest minutes that close it
    position: Mapped[int] = mapped_column(Integer)  # the sentence's place in the treatment
    treatment_position: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)  # the sak's
    year: Mapped[int] = mapped_column(Integer)
    title_key: Mapped[str] = mapped_column(Text)  # the sak's title, lowercased (see Decision)


class Decision(Base):
    """A treatment with a vedtak, keyed by its sak's lowercased title: «a later vedtak of the same
    title» is one probe of (title_key, meeting_date). Written with the treatment, like OpenItem."""

    __tablename__ = "decisions"
    # Covering: the åpne saker probes read these indexes only.
    __table_args__ = (
        Index("ix_decisions_title_key_body_id_meeting_date", "title_key", "body_id", "meeting_date"),
    )
    treatment_id: Mapped[int] = mapped_column(
        ForeignKey("treatments.id", ondelete="CASCADE"), primary_key=True
    )
    sak_id: Mapped[int] = mapped_column(ForeignKey("saker.id", ondelete="CASCADE"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"))  # the meeting's body
    meeting_date: Mapped[dt.date] = mapped_column(Date)
    title_key: Mapped[str] = mapped_column(Text)


from storage import models_secretariat as _secretariat  # noqa: E402,F401  (its tables join Base.metadata)
from storage import read_model as _read_model  # noqa: E402,F401  (its table joins Base.metadata)
