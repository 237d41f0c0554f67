"""What storage.forfall calls after a forfall is written or withdrawn: vara chain, then quorum check."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from storage import turnout
from storage.vara_chain import Started, start, withdraw


def on_forfall(
    session: Session, *, meeting_id: int, person_id: int, substitute_name: str | None, now: dt.datetime
) -> Started:
    """The hook storage.forfall calls after a forfall is written: the chain, then the quorum check."""
    started = start(session, meeting_id=meeting_id, member_id=person_id, now=now, named=substitute_name)
    turnout.check(session, meeting_id=meeting_id, now=now)
    return started


def on_withdrawn(session: Session, *, meeting_id: int, person_id: int, now: dt.datetime) -> None:
    """The hook storage.forfall calls after a forfall is withdrawn."""
    withdraw(session, meeting_id=meeting_id, member_id=person_id, now=now)
    turnout.check(session, meeting_id=meeting_id, now=now)
