"""«påminnelser her» (this channel gets a body's reminders) and «påminnelser 7 og 1 dager før kl 9»."""

from __future__ import annotations

import re
from dataclasses import replace

from handlers import plan_admin
from handlers import secretariat_chat_texts as texts
from handlers.chat_common import resolve_body, staff_only
from handlers.services import Context
from handlers.texts import join_names
from handlers.types import BadInput, Reply, Request, Text
from storage import body_settings
from storage import plan as store

MOST = 5  # reminders per meeting
FURTHEST = 60  # days before
_HERE = re.compile(r"(?<![\wæøå])(her|hit|denne kanalen)(?![\wæøå])", re.I)
_AT = re.compile(r"\b(?:kl|klokka|klokken)\.?\s*(\d{1,2})(?:[.:](\d{2}))?", re.I)
_DAYS = re.compile(r"^(.*?)\bdag(?:er|ar)?\b", re.I | re.S)
_SAME_DAY = re.compile(r"\bsamme dag\b", re.I)


def reminders(req: Request, ctx: Context) -> Reply:
    """«påminnelser her» or «påminnelser 7 og 1 dager før kl 9»."""
    staff_only(req)
    if _HERE.search(req.args):
        return _here(req, ctx)
    return _schedule(req, ctx)


def _here(req: Request, ctx: Context) -> Reply:
    inv = req.invocation
    if inv.platform == "console":
        raise BadInput(texts.HERE_CONSOLE)
    if inv.is_direct or not inv.channel_id:
        raise BadInput(texts.HERE_IN_DM)
    # Not «this channel's body»: the channel may be about to get its first one.
    text = _HERE.sub(" ", req.args)
    body = resolve_body(ctx.session, _no_channel(req), text).name
    target = f"{inv.platform}:{inv.channel_id}"
    return plan_admin.set_channel(ctx.services, body=body, target=target, session=ctx.session)


def _no_channel(req: Request) -> Request:
    return replace(req, invocation=replace(req.invocation, channel_id=None))


def parse_schedule(text: str) -> tuple[list[int], str | None]:
    """«7 og 1 dager før kl 9» → ([7, 1], "09:00"); the time is None when not given."""
    at = _AT.search(text)
    clock = None
    if at is not None:
        hour, minute = int(at[1]), int(at[2] or 0)
        if hour > 23 or minute > 59:
            raise BadInput(texts.SCHEDULE_BAD.format(most=MOST, days=FURTHEST))
        clock = f"{hour:02d}:{minute:02d}"
        text = text[: at.start()] + " " + text[at.end() :]
    days = _DAYS.search(text)
    offsets = [int(n) for n in re.findall(r"\d+", days[1])] if days else []
    if _SAME_DAY.search(text):
        offsets.append(0)
    if not offsets or len(set(offsets)) > MOST or any(o > FURTHEST for o in offsets):
        raise BadInput(texts.SCHEDULE_BAD.format(most=MOST, days=FURTHEST))
    return sorted(set(offsets), reverse=True), clock


def _schedule(req: Request, ctx: Context) -> Reply:
    offsets, clock = parse_schedule(req.args)
    session = ctx.session
    body = resolve_body(session, req, req.args)
    at = clock or body.reminder_time
    changed = body_settings.set_schedule(session, body=body, offsets=offsets, at=at)
    # A reminder that the new times make due already goes out with the next pass.
    store.queue_due_for_body(session, body=body, now=ctx.now, tz=ctx.tz)
    template = texts.SCHEDULE_SET if changed else texts.SCHEDULE_UNCHANGED
    line = template.format(body=body.name, days=describe_offsets(offsets), time=at.replace(":", "."))
    return Reply((Text(line),), fallback=line)


def describe_offsets(offsets: list[int]) -> str:
    """[7, 1, 0] → «7 dager, 1 dag og samme dag»."""
    words = [
        texts.SCHEDULE_SAME_DAY
        if o == 0
        else texts.SCHEDULE_DAY_BEFORE
        if o == 1
        else texts.SCHEDULE_DAYS.format(days=o)
        for o in offsets
    ]
    return join_names(words)
