"""Forfall: register at once (with «Angre»), withdraw («trekk forfall»), list («mine forfall»)."""

from __future__ import annotations

from handlers import forfall_texts, meeting_texts
from handlers.forfall_meeting import Context as Choosing
from handlers.forfall_meeting import ForfallFor, choose_meeting, target_person
from handlers.forfall_parse import ForfallMessage, parse_forfall
from handlers.meeting_view import has_started, meeting_label, meeting_short
from handlers.scope import mentioned_bodies, require_asker, today
from handlers.services import Context
from handlers.types import (
    BadInput,
    BulletList,
    Button,
    Buttons,
    Element,
    Facts,
    Heading,
    Note,
    NotFound,
    Question,
    Reply,
    Request,
    Text,
)
from language.folding import body_stem
from storage import directory, meeting_queries
from storage import forfall as store
from storage.models import Meeting


def _read(req: Request, ctx: Context) -> ForfallMessage:
    """The message read, knowing the body names (so «styringsgruppemøtet» is no date or name)."""
    stems = tuple(body_stem(n) for b in directory.all_bodies(ctx.session) for n in b.names)
    return parse_forfall(req.args, today=today(req, ctx.tz), body_words=stems)


def register(req: Request, ctx: Context, msg: ForfallMessage | None = None) -> Reply:
    """«forfall 7.12 pga sykdom, Kari Nordmann møter for meg»: registered at once, or a clear refusal.

    `msg` is the message already understood (handlers.forfall_message); without it, req.args is read.
    """
    asker = require_asker(req)
    session = ctx.session
    msg = msg or _read(req, ctx)
    target = target_person(session, msg, asker)
    choosing = Choosing(session, target, "forfall", ctx.tz, req.now)
    meeting = choose_meeting(choosing, msg, msg.rest or req.args)
    label = meeting_label(meeting, ctx.tz)
    if has_started(meeting, req.now, ctx.tz):
        raise BadInput(forfall_texts.FORFALL_PAST.format(meeting=label))
    done = store.register_absence(
        session,
        meeting_id=meeting.id,
        person_id=target.person_id,
        reason=msg.reason,
        substitute_name=msg.substitute,
        registered_by_id=asker.person_id,
        now=req.now,
    )
    reason, substitute = done.attendance.reason, done.attendance.substitute_name
    undo = Buttons((Button(meeting_texts.BUTTON_UNDO, "trekk-forfall", target.value(meeting), "danger"),))
    if done.outcome == "unchanged":
        message = forfall_texts.FORFALL_ALREADY.format(who_cap=target.who_cap, meeting=label)
        return Reply((Text(message), undo), fallback=message)
    heading = (
        forfall_texts.FORFALL_DONE_HEADING
        if done.outcome == "created"
        else forfall_texts.FORFALL_UPDATED_HEADING
    )
    template = forfall_texts.FORFALL_DONE if done.outcome == "created" else forfall_texts.FORFALL_UPDATED
    done_text = template.format(who=target.who, meeting=label)
    elements: list[Element] = [Heading(heading), Text(done_text)]
    facts = _details(reason, substitute, secretariat=not target.is_self)
    if facts:
        elements.append(Facts(facts))
    elements += [undo, Note(forfall_texts.FORFALL_CHECK)]
    return Reply(tuple(elements), fallback=forfall_texts.FORFALL_DONE_FALLBACK.format(meeting=label))


def withdraw(req: Request, ctx: Context, msg: ForfallMessage | None = None) -> Reply:
    """«trekk forfall 7.12» or the «Angre» button: the chat forfall is removed."""
    asker = require_asker(req)
    session = ctx.session
    msg = msg or _read(req, ctx)
    target = target_person(session, msg, asker)
    choosing = Choosing(session, target, "trekk-forfall", ctx.tz, req.now)
    meeting = _meeting_to_withdraw(choosing, msg, req.args)
    label = meeting_label(meeting, ctx.tz)
    row = meeting_queries.attendance_of(session, meeting_id=meeting.id, person_id=target.person_id)
    if row is None or row.status != "absent":
        raise NotFound(forfall_texts.WITHDRAW_NONE.format(who_cap=target.who_cap, meeting=label))
    if has_started(meeting, req.now, ctx.tz):
        raise BadInput(forfall_texts.WITHDRAW_PAST.format(meeting=label))
    if row.origin != "chat":
        raise BadInput(forfall_texts.WITHDRAW_FROM_MINUTES.format(meeting=label))
    store.withdraw_absence(session, meeting_id=meeting.id, person_id=target.person_id, now=req.now)
    message = forfall_texts.WITHDRAWN.format(who=target.who, meeting=label)
    again = Buttons((Button(meeting_texts.BUTTON_FORFALL, "forfall", target.value(meeting)),))
    return Reply((Heading(forfall_texts.WITHDRAWN_HEADING), Text(message), again), fallback=message)


def _meeting_to_withdraw(ctx: Choosing, msg: ForfallMessage, text: str) -> Meeting:
    """The meeting named; with nothing named, the one forfall there is (or a question which)."""
    if msg.meeting_id is not None or msg.date is not None or _names_body(ctx, text):
        return choose_meeting(ctx, msg, msg.rest or text)
    mine = [
        m for a, m in meeting_queries.forfall_of(ctx.session, person_id=ctx.target.person_id, after=ctx.today)
    ]
    mine = [m for m in mine if not has_started(m, ctx.now, ctx.tz)]
    if not mine:
        raise NotFound(forfall_texts.WITHDRAW_NONE_AT_ALL.format(who_cap=ctx.target.who_cap))
    if len(mine) > 1:
        buttons = tuple(Button(meeting_short(m), "trekk-forfall", ctx.target.value(m)) for m in mine)
        labels = tuple(meeting_label(m, ctx.tz) for m in mine)
        raise Question(forfall_texts.WITHDRAW_WHICH, buttons=buttons, suggestions=labels)
    return mine[0]


def _names_body(ctx: Choosing, text: str) -> bool:
    return bool(mentioned_bodies(text, directory.all_bodies(ctx.session)))


def mine(req: Request, ctx: Context) -> Reply:
    """«mine forfall»: the asker's forfall to coming meetings, with reason and vara, each withdrawable."""
    asker = require_asker(req)
    target = ForfallFor(asker.person_id, asker.name, True)
    session = ctx.session
    rows = meeting_queries.forfall_of(session, person_id=asker.person_id, after=today(req, ctx.tz))
    items = []
    buttons = []
    for absence, meeting in rows:
        details = []
        if absence.reason:
            details.append(forfall_texts.MINE_REASON.format(reason=absence.reason))
        if absence.substitute_name:
            details.append(forfall_texts.MINE_SUBSTITUTE.format(name=absence.substitute_name))
        label = meeting_label(meeting, ctx.tz)
        joined = "; ".join(details)
        items.append(forfall_texts.MINE_ITEM.format(meeting=label, details=joined) if details else label)
        name = meeting_texts.BUTTON_WITHDRAW.format(meeting=meeting_short(meeting))
        buttons.append(Button(name, "trekk-forfall", target.value(meeting)))
    if not items:
        return Reply((Text(forfall_texts.MINE_NONE),), fallback=forfall_texts.MINE_NONE)
    return Reply(
        (Heading(forfall_texts.MINE_HEADING), BulletList(tuple(items)), Buttons(tuple(buttons))),
        fallback=forfall_texts.MINE_FALLBACK.format(count=len(items)),
    )


def _details(reason: str | None, substitute: str | None, *, secretariat: bool) -> tuple[tuple[str, str], ...]:
    facts: list[tuple[str, str]] = []
    if reason:
        label = (
            forfall_texts.FORFALL_LABEL_REASON_SECRETARIAT
            if secretariat
            else forfall_texts.FORFALL_LABEL_REASON
        )
        facts.append((label, reason))
    if substitute:
        facts.append((forfall_texts.FORFALL_LABEL_SUBSTITUTE, substitute))
    return tuple(facts)
