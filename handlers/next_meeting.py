"""Neste møte: the next meeting of each of the asker's bodies (or the one named)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from handlers import meeting_texts, texts
from handlers.meeting_view import agenda_of, meeting_facts, meeting_label
from handlers.scope import pick_bodies, require_asker, today
from handlers.services import Context
from handlers.types import (
    Asker,
    BulletList,
    Button,
    Buttons,
    Element,
    Heading,
    Reply,
    Request,
    Text,
)
from storage import directory, meeting_queries
from storage.models import Attendance, Meeting, Treatment


def next_meeting(req: Request, ctx: Context) -> Reply:
    """One block per body: when, where, how soon, the saksliste and who has sent forfall.

    Six queries whatever the number of bodies: every body (with aliases), the asker's, the next
    meetings, their sakslister and their forfall.
    """
    asker = require_asker(req)
    day = today(req, ctx.tz)
    elements: list[Element] = []
    labels: list[str] = []
    session = ctx.session
    every = directory.all_bodies(session)
    my_ids = set(directory.body_ids_of(session, person_id=asker.person_id))
    mine = [b for b in every if b.id in my_ids]
    bodies = pick_bodies(req.args, mine=mine, every=every, only_mine=False)
    if not bodies:
        return Reply((Text(texts.NO_BODIES),), fallback=texts.NO_BODIES, kind="refusal")
    ids = [b.id for b in bodies]
    coming = meeting_queries.next_meetings(session, body_ids=ids, after=day, with_body=False)
    found = {m.body_id: m for m in coming}
    agendas = meeting_queries.agendas(session, meeting_ids=[m.id for m in coming])
    absences = meeting_queries.absences_at(session, meeting_ids=[m.id for m in coming])
    for body in bodies:
        meeting = found.get(body.id)
        if meeting is None:
            elements.append(Heading(meeting_texts.NEXT_HEADING.format(body=body.name)))
            elements.append(Text(meeting_texts.NEXT_NONE.format(body=body.name)))
            continue
        days = (meeting.date - day).days
        absent = absences[meeting.id]
        elements.extend(_meeting_block(meeting, agendas[meeting.id], absent, asker, days, ctx.tz))
        labels.append(meeting_label(meeting, ctx.tz))
    fallback = (
        meeting_texts.NEXT_FALLBACK.format(labels="; ".join(labels)) if labels else meeting_texts.PLAN_NONE
    )
    return Reply(tuple(elements), fallback=fallback)


def _meeting_block(
    meeting: Meeting, agenda: list[Treatment], absent: list[Attendance], asker: Asker, days: int, tz: ZoneInfo
) -> list[Element]:
    """Heading, facts, saksliste, forfall and the «Meld forfall» (or «Angre») button of one meeting."""
    when = meeting_texts.WHEN_COUNTDOWN.format(
        day=texts.weekday_date(meeting.date), countdown=texts.days_until(days)
    )
    block: list[Element] = [
        Heading(meeting_texts.NEXT_HEADING.format(body=meeting.body.name)),
        meeting_facts(meeting, tz, when=when),
        agenda_of(agenda),
    ]
    if absent:
        block.append(BulletList(tuple(_absent_item(a, asker) for a in absent), meeting_texts.ABSENT_TITLE))
    else:
        block.append(Text(meeting_texts.ABSENT_NONE))

    value = f"meeting:{meeting.id}"
    if any(a.person_id == asker.person_id for a in absent):
        block.append(Text(meeting_texts.YOU_HAVE_FORFALL))
        block.append(Buttons((Button(meeting_texts.BUTTON_UNDO, "trekk-forfall", value, "danger"),)))
    else:
        block.append(Buttons((Button(meeting_texts.BUTTON_FORFALL, "forfall", value, "primary"),)))
    return block


def _absent_item(absence: Attendance, asker: Asker) -> str:
    """A name; the reason only for the secretariat and the member (a member's reason is private)."""
    name = absence.person.name
    if absence.reason and (asker.is_secretariat or absence.person_id == asker.person_id):
        return meeting_texts.ABSENT_ITEM_REASON.format(name=name, reason=absence.reason)
    return name
