"""One person per real person: names written two ways («Kjersti B. Hulbakk») become one with an alias.

The rule is deliberately narrow, because merging two real people is worse than keeping a
duplicate: the same first and last name, the same number of middle parts, each middle part equal
or an initial of the other, and the same organisation (or one unknown). Edit distance
(rapidfuzz) would also merge «Per Berger» with «Per Berge», so it is not used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from storage import importing_people as store
from storage.importing_people import PersonRow


def _parts(name: str) -> list[str]:
    return name.split()


def _initial(part: str) -> str | None:
    """«B.» or «B» → «b»; None when the part is a whole name."""
    bare = part.rstrip(".")
    return bare.casefold() if len(bare) == 1 and bare.isalpha() else None


def _middle_matches(a: str, b: str) -> bool:
    if a.casefold() == b.casefold():
        return True
    ia, ib = _initial(a), _initial(b)
    if ia is not None and ib is not None:
        return ia == ib
    if ia is not None:
        return b.casefold().startswith(ia)
    if ib is not None:
        return a.casefold().startswith(ib)
    return False


def same_name(a: str, b: str) -> bool:
    """True when `a` and `b` may name the same person («Kjersti B. Hulbakk», «Kjersti Bærug Hulbakk»)."""
    pa, pb = _parts(a), _parts(b)
    if len(pa) != len(pb) or len(pa) < 2:
        return False
    if pa[0].casefold() != pb[0].casefold() or pa[-1].casefold() != pb[-1].casefold():
        return False
    return all(_middle_matches(x, y) for x, y in zip(pa[1:-1], pb[1:-1], strict=True))


def fuller(a: str, b: str) -> str:
    """The fuller of two forms of a name (more letters outside the dots; ties by spelling)."""
    return max(a, b, key=lambda n: (sum(len(p.rstrip(".")) for p in _parts(n)), n))


def same_organisation(a: str | None, b: str | None) -> bool:
    """Equal, or one of them unknown."""
    return a is None or b is None or a.casefold() == b.casefold()


@dataclass(frozen=True)
class Mention:
    """A person as a document names them."""

    name: str
    organisation: str | None


def resolve_people(session: Session, *, mentions: Iterable[Mention]) -> dict[str, int]:
    """Every mentioned name → its person's id, found by name, alias or the narrow rule, else created."""
    mentions = list(mentions)
    names = list(dict.fromkeys(m.name for m in mentions))
    organisation: dict[str, str | None] = {}
    for m in mentions:
        if organisation.get(m.name) is None:
            organisation[m.name] = m.organisation
    found = store.people_named(session, names=names)
    loose = [n for n in names if n not in found and len(n.split()) >= 3]
    stored = {p.id: p for p in found.values()}
    candidates = []
    for like in store.people_like(session, first_last=[(n.split()[0], n.split()[-1]) for n in loose]):
        # One object per stored person, so a rename and an alias from one document agree.
        same = stored.get(like.id)
        if same is not None:
            same.forms = list(dict.fromkeys(same.forms + like.forms))
        candidates.append(same or like)
    touched: dict[int, PersonRow] = {id(p): p for p in found.values()}
    for name in names:
        org = organisation[name]
        person = found.get(name)
        if person is None:
            person = _match(name, org, candidates)
            if person is None:
                person = PersonRow(None, name, org, [name])
                candidates.append(person)
            else:
                _absorb(person, name)
            found[name] = person
            touched[id(person)] = person
        if person.organisation is None and org is not None:
            person.organisation = org
    store.store_people(session, people=touched.values())
    return {name: person.id for name, person in found.items() if person.id is not None}


def _match(name: str, org: str | None, candidates: list[PersonRow]) -> PersonRow | None:
    hits = {
        id(person): person
        for person in candidates
        if same_organisation(person.organisation, org) and any(same_name(name, f) for f in person.forms)
    }
    # Two people fit: guessing would merge real people, so the name stands alone.
    return next(iter(hits.values())) if len(hits) == 1 else None


def _absorb(person: PersonRow, name: str) -> None:
    """Record `name` as another form of `person`; the fuller form becomes the person's name."""
    if fuller(name, person.name) == name:
        person.new_aliases.append(person.name)
        person.name = name
    else:
        person.new_aliases.append(name)
    person.forms.append(name)
