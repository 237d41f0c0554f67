"""Bodies as data: find a body by any of its names, create one with its short forms, alias, rename, merge.

Keyword-only, never commits (the unit of work does). Used by the import (a body found in a
document's heading), the roster (`members import --create-bodies`) and `motebot bodies`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from language.body_names import key, short_forms, stem_key
from language.sak_numbers import sak_label
from storage import open_items
from storage.importing_people import MEMBERSHIP_RANK
from storage.models import (
    Body,
    BodyAlias,
    Channel,
    Decision,
    Meeting,
    Membership,
    OpenItem,
    PlanEntry,
    Sak,
    SakCitation,
)

DEFAULT_OFFSETS = [7, 1]
DEFAULT_TIME = "09:00"


class BodyConflict(Exception):
    """A name already taken, or a merge that would put two meetings or saker on one key."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Ensured:
    """A body found or created, and whether it was created just now."""

    id: int
    name: str
    created: bool


def find_body(session: Session, *, name: str) -> Body | None:
    """The body this name means: its name or an alias (case and «å/ø/æ» aside), else the same stem."""
    return _match(list(session.scalars(select(Body).order_by(Body.id))), name)


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return key(name)


def _match(bodies: list[Body], name: str) -> Body | None:
    wanted = key(name)
    if not wanted:
        return None
    for body in bodies:
        if key(body.name) == wanted or any(a.key == wanted for a in body.aliases):
            return body
    stem = stem_key(name)
    hits = [b for b in bodies if stem_key(b.name) == stem]
    return hits[0] if len(hits) == 1 else None


_NAMES = select(Body.id, Body.name, BodyAlias.key).outerjoin(BodyAlias, BodyAlias.body_id == Body.id)


def resolve_bodies(session: Session, *, names: Iterable[str]) -> dict[str, Ensured]:
    """Each name → its body, created (with short forms) when no body answers to it.

    The import calls this for every document, so the names and alias keys are read with two plain
    statements, not as objects.
    """
    named: dict[int, str] = {}
    by_key: dict[str, int] = {}
    for r in session.connection().execute(_NAMES):
        if r.id not in named:
            named[r.id] = r.name
            by_key.setdefault(_key(r.name), r.id)
        if r.key is not None:
            by_key[r.key] = r.id
    out: dict[str, Ensured] = {}
    for name in dict.fromkeys(names):
        found = by_key.get(_key(name))
        if found is None:
            stems = [i for i, n in named.items() if stem_key(n) == stem_key(name)]
            found = stems[0] if len(stems) == 1 else None
        if found is not None:
            out[name] = Ensured(found, named[found], created=False)
            continue
        made = ensure_body(session, name=name)
        out[name] = made
        named[made.id] = made.name
        by_key[key(made.name)] = made.id
    return out


def name_taken(session: Session, *, name: str, except_id: int | None = None) -> Body | None:
    """The other body that already answers to this name, if any."""
    found = find_body(session, name=name)
    return found if found is not None and found.id != except_id else None


def ensure_body(session: Session, *, name: str, aliases: Iterable[str] = ()) -> Ensured:
    """The body of this name (or alias); created with its short forms when there is none."""
    name = " ".join(name.split())
    found = find_body(session, name=name)
    if found is not None:
        return Ensured(found.id, found.name, created=False)
    body = Body(name=name, reminder_offsets=list(DEFAULT_OFFSETS), reminder_time=DEFAULT_TIME)
    session.add(body)
    session.flush()
    # The open-sak rules of earlier treatments may name this body: read them again.
    open_items.refresh_for_new_body(session.connection())
    for alias in [*aliases, *short_forms(name)]:
        add_alias(session, body=body, alias=alias, strict=False)
    return Ensured(body.id, body.name, created=True)


def add_alias(session: Session, *, body: Body, alias: str, strict: bool = True) -> bool:
    """Give the body another name; False (or BodyConflict when strict) when another body has it."""
    alias = " ".join(alias.split())
    wanted = key(alias)
    if not wanted or wanted == key(body.name) or any(a.key == wanted for a in body.aliases):
        return False
    other = session.scalars(select(BodyAlias).where(BodyAlias.key == wanted)).first()
    clash = other is not None or any(key(b.name) == wanted for b in session.scalars(select(Body)))
    if clash:
        if strict:
            raise BodyConflict("name_taken", alias)
        return False
    body.aliases.append(BodyAlias(alias=alias, key=wanted))
    session.flush()
    return True


def all_bodies(session: Session) -> list[Body]:
    """Every body with its aliases, by name."""
    return list(session.scalars(select(Body).order_by(Body.name)))


def rename_body(session: Session, *, body: Body, name: str) -> None:
    """A new name; the old one stays as an alias so documents and members that use it still match."""
    name = " ".join(name.split())
    other = name_taken(session, name=name, except_id=body.id)
    if other is not None:
        raise BodyConflict("name_taken", name)
    old = body.name
    for alias in list(body.aliases):
        if alias.key == key(name):
            body.aliases.remove(alias)
    session.flush()
    body.name = name
    session.flush()
    add_alias(session, body=body, alias=old, strict=False)


_MOVES = (Meeting, PlanEntry, Sak, Channel, OpenItem, Decision, SakCitation)


def merge_bodies(session: Session, *, keep: Body, gone: Body) -> None:
    """`gone` becomes part of `keep`: meetings, saker, members, channels and names move; `gone` is deleted.

    Refused (BodyConflict) when both have a meeting on one day or a sak of one number: which of the
    two is right is for the secretariat to say.
    """
    if keep.id == gone.id:
        raise BodyConflict("same_body", keep.name)
    days = select(Meeting.date).where(Meeting.body_id == keep.id)
    clash = session.scalars(select(Meeting.date).where(Meeting.body_id == gone.id, Meeting.date.in_(days)))
    dates = sorted(clash)
    if dates:
        raise BodyConflict("meeting_clash", ", ".join(d.isoformat() for d in dates[:5]))

    def keys(body_id: int) -> set[tuple[str, int, int]]:
        rows = session.execute(select(Sak.series, Sak.number, Sak.year).where(Sak.body_id == body_id))
        return {(r.series, r.number, r.year) for r in rows}

    shared = sorted(keys(keep.id) & keys(gone.id))[:5]
    if shared:
        raise BodyConflict("sak_clash", ", ".join(sak_label(*k) for k in shared))
    _move_memberships(session, keep=keep, gone=gone)
    # Where `keep` already posts on a platform, that channel stays.
    taken = select(Channel.platform).where(Channel.body_id == keep.id)
    session.execute(delete(Channel).where(Channel.body_id == gone.id, Channel.platform.in_(taken)))
    for model in _MOVES:
        session.execute(update(model).where(model.body_id == gone.id).values(body_id=keep.id))
    session.execute(
        update(OpenItem).where(OpenItem.waits_for_body_id == gone.id).values(waits_for_body_id=keep.id)
    )
    names = [gone.name, *(a.alias for a in gone.aliases)]
    session.delete(gone)
    session.flush()
    session.expire(keep)
    for alias in names:
        add_alias(session, body=keep, alias=alias, strict=False)
    open_items.refresh_for_new_body(session.connection())


def _move_memberships(session: Session, *, keep: Body, gone: Body) -> None:
    kept = {m.person_id: m for m in session.scalars(select(Membership).where(Membership.body_id == keep.id))}
    for m in list(session.scalars(select(Membership).where(Membership.body_id == gone.id))):
        other = kept.get(m.person_id)
        if other is None:
            m.body_id = keep.id
            continue
        if MEMBERSHIP_RANK.get(m.role, 0) > MEMBERSHIP_RANK.get(other.role, 0):
            other.role = m.role
        session.delete(m)
    session.flush()


def body_aliases(session: Session, *, body_id: int) -> list[str]:
    """The aliases of one body, in alphabetical order."""
    stmt = select(BodyAlias.alias).where(BodyAlias.body_id == body_id).order_by(BodyAlias.alias)
    return list(session.scalars(stmt))
