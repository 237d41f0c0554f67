"""The answers to the bot's questions: a vara's [Ja]/[Nei] (or the secretariat's for them), and
a member's [Ja] to «Kommer du?»."""

from __future__ import annotations

import re

from sqlalchemy import select

from handlers import vara_texts as t
from handlers.edges import parse_id
from handlers.meeting_view import has_started
from handlers.notices import phrase
from handlers.scope import require_asker
from handlers.services import Context
from handlers.types import BadInput, NotAllowed, NotFound, Reply, Request, Text
from handlers.who_comes import meeting_of, watched_bodies
from storage import turnout, vara_chain
from storage.models import Attendance, Body, Membership, Person
from storage.models_secretariat import VaraRequest

_ANSWER = re.compile(r"^request:(\d+):(ja|nei)$")
_MEETING = re.compile(r"^meeting:(\d+)$")


def _reply(message: str) -> Reply:
    return Reply((Text(message),), fallback=message)


def answer(req: Request, ctx: Context) -> Reply:
    """«vara-svar request:12:ja»: the chain moves on, exactly once however often it is pressed."""
    asker = require_asker(req)
    found = _ANSWER.match(req.args.strip())
    if found is None:
        raise BadInput(t.VARA_BAD_VALUE)
    request_id, yes = parse_id(found.group(1)), found.group(2) == "ja"
    session = ctx.session
    request = session.get(VaraRequest, request_id) if request_id is not None else None
    if request is None:
        return _reply(t.VARA_GONE)
    meeting = meeting_of(session, request.meeting_id)
    for_other = request.vara_id != asker.person_id
    if for_other and meeting.body_id not in {b.id for b in watched_bodies(session, asker.person_id)}:
        raise NotAllowed(t.VARA_NOT_YOURS)
    is_secretariat = session.scalar(
        select(Membership.id).where(
            Membership.person_id == asker.person_id,
            Membership.body_id == meeting.body_id,
            Membership.role == "secretariat",
        )
    )
    if for_other and is_secretariat is None:
        raise NotAllowed(t.VARA_NOT_YOURS)
    outcome, request = vara_chain.answer(
        session, request_id=request.id, yes=yes, by_id=asker.person_id, now=req.now
    )
    if outcome == "late":
        return _reply(t.VARA_TOO_LATE)
    if outcome == "gone" or request is None:
        return _reply(t.VARA_GONE)
    body = session.get(Body, meeting.body_id)
    assert body is not None
    member = session.get(Person, request.member_id)
    vara = session.get(Person, request.vara_id)
    names = {"member": member.name if member else "?", "vara": vara.name if vara else "?"}
    where = phrase(meeting, body, ctx.tz)
    if not yes:
        return _reply(t.VARA_THANKS_NO)
    template = t.VARA_THANKS_YES_FOR if for_other else t.VARA_THANKS_YES
    return _reply(template.format(meeting=where, **names))


def coming(req: Request, ctx: Context) -> Reply:
    """«kommer meeting:12»: the member's [Ja] to «Kommer du?», recorded as present (origin chat)."""
    asker = require_asker(req)
    found = _MEETING.match(req.args.strip())
    if found is None:
        raise BadInput(t.COMING_UNKNOWN)
    meeting_id = parse_id(found.group(1))
    if meeting_id is None:
        raise NotFound(t.COMING_UNKNOWN)
    session = ctx.session
    meeting = meeting_of(session, meeting_id)
    body = session.get(Body, meeting.body_id)
    assert body is not None
    where = phrase(meeting, body, ctx.tz)
    if has_started(meeting, req.now, ctx.tz):
        raise BadInput(t.COMING_UNKNOWN)
    row = session.scalar(
        select(Attendance).where(Attendance.meeting_id == meeting.id, Attendance.person_id == asker.person_id)
    )
    if row is not None and row.status == "absent":
        return _reply(t.COMING_HAS_FORFALL.format(meeting=where))
    if row is not None:
        return _reply(t.COMING_ALREADY.format(meeting=where))
    session.add(
        Attendance(
            meeting_id=meeting.id,
            person_id=asker.person_id,
            status="present",
            origin="chat",
            registered_by_id=asker.person_id,
            registered_at=req.now,
            position=0,
        )
    )
    session.flush()
    turnout.check(session, meeting_id=meeting.id, now=req.now)
    return _reply(t.COMING_DONE.format(meeting=where))
