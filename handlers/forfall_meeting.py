"""Which meeting a forfall message means, and for whom; every doubt becomes a question, not a guess."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers import forfall_texts, texts
from handlers.forfall_parse import ForfallMessage
from handlers.identity import find_person
from handlers.meeting_view import has_started, meeting_label, meeting_short
from handlers.scope import mentioned_bodies
from handlers.types import Asker, BadInput, Button, NotAllowed, NotFound, Offer, Question
from language.dates import DateQuery
from storage import directory, meeting_queries
from storage.models import Body, Meeting, Person


@dataclass(frozen=True)
class ForfallFor:
    """The person the forfall is for: the asker, or someone the secretariat names."""

    person_id: int
    name: str
    is_self: bool

    @property
    def who(self) -> str:
        return forfall_texts.FORFALL_WHO_YOU if self.is_self else self.name

    @property
    def who_cap(self) -> str:
        return forfall_texts.FORFALL_WHO_YOU_CAP if self.is_self else self.name

    def value(self, meeting: Meeting) -> str:
        """A button value naming the meeting (and the person, when it is not the asker)."""
        return f"meeting:{meeting.id}" if self.is_self else f"meeting:{meeting.id} person:{self.person_id}"


def target_person(session: Session, msg: ForfallMessage, asker: Asker) -> ForfallFor:
    """The asker, unless the secretariat names someone else («forfall for Per Kierulf 7.12»)."""
    person: Person | None = None
    if msg.person_id is not None and msg.person_id != asker.person_id:
        person = session.get(Person, msg.person_id)
        if person is None:
            raise NotFound(forfall_texts.FORFALL_NO_SUCH_MEETING)
    elif msg.person_name is not None:
        person = find_person(session, msg.person_name)
    if person is None or person.id == asker.person_id:
        return ForfallFor(asker.person_id, asker.name, True)
    if not asker.is_secretariat:
        raise NotAllowed(forfall_texts.FORFALL_OTHERS_NOT_ALLOWED)
    return ForfallFor(person.id, person.name, False)


@dataclass(frozen=True)
class Context:
    """What choosing a meeting needs besides the message."""

    session: Session
    target: ForfallFor
    action: str  # the command a choice button runs: "forfall" or "trekk-forfall"
    tz: ZoneInfo
    now: dt.datetime

    @property
    def today(self) -> dt.date:
        return self.now.astimezone(self.tz).date()


def choose_meeting(ctx: Context, msg: ForfallMessage, text: str) -> Meeting:
    """The one meeting meant; raises a refusal (nothing registered) when it is not clear."""
    return choose_meetings(ctx, (msg,), text)[0]


def choose_meetings(ctx: Context, msgs: Sequence[ForfallMessage], text: str) -> list[Meeting]:
    """The meeting each message means, each once, in order; a refusal when any is not clear.

    The asker's bodies and those the text names are read once, and each distinct date looked up
    once: a message may name twenty dates (twenty of the same «7.12» cost 100 ms when each was
    looked up on its own).
    """
    mine = directory.bodies_of(ctx.session, person_id=ctx.target.person_id)
    bodies: list[Body] | None = None
    seen: set[tuple[object, ...]] = set()
    found: list[Meeting] = []
    for msg in msgs:
        query = msg.date
        key = (msg.meeting_id, *((query.kind, query.day, query.month, query.invalid) if query else ()))
        if key in seen:
            continue
        seen.add(key)
        if msg.meeting_id is not None:
            meeting = _by_id(ctx, msg.meeting_id, mine)
        else:
            if not mine:
                raise NotFound(
                    texts.NO_BODIES
                    if ctx.target.is_self
                    else forfall_texts.FORFALL_WHO_OTHER_NOT_MEMBER.format(name=ctx.target.name)
                )
            bodies = _bodies(ctx, text, mine) if bodies is None else bodies
            meeting = _by_date(ctx, query, bodies, all_mine=len(bodies) == len(mine))
        if meeting.id not in {m.id for m in found}:
            found.append(meeting)
    return found


def _by_date(ctx: Context, query: DateQuery | None, bodies: list[Body], *, all_mine: bool) -> Meeting:
    ids = [b.id for b in bodies]
    if query is not None and query.invalid:
        raise BadInput(forfall_texts.FORFALL_INVALID_DATE.format(date=query.invalid))
    if query is not None and query.kind == "day" and query.day is not None:
        return _on_day(ctx, query.day, ids)
    if query is not None and query.kind == "month" and query.month is not None:
        return _in_month(ctx, query.month, ids)
    coming = meeting_queries.next_meetings(ctx.session, body_ids=ids, after=ctx.today)
    coming = [m for m in coming if not has_started(m, ctx.now, ctx.tz)] or coming
    if not coming:
        raise NotFound(forfall_texts.FORFALL_NO_UPCOMING.format(who_cap=ctx.target.who_cap))
    if query is None and all_mine and len(coming) > 1:
        raise _question(ctx, forfall_texts.FORFALL_WHICH, coming)
    return coming[0]


def _by_id(ctx: Context, meeting_id: int, mine: Sequence[Body]) -> Meeting:
    meeting = meeting_queries.meeting(ctx.session, meeting_id=meeting_id)
    if meeting is None or meeting.status == "cancelled":
        raise NotFound(forfall_texts.FORFALL_NO_SUCH_MEETING)
    if meeting.body_id not in {b.id for b in mine}:
        raise NotAllowed(_not_member(ctx, meeting.body))
    return meeting


def _bodies(ctx: Context, text: str, mine: Sequence[Body]) -> list[Body]:
    named = mentioned_bodies(text, directory.all_bodies(ctx.session))
    mine_ids = {b.id for b in mine}
    for body in named:
        if body.id not in mine_ids:
            raise NotAllowed(_not_member(ctx, body))
    return named or list(mine)


def _not_member(ctx: Context, body: Body) -> str:
    if ctx.target.is_self:
        return texts.NOT_MEMBER.format(body=body.name)
    return forfall_texts.FORFALL_PERSON_NOT_MEMBER.format(name=ctx.target.name, body=body.name)


def _on_day(ctx: Context, day: dt.date, ids: list[int]) -> Meeting:
    found = meeting_queries.meetings_between(ctx.session, body_ids=ids, first=day, last=day)
    if day < ctx.today:
        if found:
            raise BadInput(forfall_texts.FORFALL_PAST.format(meeting=meeting_label(found[0], ctx.tz)))
        raise BadInput(forfall_texts.FORFALL_PAST_DAY.format(date=texts.weekday_date(day)))
    if not found:
        when = texts.weekday_date(day)
        message = forfall_texts.FORFALL_NO_MEETING_DAY.format(who_cap=ctx.target.who_cap, date=when)
        raise _nearest(ctx, message, day, ids)
    if len(found) > 1:
        raise _question(ctx, forfall_texts.FORFALL_WHICH_SAME_DAY.format(date=texts.weekday_date(day)), found)
    return found[0]


def _in_month(ctx: Context, month: tuple[int, int], ids: list[int]) -> Meeting:
    first = dt.date(month[0], month[1], 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    name = texts.month_year(*month)
    if last < ctx.today:
        raise BadInput(forfall_texts.FORFALL_PAST_DAY.format(date=name))
    found = meeting_queries.meetings_between(
        ctx.session, body_ids=ids, first=max(first, ctx.today), last=last
    )
    if not found:
        message = forfall_texts.FORFALL_NO_MEETING_MONTH.format(who_cap=ctx.target.who_cap, month=name)
        raise _nearest(ctx, message, first, ids)
    if len(found) > 1:
        raise _question(ctx, forfall_texts.FORFALL_WHICH_MONTH.format(month=name), found)
    return found[0]


def _nearest(ctx: Context, message: str, around: dt.date, ids: list[int]) -> NotFound:
    near = meeting_queries.nearest_meetings(ctx.session, body_ids=ids, around=around, today=ctx.today)
    if not near:
        return NotFound(message)
    return Offer(
        f"{message} {forfall_texts.FORFALL_NEAREST}",
        suggestions=tuple(meeting_label(m, ctx.tz) for m in near),
        buttons=_buttons(ctx, near),
    )


def _question(ctx: Context, message: str, meetings: Sequence[Meeting]) -> Question:
    return Question(
        message,
        suggestions=tuple(meeting_label(m, ctx.tz) for m in meetings),
        buttons=_buttons(ctx, meetings),
    )


def _buttons(ctx: Context, meetings: Sequence[Meeting]) -> tuple[Button, ...]:
    return tuple(Button(meeting_short(m), ctx.action, ctx.target.value(m)) for m in meetings)
