"""Forfall written through the bot: register and withdraw an absence; the unique key keeps it single."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage import vara_hooks
from storage.meeting_queries import attendance_of
from storage.models import Attendance

Outcome = Literal["created", "updated", "unchanged"]


@dataclass(frozen=True)
class Registered:
    """What registering did, and the row as it now stands."""

    outcome: Outcome
    attendance: Attendance


def register_absence(
    session: Session,
    *,
    meeting_id: int,
    person_id: int,
    reason: str | None,
    substitute_name: str | None,
    registered_by_id: int,
    now: dt.datetime,
) -> Registered:
    """Mark the person absent (origin chat); a change sets the vara chain going (storage.vara_chain)."""
    done = _write_absence(
        session,
        meeting_id=meeting_id,
        person_id=person_id,
        reason=reason,
        substitute_name=substitute_name,
        registered_by_id=registered_by_id,
        now=now,
    )
    if done.outcome != "unchanged":
        vara_hooks.on_forfall(
            session,
            meeting_id=meeting_id,
            person_id=person_id,
            substitute_name=done.attendance.substitute_name,
            now=now,
        )
    return done


def _write_absence(
    session: Session,
    *,
    meeting_id: int,
    person_id: int,
    reason: str | None,
    substitute_name: str | None,
    registered_by_id: int,
    now: dt.datetime,
) -> Registered:
    """Mark the person absent (origin chat); a repeat changes nothing unless it adds reason or vara."""
    existing = attendance_of(session, meeting_id=meeting_id, person_id=person_id)
    if existing is None:
        row = Attendance(
            meeting_id=meeting_id,
            person_id=person_id,
            status="absent",
            origin="chat",
            reason=reason,
            substitute_name=substitute_name,
            registered_by_id=registered_by_id,
            registered_at=now,
        )
        try:
            # A savepoint: a retried or concurrent delivery hits the unique (meeting, person) key.
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            existing = attendance_of(session, meeting_id=meeting_id, person_id=person_id)
            if existing is None:
                raise
        else:
            return Registered("created", row)
    if existing.status != "absent":
        existing.status = "absent"
        existing.origin = "chat"
        existing.reason = reason
        existing.substitute_name = substitute_name
        existing.registered_by_id = registered_by_id
        existing.registered_at = now
        session.flush()
        return Registered("updated", existing)
    changed = False
    if reason and reason != existing.reason:
        existing.reason, changed = reason, True
    if substitute_name and substitute_name != existing.substitute_name:
        existing.substitute_name, changed = substitute_name, True
    if changed:
        existing.registered_by_id = registered_by_id
        existing.registered_at = now
        session.flush()
    return Registered("updated" if changed else "unchanged", existing)


def withdraw_absence(
    session: Session, *, meeting_id: int, person_id: int, now: dt.datetime | None = None
) -> Attendance | None:
    """Remove the person's chat forfall to a meeting; returns the removed row, None if there was none.

    The vara asked or coming for them are told they are not needed (storage.vara_chain).
    """
    existing = attendance_of(session, meeting_id=meeting_id, person_id=person_id)
    if existing is None or existing.status != "absent" or existing.origin != "chat":
        return None
    session.delete(existing)
    session.flush()
    vara_hooks.on_withdrawn(
        session, meeting_id=meeting_id, person_id=person_id, now=now or dt.datetime.now(dt.UTC)
    )
    return existing
