"""Decision search: saker by number and by words (FTS5 on SQLite, tsvector + pg_trgm on PostgreSQL).

The indexes are built by migration 0002 and kept in sync by triggers. A word query asks for every
word as a prefix («samarbeid» finds «samarbeidet»), plus every word inside a title (compounds:
«helsesamarbeid» finds «Status kommunehelsesamarbeidet»); when nothing matches all words, any word
will do; when still nothing matches, titles that look like the query (typos).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from storage.db import is_postgres
from storage.models import Body, Document, Meeting, Sak, Treatment

# Objects of migration 0002 that live outside the models: autogenerate must not drop them.
SEARCH_TABLE_PREFIXES = ("sak_fts", "sak_title_tri", "sak_search")
SEARCH_INDEXES = frozenset({"ix_saker_title_trgm", "ix_sak_search_document"})

# Function words that carry no topic; the index keeps them, so dropping them only widens a query.
STOP_WORDS = frozenset({
    "og", "i", "om", "på", "til", "for", "av", "med", "det", "den", "de", "en", "et", "ei", "som",
    "er", "var", "ble", "har", "hadde", "at", "å", "fra", "ved", "etter", "hva", "hvem", "hvor",
    "når", "hvordan", "kva", "kven", "kor", "korleis", "eg", "jeg", "vi", "meg", "oss", "du", "dere",
    "seg", "sin", "sitt", "sine", "ikke", "ikkje", "nå", "no", "så", "men", "eller", "også", "der",
    "her", "denne", "dette", "disse",
})  # fmt: skip
TITLE_BONUS = 8.0  # every query word inside the title: ranks compounds with the best word hits
FUZZY_CANDIDATES = 200  # titles fetched by shared trigrams before rapidfuzz ranks them
FUZZY_MIN_SCORE = 80.0  # rapidfuzz partial_ratio; below this a title is not a typo of the query
FUZZY_MIN_SIMILARITY = 0.55  # pg_trgm word_similarity for the same purpose


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
    return list(dict.fromkeys(words))[:8]  # eight words say enough; more only slow the query


def saker_by_number(session: Session, *, number: int, year: int) -> list[SakHit]:
    """Every sak with this number and year (one per body that has it), by body name."""
    # The unique key leads with body_id; naming the bodies lets both databases use it.
    ids = session.scalars(
        select(Sak.id).where(
            Sak.body_id.in_(select(Body.id).scalar_subquery()), Sak.year == year, Sak.number == number
        )
    ).all()
    hits = _hits(session, list(ids))
    return sorted(hits, key=lambda h: h.body)


def search_saker(session: Session, *, query: str, limit: int, offset: int) -> list[SakHit]:
    """Saker ranked by how well they match `query`: best first, `limit` from `offset`."""
    words = query_words(query)
    if not words or limit <= 0:
        return []
    search = _search_pg if is_postgres(session) else _search_sqlite
    ids = search(session, words, "all", limit, offset)
    if not ids and offset == 0:
        ids = search(session, words, "any", limit, offset)
    if not ids:
        ids = _similar_titles(session, words)[offset : offset + limit]
    return _hits(session, ids)


def _search_sqlite(session: Session, words: list[str], mode: str, limit: int, offset: int) -> list[int]:
    joiner = " AND " if mode == "all" else " OR "
    # Each word is \w+ only, so quoting it is all the escaping FTS5 needs.
    fts = joiner.join(f'"{w}"*' if len(w) >= 3 else f'"{w}"' for w in words)
    title_words = [w for w in words if len(w) >= 3]
    parts = [
        "SELECT rowid AS sak_id, bm25(sak_fts, 10.0, 4.0, 4.0, 1.0) AS score "
        "FROM sak_fts WHERE sak_fts MATCH :fts"
    ]
    params: dict[str, Any] = {"fts": fts, "limit": limit, "offset": offset, "bonus": -TITLE_BONUS}
    if title_words and mode == "all":
        parts.append("SELECT rowid, :bonus FROM sak_title_tri WHERE sak_title_tri MATCH :tri")
        params["tri"] = " AND ".join(f'"{w}"' for w in title_words)
    # MATERIALIZED: flattened into the grouping query, bm25() would refuse to run.
    sql = (
        f"WITH hits AS MATERIALIZED ({' UNION ALL '.join(parts)}) SELECT sak_id FROM hits "
        "GROUP BY sak_id ORDER BY sum(score), sak_id DESC LIMIT :limit OFFSET :offset"
    )
    return list(session.scalars(text(sql), params))


def _search_pg(session: Session, words: list[str], mode: str, limit: int, offset: int) -> list[int]:
    joiner = " & " if mode == "all" else " | "
    tsquery = joiner.join(f"{w}:*" for w in words)
    params: dict[str, Any] = {"tsq": tsquery, "limit": limit, "offset": offset, "bonus": TITLE_BONUS}
    parts = [
        "SELECT sak_id, ts_rank(document, q, 1) AS score FROM sak_search, "
        "to_tsquery('norwegian', :tsq) AS q WHERE document @@ q"
    ]
    title_words = [w for w in words if len(w) >= 3]
    if title_words and mode == "all":
        likes = " AND ".join(f"title ILIKE :like{i}" for i in range(len(title_words)))
        parts.append(f"SELECT id, CAST(:bonus AS real) FROM saker WHERE {likes}")
        for i, word in enumerate(title_words):
            params[f"like{i}"] = "%" + word.replace("\\", "").replace("_", "\\_") + "%"
    sql = (
        f"SELECT sak_id FROM ({' UNION ALL '.join(parts)}) AS hits GROUP BY sak_id "
        "ORDER BY sum(score) DESC, sak_id DESC LIMIT :limit OFFSET :offset"
    )
    return list(session.scalars(text(sql), params))


def _similar_titles(session: Session, words: list[str]) -> list[int]:
    """Saker whose title looks like the query (typos), best first; at most FUZZY_CANDIDATES."""
    phrase = " ".join(words)
    if len(phrase) < 4:
        return []
    if is_postgres(session):
        sql = text(
            "SELECT id FROM saker WHERE :q <% title "
            "ORDER BY word_similarity(:q, title) DESC, id DESC LIMIT :n"
        )
        # `<%` uses the trigram index only with the threshold as a setting, not as a parameter.
        session.execute(
            text("SELECT set_config('pg_trgm.word_similarity_threshold', :t, true)"),
            {"t": str(FUZZY_MIN_SIMILARITY)},
        )
        return list(session.scalars(sql, {"q": phrase, "n": FUZZY_CANDIDATES}))
    trigrams = {phrase[i : i + 3] for i in range(len(phrase) - 2)} - {"   "}
    tri = " OR ".join('"' + t.replace('"', '""') + '"' for t in sorted(trigrams) if t.strip())
    rows = session.execute(
        text(
            "SELECT sak_title_tri.rowid, saker.title FROM sak_title_tri "
            "JOIN saker ON saker.id = sak_title_tri.rowid "
            "WHERE sak_title_tri MATCH :tri ORDER BY bm25(sak_title_tri) LIMIT :n"
        ),
        {"tri": tri, "n": FUZZY_CANDIDATES},
    ).all()
    scored = [(fuzz.partial_ratio(phrase, title.lower()), sak_id) for sak_id, title in rows]
    scored.sort(key=lambda s: (-s[0], -s[1]))
    return [sak_id for score, sak_id in scored if score >= FUZZY_MIN_SCORE]


def _hits(session: Session, ids: Sequence[int]) -> list[SakHit]:
    """SakHits for `ids`, in that order, each with its most telling treatment."""
    if not ids:
        return []
    rows = session.execute(
        select(Sak.id, Body.name, Sak.number, Sak.year, Sak.title)
        .add_columns(Meeting.date, Treatment.vedtak, Treatment.proposal, Document.file_name)
        .join(Body, Body.id == Sak.body_id)
        .outerjoin(Treatment, Treatment.sak_id == Sak.id)
        .outerjoin(Meeting, Meeting.id == Treatment.meeting_id)
        .outerjoin(Document, Document.id == Treatment.document_id)
        .where(Sak.id.in_(bindparam("ids", expanding=True))),
        {"ids": list(ids)},
    ).all()
    best: dict[int, tuple[tuple[int, dt.date], SakHit]] = {}
    for sak_id, body, number, year, title, date, vedtak, proposal, source in rows:
        # A vedtak beats a forslag beats a bare text; among equals the latest meeting.
        rank = (2 if vedtak else 1 if proposal else 0, date or dt.date.min)
        hit = SakHit(sak_id, body, number, year, title, date, vedtak, proposal, source)
        if sak_id not in best or rank > best[sak_id][0]:
            best[sak_id] = (rank, hit)
    return [best[i][1] for i in ids if i in best]
