"""Who is asking: chat user → person, «jeg er NAME» link requests, and their confirmation.

A display name is never trusted (anyone can change theirs): a chat user is linked by the
secretariat, or by an e-mail the platform has verified that matches the roster. In the terminal
the operator chose the person with --as, so the name is taken as given.
"""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz, process
from sqlalchemy.orm import Session

from handlers import texts
from handlers.edges import parse_id
from handlers.services import Context
from handlers.types import (
    Asker,
    BadInput,
    BulletList,
    Button,
    Buttons,
    Heading,
    Invocation,
    NotAllowed,
    NotFound,
    Reply,
    Request,
    Text,
)
from storage import directory, people
from storage.models import Person

_PREFIX = re.compile(r"^\s*(?:jeg|eg)\s+er\s+", re.I)
_REQUEST_VALUE = re.compile(r"^request:(\d+)$")


def resolve_asker(session: Session, invocation: Invocation, *, now: dt.datetime) -> Asker | None:
    """The linked person behind an invocation, or None; links by a verified roster e-mail."""
    person: Person | None = None
    if invocation.platform == "console":
        person = directory.person_by_name(session, name=invocation.user_id) if invocation.user_id else None
    else:
        platform, user, workspace = invocation.platform, invocation.user_id, invocation.workspace or ""
        linked = directory.linked_person(session, platform=platform, team_id=workspace, external_id=user)
        if linked is not None:  # the usual case: one query
            return Asker(person_id=linked[0], name=linked[1], is_secretariat=linked[2])
        if invocation.email:
            person = directory.person_by_email(session, email=invocation.email)
            if person is not None:
                people.link_identity(
                    session,
                    platform=invocation.platform,
                    team_id=workspace,
                    external_id=invocation.user_id,
                    person_id=person.id,
                    linked_by="email",
                    now=now,
                )
    if person is None:
        return None
    return Asker(
        person_id=person.id,
        name=person.name,
        is_secretariat=directory.is_secretariat(session, person_id=person.id),
    )


def unlinked_reply(invocation: Invocation) -> Reply:
    """The friendly answer to a user who is not linked yet."""
    elements: list[Heading | Text] = [Heading(texts.UNLINKED_HEADING), Text(texts.UNLINKED)]
    if invocation.platform == "console":
        elements.append(Text(texts.UNLINKED_CONSOLE))
    return Reply(tuple(elements), fallback=texts.UNLINKED_SHORT, kind="refusal")


def find_person(session: Session, name: str) -> Person:
    """The person named, or NotFound with the closest names as suggestions."""
    person = directory.person_by_name(session, name=name)
    if person is not None:
        return person
    close = process.extract(name, directory.all_person_names(session), scorer=fuzz.WRatio, limit=3)
    suggestions = tuple(hit for hit, score, _ in close if score >= 80)
    raise NotFound(texts.LINK_NO_SUCH_PERSON.format(name=name), suggestions=suggestions)


def jeg_er(req: Request, ctx: Context) -> Reply:
    """«jeg er Per Kierulf»: a link request the secretariat confirms."""
    name = " ".join(_PREFIX.sub("", req.args).strip(" .!?").split())
    if not name:
        raise BadInput(texts.LINK_NEED_NAME)
    inv = req.invocation
    session = ctx.session
    person = find_person(session, name)
    if req.asker is not None and req.asker.person_id == person.id:
        return Reply((Text(texts.LINK_ALREADY.format(name=person.name)),))
    if inv.platform == "console":
        raise BadInput(texts.UNLINKED_CONSOLE)
    _request, is_new = people.request_link(
        session,
        platform=inv.platform,
        team_id=inv.workspace or "",
        external_id=inv.user_id,
        person_id=person.id,
        now=req.now,
    )
    template = texts.LINK_REQUESTED if is_new else texts.LINK_REQUESTED_AGAIN
    message = template.format(name=person.name)
    return Reply((Text(message),), fallback=message)


def pending(req: Request, ctx: Context) -> Reply:
    """The secretariat's list of link requests, each with a «Bekreft» button."""
    if req.asker is None or not req.asker.is_secretariat:
        raise NotAllowed(texts.SECRETARIAT_ONLY)
    session = ctx.session
    rows = people.pending_link_requests(session)
    items = tuple(
        texts.LINK_PENDING_ITEM.format(name=p.name, platform=r.platform, external_id=r.external_id)
        for r, p in rows
    )
    buttons = tuple(
        Button(texts.LINK_CONFIRM_BUTTON.format(name=p.name), "bekreft-kobling", f"request:{r.id}")
        for r, p in rows
    )
    if not items:
        return Reply((Text(texts.LINK_PENDING_NONE),), fallback=texts.LINK_PENDING_NONE)
    return Reply(
        (Heading(texts.LINK_PENDING_HEADING), BulletList(items), Buttons(buttons)),
        fallback=texts.LINK_PENDING_HEADING,
    )


def confirm(req: Request, ctx: Context) -> Reply:
    """The secretariat confirms a link request (button value «request:ID»)."""
    if req.asker is None or not req.asker.is_secretariat:
        raise NotAllowed(texts.SECRETARIAT_ONLY)
    match = _REQUEST_VALUE.match(req.args.strip())
    request_id = parse_id(match[1]) if match else None
    if request_id is None:
        raise BadInput(texts.LINK_REQUEST_GONE)
    session = ctx.session
    link = people.confirm_link_request(session, request_id=request_id, now=req.now)
    if link is None:
        raise NotFound(texts.LINK_REQUEST_GONE)
    person = session.get(Person, link.person_id)
    assert person is not None
    message = texts.LINK_CONFIRMED.format(
        name=person.name, platform=link.platform, external_id=link.external_id
    )
    return Reply((Text(message),), fallback=message)
