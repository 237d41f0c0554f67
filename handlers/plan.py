"""Møteplan: the coming meetings of each of the asker's bodies (or the one named)."""

from __future__ import annotations

from handlers import texts
from handlers.common import meeting_when, pick_bodies, require_asker, today
from handlers.services import Context
from handlers.types import BulletList, Element, Heading, Reply, Request, Text
from storage import queries


def plan(req: Request, ctx: Context) -> Reply:
    """One list per body: date, time and place of every coming meeting; cancelled ones marked."""
    asker = require_asker(req)
    elements: list[Element] = []
    count = 0
    session = ctx.session
    mine = queries.bodies_of(session, person_id=asker.person_id)
    bodies = pick_bodies(req.args, mine=mine, every=queries.all_bodies(session), only_mine=False)
    if not bodies:
        return Reply((Text(texts.NO_BODIES),), fallback=texts.NO_BODIES, kind="refusal")
    meetings = queries.upcoming_meetings(
        session, body_ids=[b.id for b in bodies], after=today(req, ctx.tz), include_cancelled=True
    )
    for body in bodies:
        items = []
        for meeting in (m for m in meetings if m.body_id == body.id):
            when = meeting_when(meeting, ctx.tz)
            item = (
                texts.PLAN_ITEM_PLACE.format(when=when, place=meeting.location)
                if meeting.location
                else texts.PLAN_ITEM.format(when=when)
            )
            if meeting.status == "cancelled":
                item = texts.PLAN_CANCELLED.format(item=item)
            else:
                count += 1
            items.append(item)
        elements.append(Heading(texts.PLAN_HEADING.format(body=body.name)))
        elements.append(BulletList(tuple(items)) if items else Text(texts.PLAN_NONE))
    return Reply(tuple(elements), fallback=texts.PLAN_FALLBACK.format(count=count))
