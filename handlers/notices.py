"""The direct messages of the secretariat's side, composed from a notice row when it is sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers import vara_texts as t
from handlers.types import Button, Buttons, Reply, Text
from storage.models import Attendance, Body, Meeting, Person, Sak
from storage.models_secretariat import VaraRequest


@dataclass(frozen=True)
class Skip:
    """The notice is no longer wanted (the request was answered or withdrawn before it went out)."""

    reason: str


def phrase(meeting: Meeting, body: Body, tz: ZoneInfo) -> str:
    """«Styringsgruppen torsdag 7. desember kl. 09.00 (Drammen rådhus)»."""
    start = meeting.starts_at.astimezone(tz).time() if meeting.starts_at else None
    return t.meeting_phrase(body.name, meeting.date, start, meeting.location)


def _name(session: Session, person_id: int | None) -> str:
    person = session.get(Person, person_id) if person_id else None
    return person.name if person else "?"


def _sak(session: Session, sak_id: int) -> str:
    sak = session.get(Sak, sak_id)
    return f"{sak.label} ({sak.title})" if sak else "?"


def _text(message: str, buttons: tuple[Button, ...] = ()) -> Reply:
    elements: tuple[Any, ...] = (Text(message),) + ((Buttons(buttons),) if buttons else ())
    return Reply(elements, private=True, fallback=message)


def compose(
    session: Session,
    *,
    kind: str,
    meeting_id: int,
    person_id: int | None,
    payload: dict[str, Any],
    tz: ZoneInfo,
) -> Reply | Skip:
    """The message of one notice."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        return Skip("meeting gone")
    body = session.get(Body, meeting.body_id)
    assert body is not None
    where = phrase(meeting, body, tz)
    request = session.get(VaraRequest, int(payload["request"])) if "request" in payload else None
    if kind == "vara-ask":
        if request is None or request.state != "asked":
            return Skip("request no longer asked")
        member = _name(session, request.member_id)
        deadline = t.deadline_text(request.deadline.astimezone(tz))
        message = (
            t.VARA_ASK_SAK.format(
                member=member, sak=_sak(session, request.sak_key), meeting=where, deadline=deadline
            )
            if request.sak_key
            else t.VARA_ASK.format(member=member, meeting=where, deadline=deadline)
        )
        value = f"request:{request.id}"
        buttons = (
            Button(t.BUTTON_YES, "vara-svar", f"{value}:ja", "primary"),
            Button(t.BUTTON_NO, "vara-svar", f"{value}:nei"),
        )
        return Reply((Text(message), Buttons(buttons)), fallback=message)
    if request is not None and kind in ("vara-yes-member", "vara-yes", "vara-off"):
        names = {"vara": _name(session, request.vara_id), "member": _name(session, request.member_id)}
        templates = {
            "vara-yes-member": t.VARA_YES_MEMBER,
            "vara-yes": t.VARA_YES_SECRETARIAT,
            "vara-off": t.VARA_OFF,
        }
        return _text(templates[kind].format(meeting=where, **names))
    if kind in ("vara-none", "vara-late"):
        template = t.VARA_NONE if kind == "vara-none" else t.VARA_LATE
        return _text(template.format(member=_name(session, payload.get("member")), meeting=where))
    if kind in ("quorum-lost", "quorum-ok"):
        template = t.QUORUM_LOST if kind == "quorum-lost" else t.QUORUM_OK
        return _text(template.format(body=body.name, meeting=where, **payload))
    if kind == "quorum-sak":
        sak = _sak(session, int(payload["sak_id"]))
        return _text(
            t.QUORUM_SAK.format(sak=sak, meeting=where, present=payload["present"], needed=payload["needed"])
        )
    if kind == "inhabil":
        sak = _sak(session, int(payload["sak_id"]))
        return _text(
            t.INHABIL_SECRETARIAT.format(member=_name(session, payload.get("member")), sak=sak, meeting=where)
        )
    if kind == "ask":
        answered = session.query(Attendance.id).filter_by(meeting_id=meeting_id, person_id=person_id).first()
        if answered is not None or meeting.status != "planned":
            return Skip("answered already")
        value = f"meeting:{meeting.id}"
        buttons = (
            Button(t.BUTTON_YES, "kommer", value, "primary"),
            Button(t.BUTTON_FORFALL, "forfall", value),
        )
        return _text(
            t.ASK_COMING.format(meeting=t.meeting_phrase(body.name, meeting.date, None, None)), buttons
        )
    return Skip(f"unknown notice kind {kind}")
