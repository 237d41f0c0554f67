"""«hvem kommer 7.12»: for the secretariat (and the leader), who comes, forfall, vara, vedtaksført."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers import vara_texts as t
from handlers.meeting_view import has_started
from handlers.notices import phrase
from handlers.scope import mentioned_bodies, require_asker, today
from handlers.services import Context
from handlers.types import (
    BulletList,
    Button,
    Buttons,
    Element,
    Facts,
    Heading,
    NotAllowed,
    NotFound,
    Reply,
    Request,
)
from language.dates import parse_date_expression
from language.folding import body_stem, fold
from storage import meeting_queries
from storage.models import Body, Meeting, Membership, Sak
from storage.turnout import Turnout, turnout

WATCHERS = ("secretariat", "chair")


def watched_bodies(session: Session, person_id: int) -> list[Body]:
    """The bodies this person is secretariat or leader of."""
    return list(
        session.scalars(
            select(Body)
            .join(Membership, Membership.body_id == Body.id)
            .where(Membership.person_id == person_id, Membership.role.in_(WATCHERS))
            .order_by(Body.name)
        )
    )


def who_comes(req: Request, ctx: Context) -> Reply:
    """The turnout of the meeting named (by day and/or body), or the next one."""
    asker = require_asker(req)
    session = ctx.session
    mine = watched_bodies(session, asker.person_id)
    if not mine:
        raise NotAllowed(t.WHO_NOT_ALLOWED)
    named = mentioned_bodies(req.args, mine)
    bodies = named or mine
    query = parse_date_expression(_without_bodies(req.args, mine), today=today(req, ctx.tz))
    coming = meeting_queries.next_meetings(session, body_ids=[b.id for b in bodies], after=today(req, ctx.tz))
    coming = [m for m in coming if not has_started(m, req.now, ctx.tz)]
    when = ""
    if query is not None and query.kind == "day" and query.day is not None:
        coming = [m for m in coming if m.date == query.day]
        when = t.WHO_ON_DAY.format(day=query.day.strftime("%d.%m.%Y"))
    if not coming:
        raise NotFound(t.WHO_NO_MEETING.format(when=when))
    return render(session, turnout(session, meeting_id=coming[0].id), ctx.tz)


def _without_bodies(text: str, bodies: list[Body]) -> str:
    """The text without words naming a body (the date parser knows no body names)."""
    stems = [body_stem(b.name) for b in bodies]
    return " ".join(w for w in text.split() if not any(fold(w).lstrip("«(\"'").startswith(s) for s in stems))


def render(session: Session, seen: Turnout, tz: ZoneInfo) -> Reply:
    """The secretariat's view of one meeting's turnout."""
    where = phrase(seen.meeting, seen.body, tz)
    names = {s.person_id: s.name for s in seen.seats}
    ok, needed = seen.ok(), seen.needed
    facts: list[tuple[str, str]] = [(t.WHO_SEATS, str(len(seen.seats)))]
    if needed is not None:
        present = t.WHO_PRESENT_VALUE.format(present=seen.present(), seats=len(seen.seats), needed=needed)
        facts.append((t.WHO_PRESENT, present))
    facts.append(
        (t.WHO_QUORUM, t.WHO_QUORUM_OFF if ok is None else (t.WHO_QUORUM_YES if ok else t.WHO_QUORUM_NO))
    )
    elements: list[Element] = [Heading(t.WHO_HEADING.format(meeting=where)), Facts(tuple(facts))]
    buttons: list[Button] = []
    forfall = []
    for person_id, row in sorted(seen.absent.items(), key=lambda kv: names.get(kv[0], "")):
        asks = [a for a in seen.asks if a.member_id == person_id and a.sak_id == 0]
        states = [
            t.WHO_VARA_STATES[a.state].format(
                name=a.vara_name, deadline=t.deadline_text(a.deadline.astimezone(tz))
            )
            for a in asks
        ]
        if not asks and row.substitute_name:
            states.append(t.WHO_NAMED.format(name=row.substitute_name))
        reason = t.WHO_REASON.format(reason=row.reason) if row.reason else ""
        vara = "; ".join(states) or t.WHO_VARA_NONE
        forfall.append(t.WHO_FORFALL_ITEM.format(name=names.get(person_id, "?"), reason=reason, vara=vara))
    for ask in seen.asks:
        if ask.state == "asked":
            value = f"request:{ask.id}"
            buttons.append(
                Button(t.BUTTON_YES_FOR.format(name=ask.vara_name), "vara-svar", f"{value}:ja", "primary")
            )
            buttons.append(Button(t.BUTTON_NO_FOR.format(name=ask.vara_name), "vara-svar", f"{value}:nei"))
    if forfall:
        elements.append(BulletList(tuple(forfall), title=t.WHO_FORFALL))
    coming = sorted(names[p] for p in seen.coming if p in names)
    if coming:
        elements.append(BulletList(tuple(coming), title=t.WHO_COMING))
    silent = sorted(
        s.name for s in seen.seats if s.person_id not in seen.coming and s.person_id not in seen.absent
    )
    if silent:
        elements.append(BulletList(tuple(silent), title=t.WHO_NO_ANSWER))
    inhabil = []
    for sak_id, people in sorted(seen.inhabil.items()):
        sak = session.get(Sak, sak_id)
        label = sak.label if sak else "?"
        sak_ok = seen.ok(sak_id)
        args = {"present": seen.present(sak_id), "seats": len(seen.seats), "needed": needed}
        quorum = (
            t.WHO_QUORUM_OFF
            if sak_ok is None
            else (t.WHO_SAK_OK if sak_ok else t.WHO_SAK_NOT_OK).format(**args)
        )
        who = ", ".join(sorted(names.get(p, "?") for p in people))
        inhabil.append(t.WHO_INHABIL_ITEM.format(sak=label, names=who, quorum=quorum))
    if inhabil:
        elements.append(BulletList(tuple(inhabil), title=t.WHO_INHABIL))
    if buttons:
        elements.append(Buttons(tuple(buttons)))
    return Reply(tuple(elements), fallback=t.WHO_FALLBACK.format(meeting=where))


def meeting_of(session: Session, meeting_id: int) -> Meeting:
    """The meeting by id, or NotFound."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(t.COMING_UNKNOWN)
    return meeting
