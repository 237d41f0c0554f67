"""Vedtak: a sak by number («24/2016», «sak 24/16», «03/2018») or a ranked search by words.

Buttons: «Vis vedtak» sends action `vedtak` with value «24/2016 Rådmannsgruppen» (number and
body); «Flere treff» sends action `vedtak-mer` with value «<offset>|<query>», read by `more`.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from handlers import texts, vedtak_texts
from handlers.scope import mentioned_bodies
from handlers.services import Context
from handlers.types import (
    BadInput,
    Button,
    Buttons,
    Element,
    Facts,
    Heading,
    Note,
    NotFound,
    Reply,
    Request,
    Text,
)
from language.sak_numbers import find_sak_number, sak_label
from storage.models import Body
from storage.search import SakHit, query_words, saker_by_number, search_saker

PAGE = 3  # hits per reply: each carries its vedtak, so more would bury the best one
EXCERPT = 300  # characters of a vedtak shown in a search hit; «Vis vedtak» shows the rest
MORE_ACTION = "vedtak-mer"

BARE_NUMBER = re.compile(r"^(?:saka?|saken|nr\.?)?\s*(\d{1,3})$", re.I)
# The question around the topic: «hva ble vedtatt om …», «vedtaket i sak …»; never a topic itself.
FRAMING = frozenset({
    "vedtak", "vedtaket", "vedtakene", "vedtatt", "vedteke", "vedtok", "vedtekne", "bestemt",
    "besluttet", "bestemte", "ble", "blei", "vart", "sak", "saka", "saken", "saker", "nr",
    "angående", "ang", "gjelder",
})  # fmt: skip


def vedtak(req: Request, ctx: Context) -> Reply:
    """A sak by number (every body that has it), or the best matches for the words given."""
    text = req.args.strip()
    found = find_sak_number(text)
    if found:
        series, number, written = found
        return _by_number(series, number, _year(written, req.now.astimezone(ctx.tz).year), text, ctx)
    bare = BARE_NUMBER.match(text.strip(" ?.!"))
    if bare:
        year = req.now.astimezone(ctx.tz).year
        raise BadInput(vedtak_texts.VEDTAK_NEED_YEAR.format(number=bare[1], year=year))
    query = topic(text)
    if not query:
        raise BadInput(vedtak_texts.VEDTAK_USAGE)
    return _search(query, 0, ctx)


def more(req: Request, ctx: Context) -> Reply:
    """The next page of a word search: the «Flere treff» button's value is «<offset>|<query>»."""
    offset, sep, query = req.args.partition("|")
    offset = offset.strip()  # ASCII digits only: «²».isdigit() holds, but int() refuses it
    if not sep or not (offset.isascii() and offset.isdigit()) or len(offset) > 6 or not query.strip():
        raise BadInput(vedtak_texts.VEDTAK_MORE_USAGE)
    return _search(query.strip(), int(offset), ctx)


def topic(text: str) -> str:
    """The topic words of a question: «hva ble vedtatt om kunst rett vest?» → «kunst rett vest»."""
    return " ".join(w for w in query_words(text) if w not in FRAMING)


def _year(text: str, this_year: int) -> int:
    """«16» → 2016, «98» → 1998: two digits mean the hundred years up to next year."""
    if len(text) != 2:
        return int(text)
    year = this_year // 100 * 100 + int(text)
    return year - 100 if year > this_year + 1 else year


def _by_number(series: str, number: int, year: int, text: str, ctx: Context) -> Reply:
    session = ctx.session
    hits = saker_by_number(session, series=series, number=number, year=year)
    sak = sak_label(series, number, year)
    named = {b.name for b in mentioned_bodies(text, session.scalars(select(Body)).all())}
    if not hits:
        raise NotFound(vedtak_texts.VEDTAK_NUMBER_NOT_FOUND.format(sak=sak))
    if named:
        hits = [h for h in hits if h.body in named]
        if not hits:
            bodies = texts.join_names(sorted(named))
            raise NotFound(vedtak_texts.VEDTAK_NUMBER_NOT_IN_BODY.format(sak=sak, bodies=bodies))
    elements: list[Element] = []
    if len(hits) > 1:
        elements.append(Text(vedtak_texts.VEDTAK_IN_BODIES.format(sak=sak, count=len(hits))))
    for hit in hits:
        elements.extend(_hit(hit, full=True))
    fallback = vedtak_texts.VEDTAK_FALLBACK_ONE.format(sak=sak, title=hits[0].title)
    return Reply(tuple(elements), fallback=fallback)


def _search(query: str, offset: int, ctx: Context) -> Reply:
    session = ctx.session
    hits = search_saker(session, query=query, limit=PAGE + 1, offset=offset)
    if not hits:
        if offset:
            raise NotFound(vedtak_texts.VEDTAK_NO_MORE.format(query=query))
        raise NotFound(
            vedtak_texts.VEDTAK_NO_HITS.format(query=query), suggestions=(vedtak_texts.VEDTAK_NO_HITS_HINT,)
        )
    heading = vedtak_texts.VEDTAK_SEARCH_MORE_HEADING if offset else vedtak_texts.VEDTAK_SEARCH_HEADING
    elements: list[Element] = [Heading(heading.format(query=query))]
    for hit in hits[:PAGE]:
        elements.extend(_hit(hit, full=False))
    if len(hits) > PAGE:
        value = f"{offset + PAGE}|{query}"
        elements.append(Buttons((Button(vedtak_texts.VEDTAK_BUTTON_MORE, MORE_ACTION, value),)))
    numbers = ", ".join(h.label for h in hits[:PAGE])
    return Reply(
        tuple(elements), fallback=vedtak_texts.VEDTAK_FALLBACK_MANY.format(query=query, numbers=numbers)
    )


def _hit(hit: SakHit, *, full: bool) -> list[Element]:
    """Heading, body and meeting, the vedtak (or the forslag, marked), and the source document."""
    facts = [(vedtak_texts.VEDTAK_LABEL_BODY, hit.body)]
    if hit.meeting_date is not None:
        facts.append((vedtak_texts.VEDTAK_LABEL_MEETING, texts.meeting_date(hit.meeting_date)))
    out: list[Element] = [
        Heading(vedtak_texts.VEDTAK_SAK_HEADING.format(sak=hit.label, title=hit.title)),
        Facts(tuple(facts)),
    ]
    decision = hit.vedtak or hit.proposal
    shown = decision if full or decision is None else _excerpt(decision)
    if shown is None:
        out.append(Text(vedtak_texts.VEDTAK_NONE_RECORDED))
    elif hit.vedtak:
        out.append(Text(vedtak_texts.VEDTAK_TEXT.format(text=shown)))
    else:
        out.append(Text(vedtak_texts.VEDTAK_PROPOSAL_TEXT.format(text=shown)))
    if hit.source:
        out.append(Note(vedtak_texts.VEDTAK_SOURCE.format(file=hit.source)))
    if shown != decision:
        label = vedtak_texts.VEDTAK_BUTTON_SHOW.format(sak=hit.label)
        value = f"{hit.label} {hit.body}"
        out.append(Buttons((Button(label, "vedtak", value),)))
    return out


def _excerpt(text: str) -> str:
    """The first EXCERPT characters, cut at a word."""
    if len(text) <= EXCERPT:
        return text
    return text[:EXCERPT].rsplit(maxsplit=1)[0] + " …"
