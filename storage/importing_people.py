"""Storage writes for who was at a meeting: people, aliases, attendance and memberships.

Core statements built once (see storage/importing.py for why); keyword-only; never commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, insert, or_, select, union_all
from sqlalchemy.orm import Session

from storage.importing import by_id, conn, expanding
from storage.models import Attendance, Membership, Person, PersonAlias

# A role only ever rises, and the secretariat role is the highest: minutes that list a secretary
# among those present must not make them a voting member (who counts towards vedtaksførhet).
MEMBERSHIP_RANK = {"member": 1, "chair": 2, "secretariat": 3}


@dataclass
class PersonRow:
    """A person as the import sees them; `id` is None until a new person is stored."""

    id: int | None
    name: str
    organisation: str | None
    forms: list[str] = field(default_factory=list)  # every known way of writing the name
    stored_name: str | None = None  # the name in the database (None: not stored yet)
    stored_organisation: str | None = None
    new_aliases: list[str] = field(default_factory=list)


def _row(person_id: int, name: str, organisation: str | None) -> PersonRow:
    return PersonRow(person_id, name, organisation, [name], name, organisation)


_NAMED = union_all(
    select(Person.name.label("key"), Person.id, Person.name, Person.organisation).where(
        Person.name.in_(bindparam("names", expanding=True))
    ),
    select(PersonAlias.alias.label("key"), Person.id, Person.name, Person.organisation)
    .join(Person, Person.id == PersonAlias.person_id)
    .where(PersonAlias.alias.in_(bindparam("names", expanding=True))),
)


def people_named(session: Session, *, names: Iterable[str]) -> dict[str, PersonRow]:
    """People whose name or one of whose aliases is exactly one of `names`, keyed by that name."""
    wanted = list(set(names))
    if not wanted:
        return {}
    by_id: dict[int, PersonRow] = {}
    found: dict[str, PersonRow] = {}
    for key, person_id, name, organisation in conn(session).execute(_NAMED, {"names": wanted}):
        found.setdefault(key, by_id.setdefault(person_id, _row(person_id, name, organisation)))
    return found


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def people_like(session: Session, *, first_last: Iterable[tuple[str, str]]) -> list[PersonRow]:
    """People with a name or alias «First … Last», each with all its forms (name, then aliases)."""
    pairs = sorted(set(first_last))
    if not pairs:
        return []
    c = conn(session)
    patterns = [f"{_like_escape(first)} % {_like_escape(last)}" for first, last in pairs]
    ids = set(c.scalars(select(Person.id).where(or_(*(Person.name.like(p, escape="\\") for p in patterns)))))
    ids |= set(
        c.scalars(
            select(PersonAlias.person_id).where(
                or_(*(PersonAlias.alias.like(p, escape="\\") for p in patterns))
            )
        )
    )
    if not ids:
        return []
    people = {
        r.id: _row(r.id, r.name, r.organisation)
        for r in c.execute(select(Person.id, Person.name, Person.organisation).where(Person.id.in_(ids)))
    }
    for person_id, alias in c.execute(
        select(PersonAlias.person_id, PersonAlias.alias).where(PersonAlias.person_id.in_(ids))
    ):
        people[person_id].forms.append(alias)
    return [people[i] for i in sorted(people)]


_NEW_PERSON = insert(Person).returning(Person.id)
_UPDATE_PERSON = by_id(Person)
_NEW_ALIAS = insert(PersonAlias)


def store_people(session: Session, *, people: Iterable[PersonRow]) -> None:
    """Write new people, renames (the old name kept as an alias), new aliases and organisations."""
    c = conn(session)
    aliases: list[dict[str, Any]] = []
    for p in people:
        if p.id is None:
            values = {"name": p.name, "organisation": p.organisation}
            p.id = c.execute(_NEW_PERSON, values).scalar_one()
        else:
            changed: dict[str, Any] = {}
            if p.name != p.stored_name:
                changed["name"] = p.name
            if p.organisation != p.stored_organisation:
                changed["organisation"] = p.organisation
            if changed:
                c.execute(_UPDATE_PERSON, {"row_id": p.id, **changed})
        p.stored_name, p.stored_organisation = p.name, p.organisation
        aliases += [{"person_id": p.id, "alias": a} for a in p.new_aliases]
        p.new_aliases = []
    if aliases:
        c.execute(_NEW_ALIAS, aliases)


@dataclass(frozen=True)
class AttendanceIn:
    """One attendance line from minutes, with people already resolved."""

    person_id: int
    status: str
    position: int
    substitute_for_id: int | None = None
    role: str | None = None


_ATTENDANCE = select(Attendance.person_id, Attendance.id, Attendance.origin).where(
    Attendance.meeting_id == bindparam("m")
)


_UPDATE_ATTENDANCE = by_id(Attendance)
_NEW_ATTENDANCE = insert(Attendance)


def put_minutes_attendance(
    session: Session, *, meeting_id: int, rows: Sequence[AttendanceIn], new_meeting: bool = False
) -> list[int]:
    """Write the minutes' attendance; returns the people whose chat-registered line was kept instead."""
    c = conn(session)
    existing: dict[int, tuple[int, str]] = {}
    if not new_meeting:  # a meeting created just now has no attendance to look up
        existing = {r.person_id: (r.id, r.origin) for r in c.execute(_ATTENDANCE, {"m": meeting_id})}
    kept: list[int] = []
    new: list[dict[str, Any]] = []
    for row in rows:
        values = {
            "status": row.status,
            "substitute_for_id": row.substitute_for_id,
            "role": row.role,
            "position": row.position,
        }
        old = existing.get(row.person_id)
        if old is None:
            new.append({"meeting_id": meeting_id, "person_id": row.person_id, "origin": "minutes", **values})
        elif old[1] == "chat":
            kept.append(row.person_id)
        else:
            c.execute(_UPDATE_ATTENDANCE, {"row_id": old[0], **values})
    if new:
        c.execute(_NEW_ATTENDANCE, new)
    return kept


_MEMBERSHIPS = select(Membership.person_id, Membership.id, Membership.role).where(
    Membership.body_id == bindparam("b"), Membership.person_id.in_(expanding("ids"))
)


_UPDATE_MEMBERSHIP = by_id(Membership)
_NEW_MEMBERSHIP = insert(Membership)


def grant_memberships(session: Session, *, body_id: int, roles: Mapping[int, str]) -> None:
    """Make these people members of the body; a role only ever rises (MEMBERSHIP_RANK)."""
    if not roles:
        return
    c = conn(session)
    existing = {
        r.person_id: (r.id, r.role) for r in c.execute(_MEMBERSHIPS, {"b": body_id, "ids": list(roles)})
    }
    new = []
    for person_id, role in roles.items():
        old = existing.get(person_id)
        if old is None:
            new.append({"person_id": person_id, "body_id": body_id, "role": role})
        elif MEMBERSHIP_RANK.get(role, 0) > MEMBERSHIP_RANK.get(old[1], 0):
            c.execute(_UPDATE_MEMBERSHIP, {"row_id": old[0], "role": role})
    if new:
        c.execute(_NEW_MEMBERSHIP, new)
