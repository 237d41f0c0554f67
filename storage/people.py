"""Writes about people: chat links, link requests, and the roster (e-mail, role, bodies)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.chat_models import SINGLE_WORKSPACE
from storage.directory import person_by_name
from storage.models import Body, ChatIdentity, LinkRequest, Membership, Person


def link_identity(
    session: Session,
    *,
    platform: str,
    external_id: str,
    person_id: int,
    linked_by: str,
    now: dt.datetime,
    team_id: str = SINGLE_WORKSPACE,
) -> ChatIdentity:
    """Link a chat user of a workspace to a person (replacing an earlier link of that user); drops
    its request."""
    link = session.scalar(
        select(ChatIdentity).where(*_chat_user(ChatIdentity, platform, team_id, external_id))
    )
    if link is None:
        link = ChatIdentity(platform=platform, team_id=team_id, external_id=external_id, person_id=person_id)
        session.add(link)
    link.person_id = person_id
    link.linked_by = linked_by
    link.linked_at = now
    session.execute(delete(LinkRequest).where(*_chat_user(LinkRequest, platform, team_id, external_id)))
    session.flush()
    return link


def _chat_user(
    table: type[ChatIdentity | LinkRequest], platform: str, team_id: str, external_id: str
) -> list[Any]:
    return [table.platform == platform, table.team_id == team_id, table.external_id == external_id]


def request_link(
    session: Session,
    *,
    platform: str,
    external_id: str,
    person_id: int,
    now: dt.datetime,
    team_id: str = SINGLE_WORKSPACE,
) -> tuple[LinkRequest, bool]:
    """Record «jeg er NAME» for the secretariat; True when it is new or names another person."""
    same = _chat_user(LinkRequest, platform, team_id, external_id)
    request = session.scalar(select(LinkRequest).where(*same))
    if request is not None:
        changed = request.person_id != person_id
        request.person_id = person_id
        if changed:
            request.requested_at = now
        return request, changed
    request = LinkRequest(
        platform=platform, team_id=team_id, external_id=external_id, person_id=person_id, requested_at=now
    )
    try:
        with session.begin_nested():
            session.add(request)
    except IntegrityError:  # the same request arrived twice at once: the other one stands
        existing = session.scalar(select(LinkRequest).where(*same))
        assert existing is not None
        return existing, False
    return request, True


def pending_link_requests(session: Session) -> list[tuple[LinkRequest, Person]]:
    """Link requests awaiting the secretariat, oldest first."""
    stmt = (
        select(LinkRequest, Person)
        .join(Person, Person.id == LinkRequest.person_id)
        .order_by(LinkRequest.requested_at, LinkRequest.id)
    )
    return [(r, p) for r, p in session.execute(stmt).all()]


def confirm_link_request(session: Session, *, request_id: int, now: dt.datetime) -> ChatIdentity | None:
    """Turn a pending request into a link; None when the request is gone."""
    request = session.get(LinkRequest, request_id)
    if request is None:
        return None
    return link_identity(
        session,
        platform=request.platform,
        team_id=request.team_id,
        external_id=request.external_id,
        person_id=request.person_id,
        linked_by="secretariat",
        now=now,
    )


def upsert_roster_person(
    session: Session,
    *,
    name: str,
    email: str | None,
    role: str,
    bodies: Sequence[Body],
    organisation: str | None = None,
    seat_group: str | None = None,
    vara_order: int | None = None,
) -> Person:
    """Create or update a person from the roster: e-mail, and role, group and vara order per body."""
    person = person_by_name(session, name=name)
    if person is None:
        person = Person(name=name, organisation=organisation)
        session.add(person)
    if email:
        person.email = email.strip().lower()
    if organisation:
        person.organisation = organisation
    session.flush()
    for body in bodies:
        membership = session.scalar(
            select(Membership).where(Membership.person_id == person.id, Membership.body_id == body.id)
        )
        if membership is None:
            membership = Membership(person_id=person.id, body_id=body.id, role=role)
            session.add(membership)
        membership.role = role
        membership.seat_group = seat_group
        membership.vara_order = vara_order
    session.flush()
    return person


def body_by_name(session: Session, *, name: str) -> Body | None:
    """The body with exactly this name, case-insensitive."""
    wanted = name.strip().lower()
    for body in session.scalars(select(Body)):
        if body.name.lower() == wanted:
            return body
    return None
