"""The sak numbers vedtak cite, kept for the open-saker rules (storage.open_items)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base


class SakCitation(Base):
    """A sak number a vedtak cites («sak 14/2016», «14/16») in its text or vedtak, with the citing
    meeting's body and date: «a later vedtak citing it» is one index probe. Written with the treatment."""

    __tablename__ = "sak_citations"
    __table_args__ = (Index("ix_sak_citations_number_year", "number", "year", "body_id", "meeting_date"),)
    treatment_id: Mapped[int] = mapped_column(
        ForeignKey("treatments.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"))  # the meeting's body
    meeting_date: Mapped[dt.date] = mapped_column(Date)
