"""Åpne saker: every sak still open, with the sentence that keeps it open, quoted from the source.

The rules (read off the seeds' vedtak):
(a) a forslag til vedtak and no vedtak for that sak at any meeting;
(b) a vedtak sentence in which the body recommends («anbefaler styringsgruppen å …», «anbefaler
    at …»): open until a later vedtak in the body named (any other body when none is named) treats
    the same sak, by the same title or by citing its number («sak 14/2016»);
(c) a vedtak sentence that hands on a task or puts the matter on a later meeting («bes», «ber … om
    å», «informerer i», «tas opp», «legges fram»): open until minutes of a later meeting of the body
    named (else the sak's own body) are imported, no earlier than a month or date it names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from handlers import texts
from handlers.common import body_stem, fold, mentioned_bodies, pick_bodies, require_asker
from handlers.dates import MONTHS
from handlers.services import Services
from handlers.types import BulletList, Element, Heading, Note, Reply, Request, Text
from storage import queries
from storage.db import unit_of_work
from storage.models import Body, Treatment

RECOMMENDS = re.compile(r"\banbefaler\b")
TASK = re.compile(r"\bbes\b|\bber\b.{1,60}\bom å\b|\binformerer i\b|\btas opp\b|\blegges (fram|frem)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"])|\n+")
_MONTH_YEAR = re.compile(rf"\b({'|'.join(n for n in MONTHS if len(n) > 3)})\s+(\d{{4}})\b")
_DAY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


@dataclass(frozen=True)
class OpenReason:
    """Why one sak is open: the kind (proposal | recommends | task), the sentence, whom it waits for."""

    kind: str
    sentence: str
    waits_for: Body | None = None
    not_before: dt.date | None = None


def sentences(text: str) -> list[str]:
    """The sentences of a vedtak, whitespace collapsed."""
    return [" ".join(s.split()) for s in _SENTENCE_END.split(text) if s and s.strip()]


def reasons_in(treatment: Treatment, bodies: Sequence[Body]) -> list[OpenReason]:
    """The candidate reasons in one treatment, before checking what has happened since."""
    if treatment.vedtak is None:
        if treatment.proposal:
            return [OpenReason("proposal", sentences(treatment.proposal)[0])]
        return []
    out: list[OpenReason] = []
    own = treatment.sak.body
    for sentence in sentences(treatment.vedtak):
        lowered = sentence.lower()
        if RECOMMENDS.search(lowered):
            other = [b for b in _addressed(sentence, bodies) if b.id != own.id]
            out.append(OpenReason("recommends", sentence, other[0] if other else None))
        elif TASK.search(lowered):
            named = _addressed(sentence, bodies)
            out.append(OpenReason("task", sentence, named[0] if named else own, _not_before(lowered)))
    return out


def _addressed(sentence: str, bodies: Sequence[Body]) -> list[Body]:
    """Bodies named in the sentence, except one that is its subject («Rådmannsgruppen ber …»)."""
    named = mentioned_bodies(sentence, bodies)
    first = fold(sentence.split()[0]) if sentence.split() else ""
    return [b for b in named if not first.startswith(body_stem(b.name))]


def _not_before(lowered: str) -> dt.date | None:
    """«i desember 2017» → 2017-12-01; «16.6.2016» → that day."""
    m = _MONTH_YEAR.search(lowered)
    if m:
        return dt.date(int(m[2]), MONTHS[m[1]], 1)
    d = _DAY.search(lowered)
    if d:
        try:
            return dt.date(int(d[3]), int(d[2]), int(d[1]))
        except ValueError:
            return None
    return None


def still_open(
    session: Session,
    treatment: Treatment,
    reason: OpenReason,
    bodies: Sequence[Body],
    latest_held: dict[int, dt.date],
) -> bool:
    """False once what the reason waits for is in the database (a forslag is checked in the query)."""
    day = treatment.meeting.date
    if reason.kind == "proposal":
        return True
    if reason.kind == "recommends":
        sak = treatment.sak
        others = [reason.waits_for.id] if reason.waits_for else [b.id for b in bodies if b.id != sak.body_id]
        return not queries.decided_elsewhere(
            session, body_ids=others, after=day, title=sak.title, number=sak.number, year=sak.year
        )
    assert reason.waits_for is not None
    since = max(day + dt.timedelta(days=1), reason.not_before or day)
    latest = latest_held.get(reason.waits_for.id)
    return latest is None or latest < since


def open_saker(req: Request, services: Services) -> Reply:
    """Open saker per body, oldest first, each with its quoted reason."""
    asker = require_asker(req)
    elements: list[Element] = []
    count = 0
    with unit_of_work(services.factory) as session:
        every = queries.all_bodies(session)
        mine = queries.bodies_of(session, person_id=asker.person_id)
        chosen = pick_bodies(req.args, mine=mine, every=every, only_mine=False)
        if not chosen:
            return Reply((Text(texts.NO_BODIES),), fallback=texts.NO_BODIES, kind="refusal")
        by_body: dict[int, list[str]] = {b.id: [] for b in chosen}
        latest = queries.latest_held(session)
        for treatment in queries.treatments_for_open_saker(session, body_ids=list(by_body)):
            for reason in reasons_in(treatment, every):
                if still_open(session, treatment, reason, every, latest):
                    by_body[treatment.sak.body_id].append(_item(treatment, reason))
        for body in chosen:
            items = by_body[body.id]
            count += len(items)
            if items:
                elements.append(Heading(texts.SAKER_HEADING_BODY.format(body=body.name)))
                elements.append(BulletList(tuple(items)))
    if not count:
        message = texts.SAKER_NONE.format(bodies=texts.join_names([b.name for b in chosen]))
        return Reply((Text(message),), fallback=message)
    elements.append(Note(texts.SAKER_NOTE))
    return Reply(tuple(elements), fallback=texts.SAKER_FALLBACK.format(count=count))


def _item(treatment: Treatment, reason: OpenReason) -> str:
    if reason.kind == "proposal":
        why = texts.SAKER_REASON_PROPOSAL
    elif reason.kind == "recommends":
        why = (
            texts.SAKER_REASON_RECOMMENDS.format(body=reason.waits_for.name)
            if reason.waits_for
            else texts.SAKER_REASON_RECOMMENDS_UNKNOWN
        )
    else:
        assert reason.waits_for is not None
        why = texts.SAKER_REASON_TASK.format(body=reason.waits_for.name)
    sak = treatment.sak
    return texts.SAKER_ITEM.format(
        number=sak.number,
        year=sak.year,
        title=sak.title,
        body=sak.body.name,
        date=texts.short_date(treatment.meeting.date),
        reason=why,
        quote=reason.sentence,
    )
