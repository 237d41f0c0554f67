"""Helpers shared by the member commands: local dates, meeting labels, body names in text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers import texts
from handlers.types import (
    Ambiguous,
    Asker,
    BulletList,
    Button,
    Element,
    Facts,
    NotAllowed,
    NotFound,
    Request,
    Text,
)
from storage import queries
from storage.models import Body, Meeting
from storage.open_rules import body_stem, fold  # one folding of body names for the whole bot


class Question(Ambiguous):
    """An Ambiguous that offers the answers as buttons («Hvilket møte?»)."""

    def __init__(self, message: str, *, buttons: tuple[Button, ...], suggestions: tuple[str, ...] = ()):
        super().__init__(message, suggestions=suggestions)
        self.buttons = buttons


class Offer(NotFound):
    """A NotFound that offers the nearest alternatives as buttons («Nærmeste møter: …»)."""

    def __init__(self, message: str, *, buttons: tuple[Button, ...], suggestions: tuple[str, ...] = ()):
        super().__init__(message, suggestions=suggestions)
        self.buttons = buttons


def today(req: Request, tz: ZoneInfo) -> dt.date:
    """The asker's local date."""
    return req.now.astimezone(tz).date()


def require_asker(req: Request) -> Asker:
    """The asker; the registry answers unlinked users before a handler runs, so this is a guard."""
    if req.asker is None:
        raise NotAllowed(texts.UNLINKED_SHORT)
    return req.asker


def local_times(meeting: Meeting, tz: ZoneInfo) -> tuple[dt.time | None, dt.time | None]:
    """Start and end as local wall-clock times, None when not known."""
    start = meeting.starts_at.astimezone(tz).time() if meeting.starts_at else None
    end = meeting.ends_at.astimezone(tz).time() if meeting.ends_at else None
    return start, end


def meeting_when(meeting: Meeting, tz: ZoneInfo) -> str:
    """«torsdag 7. desember 2017 kl. 10.00–12.30» (no time when not known)."""
    span = texts.time_span(*local_times(meeting, tz))
    day = texts.weekday_date(meeting.date)
    return f"{day} {span}" if span else day


def meeting_facts(meeting: Meeting, tz: ZoneInfo, *, when: str) -> Facts:
    """«Når», «Tid» and (when known) «Sted» of a meeting: the same in answers and reminders."""
    start, end = local_times(meeting, tz)
    facts: list[tuple[str, str]] = [(texts.LABEL_WHEN, when)]
    facts.append((texts.LABEL_TIME, texts.time_span(start, end) or texts.TIME_UNKNOWN))
    if meeting.location:
        facts.append((texts.LABEL_PLACE, meeting.location))
    return Facts(tuple(facts))


def agenda_element(session: Session, meeting: Meeting) -> Element:
    """The saksliste as a list, or a line saying it is not known yet."""
    agenda = queries.agenda(session, meeting_id=meeting.id)
    if not agenda:
        return Text(texts.AGENDA_UNKNOWN)
    items = tuple(
        texts.AGENDA_ITEM.format(number=t.sak.number, year=t.sak.year, title=t.sak.title) for t in agenda
    )
    return BulletList(items, title=texts.AGENDA_TITLE)


def meeting_label(meeting: Meeting, tz: ZoneInfo) -> str:
    """«Styringsgruppen, torsdag 7. desember 2017 kl. 10.00–12.30»."""
    return texts.MEETING_LABEL.format(body=meeting.body.name, when=meeting_when(meeting, tz))


def meeting_short(meeting: Meeting) -> str:
    """«Styringsgruppen 07.12.2017» (for buttons)."""
    return f"{meeting.body.name} {texts.short_date(meeting.date)}"


def has_started(meeting: Meeting, now: dt.datetime, tz: ZoneInfo) -> bool:
    """True when the meeting has begun (or its day has passed, when no time is known)."""
    if meeting.starts_at is not None:
        return meeting.starts_at <= now
    return meeting.date < now.astimezone(tz).date()


# --- Body names in free text --------------------------------------------------------------------


def _stems(body: Body) -> list[str]:
    """The stems of a body's name and of every alias the database holds for it («regionrad», «nrr»)."""
    return [body_stem(name) for name in body.names]


def _names(body: Body, folded: str) -> bool:
    # An alias of a few letters («NRR») must stand as a word; a longer stem takes endings.
    return any(
        re.search(rf"(?<![a-z]){re.escape(stem)}" + (r"(?![a-z])" if len(stem) <= 4 else ""), folded)
        for stem in _stems(body)
    )


def mentioned_bodies(text: str, bodies: Sequence[Body]) -> list[Body]:
    """The bodies named in `text` by name or alias, in the order given."""
    folded = fold(text)
    return [b for b in bodies if _names(b, folded)]


def strip_bodies(text: str, bodies: Sequence[Body]) -> str:
    """`text` without words naming a body (the date parser knows no body names)."""
    words = text.split()
    stems = [stem for b in bodies for stem in _stems(b)]
    kept = [w for w in words if not any(fold(w).lstrip("«(\"'").startswith(s) for s in stems)]
    return " ".join(kept)


def pick_bodies(
    text: str, *, mine: Sequence[Body], every: Sequence[Body], only_mine: bool = True
) -> list[Body]:
    """The bodies the text names (with `only_mine`, each one of `mine`), else all of `mine`."""
    named = mentioned_bodies(text, every)
    if not named:
        return list(mine)
    if not only_mine:
        return named
    mine_ids = {b.id for b in mine}
    foreign = [b for b in named if b.id not in mine_ids]
    if foreign:
        raise NotAllowed(texts.NOT_MEMBER.format(body=foreign[0].name))
    return named
