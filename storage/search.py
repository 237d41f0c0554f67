"""Decision search: saker by number and by words (FTS5 on SQLite, tsvector + pg_trgm on PostgreSQL).

The indexes are built by migration 0002 and kept in sync by triggers. Ranking is in tiers, and
within a tier the newest sak (the highest id) comes first, so every step can stop after the page
it needs instead of scoring every match (bm25 / ts_rank over 100,000 matches took a second):
1. saker with every query word in the title, whole («kunst rett vest») or inside a compound
   («helsesamarbeid» in «Status kommunehelsesamarbeidet»);
2. saker with every word anywhere: title, vedtak, forslag or text;
3. when nothing has every word: the words corrected against the words of the titles (typos),
   then saker with any of the words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from language.sak_numbers import sak_label
from storage import search_pg, search_sqlite
from storage.db import is_postgres
from storage.models import Body, Document, Meeting, Sak, Treatment

# Objects of migration 0002 that live outside the models: autogenerate must not drop them.
SEARCH_TABLE_PREFIXES = ("sak_fts", "sak_title_", "sak_search", "search_")
SEARCH_INDEXES = frozenset({"ix_sak_search_title", "ix_sak_search_document", "ix_search_words_trgm"})

# Function words that carry no topic; the index keeps them, so dropping them only widens a query.
STOP_WORDS = frozenset({
    "og", "i", "om", "på", "til", "for", "av", "med", "det", "den", "de", "en", "et", "ei", "som",
    "er", "var", "ble", "har", "hadde", "at", "å", "fra", "ved", "etter", "hva", "hvem", "hvor",
    "når", "hvordan", "kva", "kven", "kor", "korleis", "eg", "jeg", "vi", "meg", "oss", "du", "dere",
    "seg", "sin", "sitt", "sine", "ikke", "ikkje", "nå", "no", "så", "men", "eller", "også", "der",
    "her", "denne", "dette", "disse",
})  # fmt: skip
MAX_WORDS = 8  # eight words say enough; more only slow the query
TYPO_MIN_SCORE = 80.0  # rapidfuzz ratio from a typed word to a title word


@dataclass(frozen=True)
class SakHit:
    """One sak as the vedtak reply shows it: the treatment with a vedtak wins over a forslag."""

    sak_id: int
    body: str
    number: int
    year: int
    title: str
    meeting_date: dt.date | None
    vedtak: str | None
    proposal: str | None
    source: str | None  # the file name of the document the shown treatment came from
    series: str = ""  # "" for the main series (language.sak_numbers)

    @property
    def label(self) -> str:
        return sak_label(self.series, self.number, self.year)


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic filter: leave the search objects of migration 0002 out of autogenerate."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_TABLE_PREFIXES)
    if type_ == "index":
        return name not in SEARCH_INDEXES
    return True


def query_words(query: str) -> list[str]:
    """The topic words of a query: lowercase, no punctuation, no function words, no repeats."""
    words = [w for w in re.findall(r"\w+", query.lower()) if w not in STOP_WORDS and len(w) > 1]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def saker_by_number(session: Session, *, number: int, year: int, series: str = "") -> list[SakHit]:
    """Every sak with this series, number and year (one per body that has it), by body name."""
    # The unique key leads with body_id; naming the bodies lets both databases use it.
    ids = session.scalars(
        select(Sak.id).where(
            Sak.body_id.in_(select(Body.id).scalar_subquery()),
            Sak.series == series,
            Sak.year == year,
            Sak.number == number,
        )
    ).all()
    return sorted(_hits(session, list(ids)), key=lambda h: h.body)


def search_saker(session: Session, *, query: str, limit: int, offset: int) -> list[SakHit]:
    """Saker matching `query`, best first (see the module's docstring): `limit` from `offset`."""
    words = query_words(query)
    if not words or limit <= 0 or offset < 0:
        return []
    engine = search_pg if is_postgres(session) else search_sqlite
    want = offset + limit  # each tier stops once it has this many
    ids = _tiers(session, engine, words, want)
    if not ids:
        corrected = _corrected(session, engine, words)
        if corrected != [engine.fold(w) for w in words]:
            ids = _tiers(session, engine, corrected, want)
        if not ids:
            ids = engine.any_words(session, corrected, want)
    return _hits(session, ids[offset:want])


def _tiers(session: Session, engine: Any, words: list[str], want: int) -> list[int]:
    """Tier 1 (every word in the title), then tier 2 (every word anywhere), newest first in each."""
    first = sorted(set(engine.in_titles(session, words, want)), reverse=True)[:want]
    seen = set(first)
    rest = [i for i in engine.everywhere(session, words, want + len(first)) if i not in seen]
    return (first + rest)[:want]


def _corrected(session: Session, engine: Any, words: list[str]) -> list[str]:
    """Each word that is in no title replaced by the closest title word with the same first two letters.

    The two letters keep the vocabulary read small; a typo in them is not corrected.
    """
    out = []
    for word in map(engine.fold, words):
        if len(word) < 4 or word.isdigit() or engine.known(session, word):
            out.append(word)
            continue
        start = word[:2]
        terms = engine.vocabulary(session, start, start[:-1] + chr(ord(start[-1]) + 1))
        best = process.extractOne(word, terms, scorer=fuzz.ratio, score_cutoff=TYPO_MIN_SCORE)
        out.append(best[0] if best else word)
    return out


def _hits(session: Session, ids: Sequence[int]) -> list[SakHit]:
    """SakHits for `ids`, in that order, each with its most telling treatment."""
    if not ids:
        return []
    rows = session.execute(
        select(Sak.id, Body.name, Sak.number, Sak.year, Sak.title, Sak.series)
        .add_columns(Meeting.date, Treatment.vedtak, Treatment.proposal, Document.file_name)
        .join(Body, Body.id == Sak.body_id)
        .outerjoin(Treatment, Treatment.sak_id == Sak.id)
        .outerjoin(Meeting, Meeting.id == Treatment.meeting_id)
        .outerjoin(Document, Document.id == Treatment.document_id)
        .where(Sak.id.in_(bindparam("ids", expanding=True))),
        {"ids": list(ids)},
    ).all()
    best: dict[int, tuple[tuple[int, dt.date], SakHit]] = {}
    for sak_id, body, number, year, title, series, date, vedtak, proposal, source in rows:
        # A vedtak beats a forslag beats a bare text; among equals the latest meeting.
        rank = (2 if vedtak else 1 if proposal else 0, date or dt.date.min)
        hit = SakHit(sak_id, body, number, year, title, date, vedtak, proposal, source, series)
        if sak_id not in best or rank > best[sak_id][0]:
            best[sak_id] = (rank, hit)
    return [best[i][1] for i in ids if i in best]
