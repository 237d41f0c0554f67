"""What the secretariat's chat commands share: who may, and which body a message is about."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers import secretariat_chat_texts as texts
from handlers.scope import mentioned_bodies
from handlers.types import Asker, BadInput, NotAllowed, NotFound, Request
from storage import body_settings, directory
from storage.models import Body, Meeting


def staff_only(req: Request) -> Asker:
    """The asker, if they have the secretariat role; a member gets a polite refusal."""
    if req.asker is None or not req.asker.is_secretariat:
        raise NotAllowed(texts.STAFF_ONLY)
    return req.asker


def resolve_body(session: Session, req: Request, text: str, *, on_day: dt.date | None = None) -> Body:
    """The body the message names; else the body of this channel; else the asker's only body.

    With `on_day`, also the only body with a planned meeting that day. Anything else is asked back.
    """
    every = directory.all_bodies(session)
    if not every:
        raise NotFound(texts.NO_BODY_KNOWN)
    named = mentioned_bodies(text, every)
    if len(named) == 1:
        return named[0]
    if not named:
        inv = req.invocation
        if inv.channel_id and inv.platform in ("slack", "teams"):
            here = body_settings.bodies_of_channel(session, platform=inv.platform, channel_id=inv.channel_id)
            if len(here) == 1:
                return here[0]
        asker = staff_only(req)
        mine = body_settings.secretariat_bodies(session, person_id=asker.person_id)
        if len(mine) == 1:
            return mine[0]
        if on_day is not None:
            stmt = select(Meeting.body_id).where(Meeting.date == on_day, Meeting.status == "planned")
            ids = set(session.scalars(stmt))
            if len(ids) == 1:
                return next(b for b in every if b.id in ids)
        named = mine or every
    raise BadInput(texts.WHICH_BODY.format(example=named[0].name), suggestions=tuple(b.name for b in named))
