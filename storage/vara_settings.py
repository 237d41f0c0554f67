"""A body's secretariat settings: vara chain, vedtaksførhet, «Kommer du?» (docs/secretariat.md)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from storage.models import Body


@dataclass(frozen=True)
class Settings:
    vara_chain: bool | None = None
    quorum: float | None = None  # 0 turns the check off
    answer_hours: int | None = None
    cutoff_hours: int | None = None
    ask_days: int | None = None  # 0 turns «Kommer du?» off

    def empty(self) -> bool:
        return all(v is None for v in vars(self).values())


def apply(session: Session, *, body: Body, settings: Settings) -> Body:
    """Write the settings given (None leaves one as it is)."""
    if settings.vara_chain is not None:
        body.vara_chain = settings.vara_chain
    if settings.quorum is not None:
        body.quorum_fraction = settings.quorum
    if settings.answer_hours is not None:
        body.vara_answer_hours = settings.answer_hours
    if settings.cutoff_hours is not None:
        body.vara_cutoff_hours = settings.cutoff_hours
    if settings.ask_days is not None:
        body.ask_days = settings.ask_days
    session.flush()
    return body
