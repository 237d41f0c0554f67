"""The PostgreSQL side of storage.search: tsvector('norwegian') and pg_trgm, newest first.

The norwegian configuration stems («samarbeidet» → «samarbeid») and drops function words, so the
words go in as they are; every word is \\w+ only, which to_tsquery takes without quoting.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

TYPO_MIN_SIMILARITY = 0.5  # pg_trgm similarity from a typed word to a title word
COMPOUND_MIN = 7  # a word this long may be part of a compound: look for it inside titles too


def _newest(session: Session, sql: str, params: dict[str, object]) -> list[int]:
    return list(session.scalars(text(sql), params))


def in_titles(session: Session, words: list[str], want: int) -> list[int]:
    """Saker with every word in the title, as a word or inside a compound; newest first."""
    ids = _newest(
        session,
        "SELECT id FROM saker WHERE to_tsvector('norwegian', title) @@ to_tsquery('norwegian', :q) "
        "ORDER BY id DESC LIMIT :n",
        {"q": " & ".join(words), "n": want},
    )
    inside = [w for w in words if len(w) >= 3]  # the trigram index needs three letters
    if any(len(w) >= COMPOUND_MIN for w in words):
        likes = " AND ".join(f"title ILIKE :w{i}" for i in range(len(inside)))
        params: dict[str, object] = {f"w{i}": "%" + w.replace("_", "\\_") + "%" for i, w in enumerate(inside)}
        params["n"] = want
        ids += _newest(session, f"SELECT id FROM saker WHERE {likes} ORDER BY id DESC LIMIT :n", params)
    return ids


def everywhere(session: Session, words: list[str], want: int) -> list[int]:
    """Saker with every word somewhere in title, vedtak, forslag or text; newest first."""
    return _matching(session, " & ".join(words), want)


def any_words(session: Session, words: list[str], want: int) -> list[int]:
    """Saker with any of the words; newest first."""
    return _matching(session, " | ".join(words), want)


def _matching(session: Session, tsquery: str, want: int) -> list[int]:
    return _newest(
        session,
        "SELECT sak_id FROM sak_search WHERE document @@ to_tsquery('norwegian', :q) "
        "ORDER BY sak_id DESC LIMIT :n",
        {"q": tsquery, "n": want},
    )


def corrected(session: Session, words: list[str]) -> list[str]:
    """Each word not in any title replaced by the most similar title word (pg_trgm)."""
    out = []
    for word in words:
        if len(word) < 4 or word.isdigit() or _known(session, word):
            out.append(word)
            continue
        # `%` uses the trigram index only with the threshold as a setting, not as a parameter.
        threshold = {"t": str(TYPO_MIN_SIMILARITY)}
        session.execute(text("SELECT set_config('pg_trgm.similarity_threshold', :t, true)"), threshold)
        best = session.scalars(
            text(
                "SELECT word FROM search_words WHERE word % :w "
                "ORDER BY similarity(word, :w) DESC, word LIMIT 1"
            ),
            {"w": word},
        ).first()
        out.append(best or word)
    return out


def _known(session: Session, word: str) -> bool:
    row = session.execute(text("SELECT 1 FROM search_words WHERE word = :w"), {"w": word}).first()
    return row is not None
