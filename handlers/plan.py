"""Møteplan: the coming meetings of each of the asker's bodies (or the one named)."""

from __future__ import annotations

from handlers import meeting_texts, texts
from handlers.meeting_view import meeting_when
from handlers.scope import pick_bodies, require_asker, today
from handlers.services import Context
from handlers.types import BulletList, Element, Heading, Reply, Request, Text
from storage import directory, meeting_queries


def plan(req: Request, ctx: Context) -> Reply:
    """One list per body: date, time and place of every coming meeting; cancelled ones marked."""
    asker = require_asker(req)
    elements: list[Element] = []
    count = 0
    session = ctx.session
    mine = directory.bodies_of(session, person_id=asker.person_id)
    bodies = pick_bodies(req.args, mine=mine, every=directory.all_bodies(session), only_mine=False)
    if not bodies:
        return Reply((Text(texts.NO_BODIES),), fallback=texts.NO_BODIES, kind="refusal")
    meetings = meeting_queries.upcoming_meetings(
        session, body_ids=[b.id for b in bodies], after=today(req, ctx.tz), include_cancelled=True
    )
    for body in bodies:
        items = []
        for meeting in (m for m in meetings if m.body_id == body.id):
            when = meeting_when(meeting, ctx.tz)
            item = (
                meeting_texts.PLAN_ITEM_PLACE.format(when=when, place=meeting.location)
                if meeting.location
                else meeting_texts.PLAN_ITEM.format(when=when)
            )
            if meeting.status == "cancelled":
                item = meeting_texts.PLAN_CANCELLED.format(item=item)
            else:
                count += 1
            items.append(item)
        elements.append(Heading(meeting_texts.PLAN_HEADING.format(body=body.name)))
        elements.append(BulletList(tuple(items)) if items else Text(meeting_texts.PLAN_NONE))
    return Reply(tuple(elements), fallback=meeting_texts.PLAN_FALLBACK.format(count=count))
