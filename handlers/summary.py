"""The channel summary after each meeting: vedtak, what is still open and why, the next meeting.

The post itself goes through the reminder loop (storage/summaries.py queues it); here are its
text, the secretariat's «Publiser» and the per-body setting (on, off, or after «Publiser»).
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers import secretariat_chat_texts as texts
from handlers import texts as core
from handlers.chat_common import resolve_body, staff_only
from handlers.meeting_view import meeting_label
from handlers.open_saker import open_reason
from handlers.services import Context, Services
from handlers.types import (
    BadInput,
    BulletList,
    Button,
    Buttons,
    Element,
    Heading,
    NotFound,
    Reply,
    Request,
    Text,
)
from language.dates import parse_date_expression
from language.folding import fold
from storage import body_settings, directory, meeting_queries, summaries
from storage import plan as plan_store
from storage.db import unit_of_work
from storage.models import Body, Meeting

SHOWN = 10  # vedtak and open saker each; the renderers cut further where a platform needs it
LINE = 160  # characters of a vedtak shown on its line
_MEETING_VALUE = re.compile(r"^meeting:(\d+)$")
_MODES = (
    (re.compile(r"(?<![a-z])av(?![a-z])"), "off"),
    (re.compile(r"(?<![a-z])publiser"), "publish"),
    (re.compile(r"(?<![a-z])(pa|on)(?![a-z])"), "on"),
)


def compose(session: Session, meeting: Meeting, *, now: dt.datetime, tz: ZoneInfo) -> Reply:
    """The post: heading, one line per vedtak with «Vis vedtak», the saker left open, the next meeting."""
    body = meeting.body
    day = core.weekday_date(meeting.date)
    elements: list[Element] = [Heading(texts.SUMMARY_HEADING.format(body=body.name, date=day))]
    decided = summaries.decisions(session, meeting_id=meeting.id)
    if decided:
        items = tuple(
            texts.SUMMARY_VEDTAK_ITEM.format(sak=d.label, title=d.title, vedtak=_line(d.vedtak))
            for d in decided[:SHOWN]
        )
        elements.append(BulletList(items, texts.SUMMARY_VEDTAK_TITLE))
        if len(decided) > SHOWN:
            elements.append(Text(texts.SUMMARY_MORE.format(count=len(decided) - SHOWN)))
        elements.append(
            Buttons(
                tuple(
                    Button(
                        texts.BUTTON_SHOW_VEDTAK.format(sak=d.label),
                        "vedtak",
                        f"{d.label} {body.name}",
                    )
                    for d in decided[:5]
                )
            )
        )
    else:
        elements.append(Text(texts.SUMMARY_NO_VEDTAK))
    still_open = summaries.open_from(session, meeting=meeting, limit=SHOWN)
    if still_open:
        names = {b.id: b.name for b in directory.all_bodies(session)}
        elements.append(BulletList(tuple(_open_item(o, names) for o in still_open), texts.SUMMARY_OPEN_TITLE))
    after = meeting.date + dt.timedelta(days=1)
    coming = meeting_queries.next_meetings(
        session, body_ids=[body.id], after=max(after, now.astimezone(tz).date())
    )
    nxt = texts.SUMMARY_NEXT.format(meeting=meeting_label(coming[0], tz)) if coming else texts.SUMMARY_NO_NEXT
    elements.append(Text(nxt))
    fallback = texts.SUMMARY_FALLBACK.format(
        body=body.name, date=core.short_date(meeting.date), count=len(decided)
    )
    return Reply(tuple(elements), private=False, fallback=fallback)


def _line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= LINE else flat[: LINE - 1].rsplit(" ", 1)[0] + " …"


def _open_item(item: summaries.StillOpen, names: dict[int, str]) -> str:
    why = open_reason(item.kind, item.waits_for_body_id, names)
    return texts.SUMMARY_OPEN_ITEM.format(
        number=item.number, year=item.year, title=item.title, reason=why, quote=_line(item.sentence)
    )


def publish_button(meeting_id: int) -> Button:
    """«Publiser»: the secretariat sends a meeting's summary to the channel."""
    return Button(texts.BUTTON_PUBLISH, "publiser", f"meeting:{meeting_id}", "primary")


def publish(req: Request, ctx: Context) -> Reply:
    """«Publiser» (button value «meeting:ID») or «publiser Styringsgruppen 7.12»."""
    services = ctx.services
    staff_only(req)
    now = services.clock()
    session = ctx.session
    meeting = _meeting(session, req, services)
    label = meeting_label(meeting, services.tz)
    outcome = summaries.queue_summary(session, meeting=meeting, now=now, publish=True)
    if outcome == "not_held":
        raise BadInput(texts.PUBLISH_NOT_HELD.format(meeting=label))
    if outcome == "no_channel":
        raise BadInput(texts.PUBLISH_NO_CHANNEL.format(body=meeting.body.name))
    if outcome == "already":
        already = texts.PUBLISH_ALREADY.format(meeting=label)
        return Reply((Text(already),), fallback=already)
    channels = [
        f"{c.platform}:{c.channel_id}" for c in plan_store.channels_of(session, body_id=meeting.body_id)
    ]
    line = texts.PUBLISH_QUEUED.format(meeting=label, channels=core.join_names(channels))
    return Reply((Text(line),), fallback=line)


def _meeting(session: Session, req: Request, services: Services) -> Meeting:
    match = _MEETING_VALUE.match(req.args.strip())
    if match:
        meeting = meeting_queries.meeting(session, meeting_id=int(match[1]))
    else:
        query = parse_date_expression(req.args, today=req.now.astimezone(services.tz).date())
        if query is None or query.day is None:
            raise NotFound(texts.PUBLISH_NO_MEETING)
        body: Body = resolve_body(session, req, req.args)
        meeting = plan_store.meeting_on(session, body_id=body.id, date=query.day)
        if meeting is None and query.day.year > req.now.year - 1:
            # «7.12» reads as the coming 7 December; minutes are of the past one.
            meeting = plan_store.meeting_on(
                session, body_id=body.id, date=query.day.replace(year=query.day.year - 1)
            )
    if meeting is None:
        raise NotFound(texts.PUBLISH_NO_MEETING)
    return meeting


def summary_mode(req: Request, ctx: Context) -> Reply:
    """«oppsummering på», «oppsummering av», «oppsummering ved publisering» [organ]."""
    staff_only(req)
    words = " ".join(fold(req.args).split())
    mode = next((m for pattern, m in _MODES if pattern.search(words)), None)
    if mode is None:
        raise BadInput(texts.SUMMARY_MODE_BAD)
    session = ctx.session
    body = resolve_body(session, req, req.args)
    body_settings.set_summary_mode(session, body=body, mode=mode)
    line = texts.SUMMARY_MODE_SET[mode].format(body=body.name)
    return Reply((Text(line),), fallback=line)


def after_import(
    services: Services, *, kind: str | None, body: str | None, date: dt.date | None
) -> Reply | None:
    """Queue the summary of minutes just imported, as the body's setting says; a note for the importer.

    Returns None when nothing is to be said (not minutes, summaries off, a catch-up import).
    """
    if kind != "referat":
        return None
    with unit_of_work(services.factory) as session:
        meeting, outcome = summaries.queue_after_import(session, body=body, date=date, now=services.clock())
        if meeting is None:
            return None
        if outcome == "queued":
            channels = [
                f"{c.platform}:{c.channel_id}"
                for c in plan_store.channels_of(session, body_id=meeting.body_id)
            ]
            line = texts.AFTER_IMPORT_QUEUED.format(channels=core.join_names(channels))
            return Reply((Text(line),), fallback=line)
        if outcome == "publish":
            line = texts.AFTER_IMPORT_PUBLISH.format(
                body=meeting.body.name, date=core.short_date(meeting.date)
            )
            return Reply((Text(line), Buttons((publish_button(meeting.id),))), fallback=line)
    return None
