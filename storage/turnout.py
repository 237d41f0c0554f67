"""Who is coming to a meeting, and whether the body will be vedtaksført (kommuneloven § 11-9).

A seat is a membership with a seat role (medlem, leder, nestleder). Present are the seats without
forfall, and the vara who said yes for an absent member; for one sak, the members inhabil in it
are away too unless a vara said yes for them. The body's `quorum_fraction` (0.5 by default) of the
seats must be present; 0 (or NULL) turns the check off (a purely administrative body).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from storage import notices
from storage.db import is_postgres
from storage.models import SEAT_ROLES, Attendance, Body, Meeting, Membership, Person
from storage.models_secretariat import Habilitet, QuorumWatch, VaraRequest


@dataclass(frozen=True)
class Seat:
    person_id: int
    name: str
    role: str
    group: str | None


@dataclass(frozen=True)
class Ask:
    """A vara asked for an absent (or inhabil) member, with the answer so far."""

    id: int
    member_id: int
    vara_id: int
    vara_name: str
    sak_id: int  # 0: the whole meeting
    state: str
    deadline: dt.datetime


@dataclass
class Turnout:
    meeting: Meeting
    body: Body
    seats: list[Seat]
    absent: dict[int, Attendance] = field(default_factory=dict)  # seat person → forfall
    coming: set[int] = field(default_factory=set)  # answered «Ja» to «Kommer du?»
    asks: list[Ask] = field(default_factory=list)
    inhabil: dict[int, set[int]] = field(default_factory=dict)  # sak id → seat persons

    def vara_yes(self, member_id: int, sak_id: int = 0) -> Ask | None:
        """The vara who said yes for this member (for the whole meeting, or for this sak)."""
        return next(
            (
                a
                for a in self.asks
                if a.member_id == member_id and a.state == "yes" and a.sak_id in (0, sak_id)
            ),
            None,
        )

    def present(self, sak_id: int | None = None) -> int:
        """Seats filled: by the member, or by a vara who said yes."""
        away = set(self.absent) | (self.inhabil.get(sak_id, set()) if sak_id else set())
        filled = sum(1 for s in self.seats if s.person_id not in away)
        filled += sum(1 for m in away if self.vara_yes(m, sak_id or 0) is not None)
        return filled

    @property
    def needed(self) -> int | None:
        """How many must be present; None when the body does not check vedtaksførhet."""
        fraction = self.body.quorum_fraction
        if not fraction or not self.seats:
            return None
        return math.ceil(fraction * len(self.seats) - 1e-9)

    def ok(self, sak_id: int | None = None) -> bool | None:
        """Vedtaksført (for the whole meeting, or one sak); None when not checked."""
        needed = self.needed
        return None if needed is None else self.present(sak_id) >= needed


def seats(session: Session, *, body_id: int) -> list[Seat]:
    """The body's seats, by name."""
    rows = session.execute(
        select(Person.id, Person.name, Membership.role, Membership.seat_group)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.body_id == body_id, Membership.role.in_(SEAT_ROLES))
        .order_by(Person.name)
    ).all()
    return [Seat(*r) for r in rows]


def turnout(session: Session, *, meeting_id: int) -> Turnout:
    """Everything the secretariat's «hvem kommer» and the quorum check read, in four queries."""
    meeting = session.get(Meeting, meeting_id)
    assert meeting is not None
    body = session.get(Body, meeting.body_id)
    assert body is not None
    out = Turnout(meeting, body, seats(session, body_id=body.id))
    seat_ids = {s.person_id for s in out.seats}
    for row in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id)):
        if row.person_id in seat_ids and row.status == "absent":
            out.absent[row.person_id] = row
        elif row.status == "present" and row.substitute_for_id is None:
            out.coming.add(row.person_id)
    asks = session.execute(
        select(VaraRequest, Person.name)
        .join(Person, Person.id == VaraRequest.vara_id)
        .where(VaraRequest.meeting_id == meeting_id)
        .order_by(VaraRequest.member_id, VaraRequest.sak_key, VaraRequest.step)
    ).all()
    out.asks = [Ask(r.id, r.member_id, r.vara_id, name, r.sak_key, r.state, r.deadline) for r, name in asks]
    for sak_id, person_id in session.execute(
        select(Habilitet.sak_id, Habilitet.person_id).where(Habilitet.meeting_id == meeting_id)
    ):
        if person_id in seat_ids:
            out.inhabil.setdefault(sak_id, set()).add(person_id)
    return out


def check(session: Session, *, meeting_id: int, now: dt.datetime) -> bool | None:
    """Compare with the last look; a drop below the line (or back over it) tells the secretariat once."""
    seen = turnout(session, meeting_id=meeting_id)
    ok = seen.ok()
    if ok is None:
        return None
    insert = pg_insert if is_postgres(session) else sqlite_insert
    session.execute(
        insert(QuorumWatch)
        .values(meeting_id=meeting_id, ok=True, changes=0)
        .on_conflict_do_nothing(index_elements=["meeting_id"])
    )
    changed = session.execute(
        update(QuorumWatch)
        .where(QuorumWatch.meeting_id == meeting_id, QuorumWatch.ok != ok)
        .values(ok=ok, changes=QuorumWatch.changes + 1)
        .returning(QuorumWatch.changes)
    ).scalar()
    if changed is not None:
        payload = {"present": seen.present(), "needed": seen.needed, "seats": len(seen.seats)}
        kind = "quorum-ok" if ok else "quorum-lost"
        notices.to_secretariat(
            session,
            key=f"{kind}:{meeting_id}:{changed}",
            kind=kind,
            body_id=seen.body.id,
            meeting_id=meeting_id,
            now=now,
            payload=payload,
        )
    for sak_id in sorted(seen.inhabil):
        if seen.ok(sak_id) is False:
            payload = {"sak_id": sak_id, "present": seen.present(sak_id), "needed": seen.needed}
            notices.to_secretariat(
                session,
                key=f"quorum-sak:{meeting_id}:{sak_id}",
                kind="quorum-sak",
                body_id=seen.body.id,
                meeting_id=meeting_id,
                now=now,
                payload=payload,
            )
    return ok


def vara_names(session: Session, *, meeting_id: int) -> dict[int, str]:
    """Member id → the vara coming in their place (confirmed through the bot)."""
    rows = session.execute(
        select(Attendance.substitute_for_id, Person.name)
        .join(Person, Person.id == Attendance.person_id)
        .where(Attendance.meeting_id == meeting_id, Attendance.substitute_for_id.is_not(None))
        .order_by(Person.name)
    ).all()
    return {member: name for member, name in rows if member is not None}
