"""The møteplan in chat: «nytt møte …», «flytt møtet …», «avlys møtet …» (the last two after a button).

The text is read here; the change itself is `plan_admin`'s, the same as `motebot plan …`, so the
notices, the reminders that follow a meeting and every refusal are the command line's.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy.orm import Session

from handlers import plan_admin
from handlers import secretariat_chat_texts as texts
from handlers import texts as core_texts
from handlers.chat_common import resolve_body, staff_only
from handlers.meeting_view import meeting_label
from handlers.services import Context, Services
from handlers.types import BadInput, Button, Buttons, Reply, Request, Text
from language.dates import parse_date_expression
from storage.models import Meeting

_CLOCK = r"(\d{1,2})(?:[.:](\d{2}))?"
_TIME = re.compile(rf"\b(?:kl|klokka|klokken)\.?\s*{_CLOCK}(?:\s*(?:-|–|—|til)\s*{_CLOCK})?", re.I)
_PLACE = re.compile(r"(?:^|\s)(?:på|sted:?)\s+(.+)$", re.I)
_PLACE_END = re.compile(r"\s+(?:kl\.?|klokka|klokken|den)\s|\s\d{1,2}\.\d{1,2}\b|[,;]", re.I)
_TIL = re.compile(r"\s(?:til|->|→)\s", re.I)
_MOVE_VALUE = re.compile(r"^(\d+)\|(\d{4}-\d{2}-\d{2})\|(\d{4}-\d{2}-\d{2})?\|([\d:\-]*)\|(.*)$", re.S)
_CANCEL_VALUE = re.compile(r"^(\d+)\|(\d{4}-\d{2}-\d{2})$")


def new_meeting(req: Request, ctx: Context) -> Reply:
    """«nytt møte i styringsgruppen 14.6 kl 10 på Kleivstua»: added at once (nothing is lost)."""
    services = ctx.services
    staff_only(req)
    text, place = _split_place(req.args)
    span = _span(text)
    day = _day(_without_time(text), req, services, example=texts.EXAMPLE_NEW)
    session = ctx.session
    body = resolve_body(session, req, text).name
    return plan_admin.add(services, body=body, date=day.isoformat(), time=span, place=place, session=session)


def move(req: Request, ctx: Context) -> Reply:
    """«flytt møtet 7.12 til 8.12 [kl 13] [på …]»: the meeting is found, then a button confirms."""
    services = ctx.services
    staff_only(req)
    text, place = _split_place(req.args)
    head, tail = _split_til(_without_time(text), text)
    day = _day(head, req, services, example=texts.EXAMPLE_MOVE)
    span = _span(tail)
    new_day = _maybe_day(_without_time(tail), req, services)
    if new_day is None and span is None and place is None:
        raise BadInput(texts.CHAT_MOVE_NO_TARGET)
    session = ctx.session
    meeting = _planned(session, req, text, day)
    label = meeting_label(meeting, services.tz)
    new = _new_label(meeting, new_day, span, place)
    value = "|".join(
        (
            str(meeting.id),
            day.isoformat(),
            new_day.isoformat() if new_day else "",
            span or "",
            place or "",
        )
    )
    message = texts.CONFIRM_MOVE.format(meeting=label, new=new)
    buttons = (
        Button(texts.BUTTON_MOVE, "flytt-bekreft", value, "primary"),
        Button(texts.BUTTON_ABORT, "plan-avbryt", ""),
    )
    return Reply((Text(message), Buttons(buttons)), fallback=message)


def move_confirmed(req: Request, ctx: Context) -> Reply:
    """The «Flytt møtet» button: the move as `plan move` does it, unless the meeting changed since."""
    services = ctx.services
    staff_only(req)
    match = _MOVE_VALUE.match(req.args.strip())
    if match is None:
        raise BadInput(texts.CONFIRM_STALE)
    body = _still_on(ctx.session, int(match[1]), dt.date.fromisoformat(match[2]))
    return plan_admin.move(
        services,
        body=body,
        date=match[2],
        to=match[3] or None,
        time=match[4] or None,
        place=match[5] or None,
        session=ctx.session,
    )


def cancel(req: Request, ctx: Context) -> Reply:
    """«avlys møtet 15.3»: the meeting is found, then a button confirms."""
    services = ctx.services
    staff_only(req)
    day = _day(_without_time(req.args), req, services, example=texts.EXAMPLE_CANCEL)
    session = ctx.session
    meeting = _planned(session, req, req.args, day)
    message = texts.CONFIRM_CANCEL.format(meeting=meeting_label(meeting, services.tz))
    value = f"{meeting.id}|{day.isoformat()}"
    buttons = (
        Button(texts.BUTTON_CANCEL_MEETING, "avlys-bekreft", value, "danger"),
        Button(texts.BUTTON_ABORT, "plan-avbryt", ""),
    )
    return Reply((Text(message), Buttons(buttons)), fallback=message)


def cancel_confirmed(req: Request, ctx: Context) -> Reply:
    """The «Avlys møtet» button: the cancellation as `plan cancel` does it."""
    services = ctx.services
    staff_only(req)
    match = _CANCEL_VALUE.match(req.args.strip())
    if match is None:
        raise BadInput(texts.CONFIRM_STALE)
    body = _still_on(ctx.session, int(match[1]), dt.date.fromisoformat(match[2]))
    return plan_admin.cancel(services, body=body, date=match[2], session=ctx.session)


def abort(req: Request, ctx: Context) -> Reply:
    """«Nei, la være»."""
    return Reply((Text(texts.ABORTED),), fallback=texts.ABORTED)


# --- Reading the text ---------------------------------------------------------------------------


def _split_place(text: str) -> tuple[str, str | None]:
    """The text without «på Kleivstua», and the place (cut before a time or date that follows)."""
    match = _PLACE.search(text)
    if match is None:
        return text, None
    rest = match[1]
    end = _PLACE_END.search(rest)
    place = (rest[: end.start()] if end else rest).strip(" .")
    remainder = text[: match.start()] + (" " + rest[end.start() :] if end else "")
    return remainder, (place or None)


def _clock(hour: str, minute: str | None) -> str:
    value = f"{int(hour):02d}:{minute or '00'}"
    if int(hour) > 23 or int(minute or 0) > 59:
        raise BadInput(texts.CHAT_BAD_CLOCK.format(value=value))
    return value


def _span(text: str) -> str | None:
    """«kl 10» → "10:00", «kl 10.00–12.30» → "10:00-12:30"; None when no time is given."""
    match = _TIME.search(text)
    if match is None:
        return None
    start = _clock(match[1], match[2])
    return f"{start}-{_clock(match[3], match[4])}" if match[3] else start


def _without_time(text: str) -> str:
    return _TIME.sub(" ", text)


def _split_til(timeless: str, text: str) -> tuple[str, str]:
    """«7.12 til 8.12 kl 13» → («7.12», «8.12 kl 13»): «til» after the first date (not in «kl 10 til 12»)."""
    match = _TIL.search(timeless)
    if match is None:
        return text, ""
    head = timeless[: match.start()]
    # The tail keeps its time: find the same «til» in the full text, after the head's date.
    at = _TIL.search(text, len(head) - 1 if head else 0)
    return head, text[at.end() :] if at else timeless[match.end() :]


def _maybe_day(text: str, req: Request, services: Services) -> dt.date | None:
    today = req.now.astimezone(services.tz).date()
    query = parse_date_expression(text, today=today) if text.strip() else None
    if query is None or query.kind != "day":
        return None
    if query.day is None:
        raise BadInput(texts.CHAT_BAD_DATE.format(value=query.invalid or query.matched))
    return query.day


def _day(text: str, req: Request, services: Services, *, example: str) -> dt.date:
    day = _maybe_day(text, req, services)
    if day is None:
        raise BadInput(texts.CHAT_NO_DATE.format(text=req.args.strip(), example=example))
    return day


# --- The meeting ----------------------------------------------------------------------------------


def _planned(session: Session, req: Request, text: str, day: dt.date) -> Meeting:
    body = resolve_body(session, req, text, on_day=day)
    return plan_admin.planned_meeting(session, body.id, body.name, day)


def _new_label(meeting: Meeting, new_day: dt.date | None, span: str | None, place: str | None) -> str:
    parts = [core_texts.weekday_date(new_day or meeting.date)]
    if span:
        parts.append("kl. " + span.replace(":", ".").replace("-", "–"))
    if place:
        parts.append(place)
    return ", ".join(parts)


def _still_on(session: Session, meeting_id: int, day: dt.date) -> str:
    """The body's name, if the meeting is still on that day (a second press finds it moved)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.date != day:
        raise BadInput(texts.CONFIRM_STALE)
    return meeting.body.name
