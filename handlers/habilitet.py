"""«Jeg er inhabil i sak 03/2018»: recorded for the sak's coming meeting, the secretariat told,
counted in that sak's vedtaksførhet, and a vara asked for that sak alone."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from handlers import vara_texts as t
from handlers.edges import parse_id
from handlers.notices import phrase
from handlers.scope import require_asker, today
from handlers.services import Context
from handlers.types import BadInput, NotFound, Reply, Request, Text
from language.sak_numbers import find_sak_number, sak_label
from storage import directory, notices, turnout, vara_chain
from storage.models import Body, Meeting, Sak, Treatment
from storage.models_secretariat import Habilitet

_BUTTON = re.compile(r"^sak:(\d+) meeting:(\d+)$")


def inhabil(req: Request, ctx: Context) -> Reply:
    """Record the asker as inhabil in the sak named (or the button's sak and meeting)."""
    asker = require_asker(req)
    session = ctx.session
    mine = [b.id for b in directory.bodies_of(session, person_id=asker.person_id)]
    button = _BUTTON.match(req.args.strip())
    if button is not None:
        sak_id, meeting_id = parse_id(button.group(1)), parse_id(button.group(2))
        sak = session.get(Sak, sak_id) if sak_id is not None else None
        meeting = session.get(Meeting, meeting_id) if meeting_id is not None else None
        if sak is None or meeting is None or meeting.body_id not in mine:
            raise NotFound(t.INHABIL_UNKNOWN_SAK.format(sak="?"))
    else:
        found = find_sak_number(req.args)
        if found is None:
            raise BadInput(t.INHABIL_NO_NUMBER)
        series, number, written = found
        year = int(written) + 2000 if len(written) == 2 else int(written)
        label = sak_label(series, number, year)
        row = session.execute(
            select(Sak, Meeting)
            .join(Treatment, Treatment.sak_id == Sak.id)
            .join(Meeting, Meeting.id == Treatment.meeting_id)
            .where(
                Sak.series == series,
                Sak.number == number,
                Sak.year == year,
                Meeting.body_id.in_(mine),
                Meeting.status == "planned",
                Meeting.date >= today(req, ctx.tz),
            )
            .order_by(Meeting.date)
            .limit(1)
        ).first()
        if row is None:
            raise NotFound(t.INHABIL_UNKNOWN_SAK.format(sak=label))
        sak, meeting = row
    label = sak.label
    body = session.get(Body, meeting.body_id)
    assert body is not None
    where = phrase(meeting, body, ctx.tz)
    record = Habilitet(
        meeting_id=meeting.id,
        sak_id=sak.id,
        person_id=asker.person_id,
        registered_by_id=asker.person_id,
        registered_at=req.now,
    )
    try:
        with session.begin_nested():
            session.add(record)
    except IntegrityError:
        message = t.INHABIL_ALREADY.format(sak=label, meeting=where)
        return Reply((Text(message),), fallback=message)
    notices.to_secretariat(
        session,
        key=f"inhabil:{record.id}",
        kind="inhabil",
        body_id=body.id,
        meeting_id=meeting.id,
        now=req.now,
        payload={"sak_id": sak.id, "member": asker.person_id},
    )
    started = vara_chain.start(
        session, meeting_id=meeting.id, member_id=asker.person_id, now=req.now, sak_key=sak.id
    )
    turnout.check(session, meeting_id=meeting.id, now=req.now)
    done = t.INHABIL_DONE.format(sak=label, title=sak.title, meeting=where)
    lines = [Text(done)]
    if started.outcome == "asked" and started.vara_name:
        lines.append(Text(t.INHABIL_VARA.format(vara=started.vara_name)))
    return Reply(tuple(lines), fallback=done)
