"""Åpne saker: every sak still open, with the sentence that keeps it open, quoted from the source.

The rules live in language/open_rules.py (the loader stores each treatment's candidates); the query
storage.open_queries.open_items keeps those still open. At most PER_BODY items are shown per body.
"""

from __future__ import annotations

from handlers import meeting_texts, texts
from handlers.scope import pick_bodies, require_asker
from handlers.services import Context
from handlers.types import BulletList, Element, Heading, Note, Reply, Request, Text
from storage import directory, open_queries

PER_BODY = 25
COUNT_UP_TO = 200  # beyond this, «… og over N til»: counting thousands would cost every reply


def open_saker(req: Request, ctx: Context) -> Reply:
    """Open saker per body, oldest first, each with its quoted reason."""
    asker = require_asker(req)
    elements: list[Element] = []
    session = ctx.session
    every = directory.all_bodies(session)
    mine = directory.bodies_of(session, person_id=asker.person_id)
    chosen = pick_bodies(req.args, mine=mine, every=every, only_mine=False)
    if not chosen:
        return Reply((Text(texts.NO_BODIES),), fallback=texts.NO_BODIES, kind="refusal")
    rows, totals = open_queries.open_items(
        session, body_ids=[b.id for b in chosen], limit_per_body=PER_BODY, count_up_to=COUNT_UP_TO
    )
    names = {b.id: b.name for b in every}
    by_body: dict[int, list[str]] = {b.id: [] for b in chosen}
    for row in rows:
        by_body[row.body_id].append(_item(row, names))
    for body in chosen:
        items = by_body[body.id]
        if items:
            elements.append(Heading(meeting_texts.SAKER_HEADING_BODY.format(body=body.name)))
            elements.append(BulletList(tuple(items)))
            more = totals[body.id] - len(items)
            if totals[body.id] >= COUNT_UP_TO:
                elements.append(Text(meeting_texts.SAKER_MORE_OVER.format(count=more)))
            elif more > 0:
                elements.append(Text(meeting_texts.SAKER_MORE.format(count=more)))
    count = sum(totals.values())  # at most COUNT_UP_TO a body
    if not count:
        message = meeting_texts.SAKER_NONE.format(bodies=texts.join_names([b.name for b in chosen]))
        return Reply((Text(message),), fallback=message)
    elements.append(Note(meeting_texts.SAKER_NOTE))
    capped = any(total >= COUNT_UP_TO for total in totals.values())
    fallback = meeting_texts.SAKER_FALLBACK_OVER if capped else meeting_texts.SAKER_FALLBACK
    return Reply(tuple(elements), fallback=fallback.format(count=count))


def open_reason(kind: str, waits_for_body_id: int | None, names: dict[int, str]) -> str:
    """Why a sak is still open: a forslag with no vedtak, a recommendation, or a task for a body."""
    waits_for = names.get(waits_for_body_id) if waits_for_body_id is not None else None
    if kind == "proposal":
        return meeting_texts.SAKER_REASON_PROPOSAL
    if kind == "recommends":
        if waits_for:
            return meeting_texts.SAKER_REASON_RECOMMENDS.format(body=waits_for)
        return meeting_texts.SAKER_REASON_RECOMMENDS_UNKNOWN
    return meeting_texts.SAKER_REASON_TASK.format(body=waits_for)


def _item(row: open_queries.OpenSak, names: dict[int, str]) -> str:
    why = open_reason(row.kind, row.waits_for_body_id, names)
    return meeting_texts.SAKER_ITEM.format(
        number=row.number,
        year=row.year,
        title=row.title,
        body=names[row.body_id],
        date=texts.short_date(row.meeting_date),
        reason=why,
        quote=row.sentence,
    )
