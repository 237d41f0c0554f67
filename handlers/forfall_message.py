"""A free-text message about forfall, understood before anything is written (language.understanding).

Only a clear first-person absence or change of mind for one meeting is written at once (with
«Angre», as the forfall command does); an unsure one, a conditional or one that names several
meetings is asked about with [Ja]/[Nei] and writes nothing. A statement about another named person
registers for that person only when the secretariat writes it; a member is told that each member
reports their own forfall. Questions are answered: who has forfall to a meeting, how to report one.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from handlers import forfall, forfall_texts
from handlers.forfall_meeting import Context as Choosing
from handlers.forfall_meeting import choose_meetings, target_person
from handlers.forfall_parse import ForfallMessage
from handlers.meeting_view import meeting_label
from handlers.scope import require_asker, today
from handlers.services import Context
from handlers.types import BulletList, Button, Buttons, Heading, Reply, Request, Text
from language.dates import DateQuery
from language.understanding import Understanding, understand
from storage import meeting_queries
from storage.models import Meeting

_SEVERAL_VALUE = re.compile(r"^\s*meetings:([\d,]+)((?:\s+\S+)*)\s*$")


def handle(req: Request, ctx: Context) -> Reply:
    """The message in req.args, understood and answered."""
    understood = understand(req.args, today=today(req, ctx.tz))
    return answer(req, ctx, understood)


def answer(req: Request, ctx: Context, u: Understanding) -> Reply:
    if u.intent == "question":
        return _question(req, ctx, u)
    if u.intent == "small_talk":
        return _say(forfall_texts.SMALL_TALK)
    if u.intent == "other_person":
        return _other(req, ctx, u)
    if u.intent == "conditional":
        return _conditional(req, ctx, u)
    if u.wants == "withdraw":
        if u.writes_at_once:
            return forfall.withdraw(req, ctx, _message(u, u.dates[0] if u.dates else None))
        return _confirm_withdraw(req, ctx, u)
    return _register(req, ctx, u)


def several(req: Request, ctx: Context) -> Reply:
    """The [Ja] of «Vil du melde forfall til disse møtene?»: each one registered, one reply."""
    m = _SEVERAL_VALUE.match(req.args)
    if m is None:
        return _say(forfall_texts.FORFALL_NO_SUCH_MEETING)
    rest = m[2].strip()
    values = [f"meeting:{i} {rest}".strip() for i in m[1].split(",") if i]
    replies = [forfall.register(Request(req.invocation, v, req.asker, req.now), ctx) for v in values]
    lines = tuple(r.fallback for r in replies)
    return Reply((Heading(forfall_texts.FORFALL_DONE_HEADING), BulletList(lines)), fallback="; ".join(lines))


def nothing(req: Request, ctx: Context) -> Reply:
    """The [Nei] of a confirmation, or small talk: nothing written."""
    if req.invocation.command:
        return _say(forfall_texts.NOTHING_DONE)
    return _say(forfall_texts.SMALL_TALK)


def _register(req: Request, ctx: Context, u: Understanding, *, person: str | None = None) -> Reply:
    if u.writes_at_once or (person is not None and u.sure and not u.several):
        return forfall.register(req, ctx, _message(u, u.dates[0] if u.dates else None, person=person))
    meetings = _meetings(req, ctx, u, person=person)
    target = target_person(ctx.session, _message(u, None, person=person), require_asker(req))
    extra = _extra(u, None if target.is_self else target.person_id)
    if len(meetings) > 1:
        ids = ",".join(str(m.id) for m in meetings)
        text = forfall_texts.CONFIRM_REGISTER_SEVERAL.format(count=len(meetings))
        items = tuple(meeting_label(m, ctx.tz) for m in meetings)
        return _ask(text, "forfall-flere", f"meetings:{ids}{extra}", items)
    label = meeting_label(meetings[0], ctx.tz)
    text = (
        forfall_texts.CONFIRM_REGISTER.format(meeting=label)
        if target.is_self
        else forfall_texts.CONFIRM_REGISTER_FOR.format(name=target.name, meeting=label)
    )
    return _ask(text, "forfall", f"meeting:{meetings[0].id}{extra}")


def _confirm_withdraw(req: Request, ctx: Context, u: Understanding) -> Reply:
    meetings = _meetings(req, ctx, u)
    label = meeting_label(meetings[0], ctx.tz)
    return _ask(
        forfall_texts.CONFIRM_WITHDRAW.format(meeting=label), "trekk-forfall", f"meeting:{meetings[0].id}"
    )


def _conditional(req: Request, ctx: Context, u: Understanding) -> Reply:
    if u.wants != "register" or not u.dates:
        return _say(forfall_texts.CONDITIONAL_LATER)
    meetings = _meetings(req, ctx, u)
    text = forfall_texts.CONFIRM_CONDITIONAL.format(meeting=meeting_label(meetings[0], ctx.tz))
    return _ask(text, "forfall", f"meeting:{meetings[0].id}{_extra(u, None)}")


def _other(req: Request, ctx: Context, u: Understanding) -> Reply:
    asker = require_asker(req)
    if u.person is not None and u.person.casefold() == asker.name.casefold():
        return _register(req, ctx, u)  # the asker wrote their own name
    if not asker.is_secretariat or u.person is None:
        text = (
            forfall_texts.OTHERS_OWN.format(name=u.person) if u.person else forfall_texts.OTHERS_OWN_UNNAMED
        )
        return _say(text)
    if u.wants == "withdraw":
        return forfall.withdraw(req, ctx, _message(u, u.dates[0] if u.dates else None, person=u.person))
    return _register(req, ctx, u, person=u.person)


def _question(req: Request, ctx: Context, u: Understanding) -> Reply:
    if u.topic == "mine":
        return forfall.mine(req, ctx)
    if u.topic == "deadline":
        return _say(forfall_texts.DEADLINE)
    if u.topic == "who" and u.dates:
        return _who(req, ctx, u)
    if u.topic == "who":
        return _say(forfall_texts.WHO_WHICH)
    return _say(forfall_texts.HOW)


def _who(req: Request, ctx: Context, u: Understanding) -> Reply:
    """Who has sent forfall to the meeting asked about; reasons only for the secretariat and the member."""
    asker = require_asker(req)
    meeting = _meetings(req, ctx, u)[0]
    label = meeting_label(meeting, ctx.tz)
    absent = meeting_queries.absences(ctx.session, meeting_id=meeting.id)
    if not absent:
        return _say(forfall_texts.WHO_NONE.format(meeting=label))
    items = tuple(
        forfall_texts.WHO_ITEM_REASON.format(name=a.person.name, reason=a.reason)
        if a.reason and (asker.is_secretariat or a.person_id == asker.person_id)
        else a.person.name
        for a in absent
    )
    heading = forfall_texts.WHO_HEADING.format(meeting=label)
    return Reply((Heading(heading), BulletList(items)), fallback=f"{heading}: {', '.join(items)}")


def _meetings(req: Request, ctx: Context, u: Understanding, *, person: str | None = None) -> list[Meeting]:
    """The meeting of each date (a refusal with choices, as the forfall command gives, when unclear)."""
    target = target_person(ctx.session, _message(u, None, person=person), require_asker(req))
    choosing = Choosing(ctx.session, target, "forfall", ctx.tz, req.now)
    return choose_meetings(choosing, [_message(u, q, person=person) for q in u.dates or (None,)], u.text)


def _message(u: Understanding, date: DateQuery | None, *, person: str | None = None) -> ForfallMessage:
    return ForfallMessage(person_name=person, date=date, reason=u.reason, substitute=u.vara, rest=u.text)


def _extra(u: Understanding, person_id: int | None) -> str:
    """The rest of a forfall button value: « person:7 grunn:… vara:…» (percent-encoded)."""
    parts = [f"person:{person_id}"] if person_id is not None else []
    parts += [f"{k}:{quote(v, safe='')}" for k, v in (("grunn", u.reason), ("vara", u.vara)) if v]
    return "".join(f" {p}" for p in parts)


def _ask(text: str, action: str, value: str, items: tuple[str, ...] = ()) -> Reply:
    yes = Button(forfall_texts.BUTTON_YES, action, value, "primary")
    no = Button(forfall_texts.BUTTON_NO, "nei", "")
    elements = (Text(text), *((BulletList(items),) if items else ()), Buttons((yes, no)))
    return Reply(elements, fallback=text)


def _say(text: str) -> Reply:
    return Reply((Text(text),), fallback=text)
