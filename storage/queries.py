"""Read queries for the member commands; keyword-only, no chat and no UI text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal, or_, select
from sqlalchemy.orm import Session, aliased, joinedload

from storage.models import (
    Attendance,
    Body,
    ChatIdentity,
    Decision,
    Meeting,
    Membership,
    OpenItem,
    Person,
    PersonAlias,
    Sak,
    SakCitation,
    Treatment,
)


def all_bodies(session: Session) -> list[Body]:
    """Every body, by name."""
    return list(session.scalars(select(Body).order_by(Body.name)))


def memberships_of(session: Session, *, person_id: int) -> list[Membership]:
    """The person's memberships, with a stable order."""
    stmt = select(Membership).where(Membership.person_id == person_id).order_by(Membership.body_id)
    return list(session.scalars(stmt))


def bodies_of(session: Session, *, person_id: int) -> list[Body]:
    """The bodies the person belongs to (any role), by name."""
    stmt = (
        select(Body)
        .join(Membership, Membership.body_id == Body.id)
        .where(Membership.person_id == person_id)
        .order_by(Body.name)
    )
    return list(session.scalars(stmt))


def is_secretariat(session: Session, *, person_id: int) -> bool:
    """True when the person has the secretariat role in any body."""
    stmt = select(func.count()).where(Membership.person_id == person_id, Membership.role == "secretariat")
    return bool(session.scalar(stmt))


def person_by_name(session: Session, *, name: str) -> Person | None:
    """The person with this name or alias, case-insensitive."""
    wanted = " ".join(name.split()).lower()
    person = session.scalar(select(Person).where(func.lower(Person.name) == wanted))
    if person is not None:
        return person
    alias = session.scalar(select(PersonAlias).where(func.lower(PersonAlias.alias) == wanted))
    return alias.person if alias is not None else None


def person_by_email(session: Session, *, email: str) -> Person | None:
    """The person whose roster e-mail is `email`, case-insensitive."""
    return session.scalar(select(Person).where(func.lower(Person.email) == email.strip().lower()))


def all_person_names(session: Session) -> list[str]:
    """Every name and alias (for suggestions)."""
    names = list(session.scalars(select(Person.name)))
    names += list(session.scalars(select(PersonAlias.alias)))
    return names


def people_with_bodies(session: Session) -> list[tuple[Person, list[tuple[str, str]]]]:
    """Every person with their (body name, role) pairs, by name."""
    people = list(session.scalars(select(Person).order_by(Person.name)))
    rows = session.execute(
        select(Membership.person_id, Body.name, Membership.role)
        .join(Body, Body.id == Membership.body_id)
        .order_by(Body.name)
    ).all()
    by_person: dict[int, list[tuple[str, str]]] = {}
    for person_id, body_name, role in rows:
        by_person.setdefault(person_id, []).append((body_name, role))
    return [(p, by_person.get(p.id, [])) for p in people]


def identity(session: Session, *, platform: str, external_id: str) -> ChatIdentity | None:
    """The link of a chat user, if any."""
    stmt = select(ChatIdentity).where(
        ChatIdentity.platform == platform, ChatIdentity.external_id == external_id
    )
    return session.scalar(stmt)


def identities_of(session: Session) -> dict[int, list[str]]:
    """person id → «slack:U123» strings."""
    out: dict[int, list[str]] = {}
    stmt = select(ChatIdentity).order_by(ChatIdentity.platform, ChatIdentity.external_id)
    for link in session.scalars(stmt):
        out.setdefault(link.person_id, []).append(f"{link.platform}:{link.external_id}")
    return out


def meeting(session: Session, *, meeting_id: int) -> Meeting | None:
    """One meeting with its body."""
    stmt = select(Meeting).options(joinedload(Meeting.body)).where(Meeting.id == meeting_id)
    return session.scalar(stmt)


def upcoming_meetings(
    session: Session,
    *,
    body_ids: Sequence[int],
    after: dt.date,
    until: dt.date | None = None,
    include_cancelled: bool = False,
    limit: int | None = None,
) -> list[Meeting]:
    """Meetings of these bodies on or after `after` (and up to `until`), by date then body."""
    stmt = (
        select(Meeting)
        .options(joinedload(Meeting.body))
        .where(Meeting.body_id.in_(list(body_ids)), Meeting.date >= after)
        .order_by(Meeting.date, Meeting.body_id)
    )
    if until is not None:
        stmt = stmt.where(Meeting.date <= until)
    if not include_cancelled:
        stmt = stmt.where(Meeting.status != "cancelled")
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def next_meetings(session: Session, *, body_ids: Sequence[int], after: dt.date) -> list[Meeting]:
    """The next meeting (not cancelled) of each body on or after `after`, by date."""
    first = (
        select(Meeting.body_id, func.min(Meeting.date).label("day"))
        .where(Meeting.body_id.in_(list(body_ids)), Meeting.date >= after, Meeting.status != "cancelled")
        .group_by(Meeting.body_id)
        .subquery()
    )
    stmt = (
        select(Meeting)
        .options(joinedload(Meeting.body))
        .join(first, (first.c.body_id == Meeting.body_id) & (first.c.day == Meeting.date))
        .order_by(Meeting.date, Meeting.body_id)
    )
    return list(session.scalars(stmt))


def meetings_between(
    session: Session, *, body_ids: Sequence[int], first: dt.date, last: dt.date
) -> list[Meeting]:
    """Meetings (not cancelled) of these bodies from `first` to `last` inclusive."""
    return upcoming_meetings(session, body_ids=body_ids, after=first, until=last)


def nearest_meetings(
    session: Session, *, body_ids: Sequence[int], around: dt.date, today: dt.date, count: int = 3
) -> list[Meeting]:
    """The coming meetings closest to `around` (none before `today`), by date."""
    candidates = upcoming_meetings(session, body_ids=body_ids, after=today)
    candidates.sort(key=lambda m: (abs((m.date - around).days), m.date))
    return sorted(candidates[:count], key=lambda m: (m.date, m.body_id))


def agenda(session: Session, *, meeting_id: int) -> list[Treatment]:
    """The saker treated (or to be treated) at a meeting, in document order."""
    stmt = (
        select(Treatment)
        .options(joinedload(Treatment.sak))
        .where(Treatment.meeting_id == meeting_id)
        .order_by(Treatment.position, Treatment.id)
    )
    return list(session.scalars(stmt))


def absences(session: Session, *, meeting_id: int) -> list[Attendance]:
    """Who has sent forfall to a meeting, in order of registration."""
    stmt = (
        select(Attendance)
        .options(joinedload(Attendance.person))
        .where(Attendance.meeting_id == meeting_id, Attendance.status == "absent")
        .order_by(Attendance.position, Attendance.registered_at, Attendance.id)
    )
    return list(session.scalars(stmt))


def attendance_of(session: Session, *, meeting_id: int, person_id: int) -> Attendance | None:
    """The person's attendance row at a meeting, if any."""
    stmt = select(Attendance).where(Attendance.meeting_id == meeting_id, Attendance.person_id == person_id)
    return session.scalar(stmt)


def forfall_of(session: Session, *, person_id: int, after: dt.date) -> list[tuple[Attendance, Meeting]]:
    """The person's forfall to meetings on or after `after`, by date."""
    stmt = (
        select(Attendance, Meeting)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .options(joinedload(Meeting.body))
        .where(Attendance.person_id == person_id, Attendance.status == "absent", Meeting.date >= after)
        .order_by(Meeting.date, Meeting.body_id)
    )
    return [(a, m) for a, m in session.execute(stmt).all()]


def latest_held(session: Session) -> dict[int, dt.date]:
    """body id → the date of its latest meeting with minutes imported."""
    stmt = (
        select(Meeting.body_id, func.max(Meeting.date))
        .where(Meeting.status == "held")
        .group_by(Meeting.body_id)
    )
    return {body_id: day for body_id, day in session.execute(stmt).all()}


@dataclass(frozen=True)
class OpenSak:
    """One open item: the sak, the treatment's meeting date, the reason and whom it waits for."""

    body_id: int
    number: int
    year: int
    title: str
    meeting_date: dt.date
    kind: str  # proposal | recommends | task
    sentence: str
    waits_for_body_id: int | None


def _probe(*conditions: ColumnElement[bool], outer: Sequence[Any] = (OpenItem,)) -> ColumnElement[bool]:
    """EXISTS, probed per item along an index: OFFSET 0 keeps PostgreSQL from hashing the whole
    table for it (it did for decisions: a 90,000-row scan for every reply). Correlated to `outer`
    by name: auto-correlation reaches only the SELECT just outside."""
    return select(literal(1)).where(*conditions).correlate(*outer).limit(1).offset(0).exists()


def _first(*conditions: ColumnElement[bool], along: Any) -> ColumnElement[bool]:
    """EXISTS, walking the index `along` leads (PostgreSQL otherwise scans the table from the start)."""
    stmt = select(literal(1)).where(*conditions).correlate(OpenItem).order_by(along)
    return stmt.limit(1).offset(0).exists()


def _open_by_kind() -> dict[str, ColumnElement[bool]]:
    """kind → true for an open item of that kind whose reason still stands."""
    m, other = aliased(Meeting), aliased(Body)
    waits, own = OpenItem.waits_for_body_id, OpenItem.body_id

    def later(table: type[Decision] | type[SakCitation], *key: ColumnElement[bool]) -> ColumnElement[bool]:
        """A later vedtak in the body waited for, or (none named) in any other body: each an
        equality on (key, body) and a range on the date, one index probe."""
        after = table.meeting_date > OpenItem.meeting_date
        in_other = _probe(*key, after, table.body_id == other.id, outer=(OpenItem, other))
        return or_(
            and_(waits.is_not(None), _probe(*key, after, table.body_id == waits)),
            and_(waits.is_(None), _probe(other.id != own, in_other)),
        )

    same_title = later(Decision, Decision.title_key == OpenItem.title_key)
    cited = later(SakCitation, SakCitation.number == OpenItem.number, SakCitation.year == OpenItem.year)
    minutes = _first(m.body_id == waits, m.status == "held", m.date >= OpenItem.not_before, along=m.date)
    return {
        "proposal": ~_probe(Decision.sak_id == OpenItem.sak_id),
        "recommends": and_(~same_title, ~cited),
        "task": ~minutes,
    }


def _still_open() -> ColumnElement[bool]:
    return or_(*(and_(OpenItem.kind == kind, cond) for kind, cond in _open_by_kind().items()))


def open_items(
    session: Session, *, body_ids: Sequence[int], limit_per_body: int, count_up_to: int
) -> tuple[list[OpenSak], dict[int, int]]:
    """The oldest open items of each body (at most `limit_per_body`), and how many each has in all,
    counted up to `count_up_to` (a body with thousands open answers as fast as one with 30)."""
    order = (OpenItem.meeting_date, OpenItem.treatment_position, OpenItem.treatment_id, OpenItem.position)
    rows: list[OpenSak] = []
    totals: dict[int, int] = {}
    for body_id in body_ids:
        # One walk per body along ix_open_items_body_id_meeting_date, oldest first: the first
        # items are shown, the rest only counted, and the walk stops at `count_up_to`.
        stmt = (
            select(
                OpenItem.body_id,
                OpenItem.number,
                OpenItem.year,
                Sak.title,
                OpenItem.meeting_date,
                OpenItem.kind,
                OpenItem.sentence,
                OpenItem.waits_for_body_id,
            )
            .join(Sak, Sak.id == OpenItem.sak_id)
            .where(OpenItem.body_id == body_id, _still_open())
            .order_by(*order)
            .limit(count_up_to)
        )
        found = session.execute(stmt).all()
        rows += [OpenSak(*r) for r in found[:limit_per_body]]
        totals[body_id] = len(found)
    return rows, totals
