"""Who is who: bodies, people, memberships and chat links, read for the member commands."""

from __future__ import annotations

from sqlalchemy import bindparam, exists, func, select
from sqlalchemy.orm import Session

from storage.chat_models import SINGLE_WORKSPACE
from storage.models import Body, ChatIdentity, Membership, Person, PersonAlias


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


def body_ids_of(session: Session, *, person_id: int) -> list[int]:
    """The ids of the bodies the person belongs to (any role)."""
    return list(session.scalars(select(Membership.body_id).where(Membership.person_id == person_id)))


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


_SECRETARIAT = exists().where(Membership.person_id == Person.id, Membership.role == "secretariat")
_LINKED_PERSON = (  # built once: a member command runs it every time
    select(Person.id, Person.name, _SECRETARIAT)
    .join(ChatIdentity, ChatIdentity.person_id == Person.id)
    .where(ChatIdentity.platform == bindparam("platform"))
    .where(ChatIdentity.team_id == bindparam("team_id"))
    .where(ChatIdentity.external_id == bindparam("external_id"))
)


def linked_person(
    session: Session, *, platform: str, external_id: str, team_id: str = SINGLE_WORKSPACE
) -> tuple[int, str, bool] | None:
    """(person id, name, has the secretariat role) of a linked chat user of a workspace, in one
    query; None if not linked (the same user id in another workspace is another user)."""
    params = {"platform": platform, "team_id": team_id, "external_id": external_id}
    row = session.execute(_LINKED_PERSON, params).first()
    return (int(row[0]), str(row[1]), bool(row[2])) if row is not None else None


def identity(
    session: Session, *, platform: str, external_id: str, team_id: str = SINGLE_WORKSPACE
) -> ChatIdentity | None:
    """The link of a chat user of a workspace, if any: the same user id in another workspace is
    another user (Slack ids are unique only within a workspace or Enterprise Grid org)."""
    stmt = select(ChatIdentity).where(
        ChatIdentity.platform == platform,
        ChatIdentity.team_id == team_id,
        ChatIdentity.external_id == external_id,
    )
    return session.scalar(stmt)


def identities_of(session: Session) -> dict[int, list[str]]:
    """person id → «slack:U123» strings («slack:T123/U123» for a user of one of many workspaces)."""
    out: dict[int, list[str]] = {}
    stmt = select(ChatIdentity).order_by(
        ChatIdentity.platform, ChatIdentity.team_id, ChatIdentity.external_id
    )
    for link in session.scalars(stmt):
        user = f"{link.team_id}/{link.external_id}" if link.team_id else link.external_id
        out.setdefault(link.person_id, []).append(f"{link.platform}:{user}")
    return out


def teams_user_key(
    session: Session, *, tenant_id: str | None, object_id: str, home_tenant: str | None
) -> str:
    """The chat-link key of a Teams user: «tenant/object id», so that one id in two tenants are two
    users. A link made with the bare object id (`members link --teams ID`, before tenants were told
    apart) counts only for the home tenant (the first of TEAMS_TENANT_ID); without a tenant (local
    testing) the bare id is the key."""
    if not tenant_id:
        return object_id
    tenant = tenant_id.strip().lower()
    qualified = f"{tenant}/{object_id}"
    if identity(session, platform="teams", external_id=qualified) is not None:
        return qualified
    legacy = home_tenant is not None and tenant == home_tenant.lower()
    if legacy and identity(session, platform="teams", external_id=object_id) is not None:
        return object_id
    return qualified
