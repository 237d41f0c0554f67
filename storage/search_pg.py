"""The PostgreSQL side of storage.search: tsvector('norwegian') and pg_trgm, newest first.

The norwegian configuration stems («samarbeidet» → «samarbeid») and drops function words, so the
words go in as they are; every word is \\w+ only, which to_tsquery takes without quoting. A word
that may be part of a compound also brings the title words that hold it, found through the
trigram index on `search_words` (the words of every title, kept by a trigger).

«Newest first» has two good plans and the planner cannot tell them apart: a common word is found
at once by walking the primary key backwards, a rare one only through the GIN index (walking
backwards then reads the whole table: seconds at 1M saker). So each step first looks among the
RECENT newest saker; only when that does not fill the page does it ask the index, with bitmap
scans forced: by then the word is known to be rare, and a bitmap over few rows is cheap.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

RECENT = 4000  # newest saker looked through before the index is asked
COMPOUND_MIN = 7  # a word this long may be part of a compound: look for the title words holding it
COMPOUND_FORMS = 30  # at most this many of them


def _newest(
    session: Session, table: str, key: str, where: str, params: dict[str, object], want: int
) -> list[int]:
    """Up to `want` ids from `table` matching `where`, highest first (see the module docstring)."""
    params = {**params, "n": want, "recent": RECENT}
    recent = (
        f"SELECT {key} FROM (SELECT * FROM {table} ORDER BY {key} DESC LIMIT :recent) AS r "
        f"WHERE {where} ORDER BY {key} DESC LIMIT :n"
    )
    ids = list(session.scalars(text(recent), params))
    if len(ids) >= want:
        return ids
    session.execute(text("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off"))
    try:
        every = f"SELECT {key} FROM {table} WHERE {where} ORDER BY {key} DESC LIMIT :n"
        return list(session.scalars(text(every), params))
    finally:
        session.execute(text("RESET enable_seqscan; RESET enable_indexscan"))


def fold(word: str) -> str:
    """No folding here (language.folding says why): the norwegian configuration keeps æ, ø and å."""
    return word


def _groups(session: Session, words: list[str]) -> list[list[str]]:
    """Each word with the title words it is part of: «helsesamarbeid» → «kommunehelsesamarbeidet» …"""
    groups = []
    for word in words:
        forms = [word]
        if len(word) >= COMPOUND_MIN:
            like = "%" + word.replace("_", "\\_") + "%"
            sql = text("SELECT word FROM search_words WHERE word LIKE :p ORDER BY word LIMIT :cap")
            forms += session.scalars(sql, {"p": like, "cap": COMPOUND_FORMS})
        groups.append(list(dict.fromkeys(forms)))
    return groups


def _tsquery(groups: list[list[str]], joiner: str) -> str:
    return joiner.join("(" + " | ".join(forms) + ")" for forms in groups)


def in_titles(session: Session, words: list[str], want: int) -> list[int]:
    """Saker with every word in the title, as a word or inside a compound; newest first."""
    query = _tsquery(_groups(session, words), " & ")
    return _newest(
        session, "sak_search", "sak_id", "title @@ to_tsquery('norwegian', :q)", {"q": query}, want
    )


def everywhere(session: Session, words: list[str], want: int) -> list[int]:
    """Saker with every word (or a compound holding it) in title, vedtak, forslag or text; newest first."""
    return _matching(session, _tsquery(_groups(session, words), " & "), want)


def any_words(session: Session, words: list[str], want: int) -> list[int]:
    """Saker with any of the words; newest first."""
    return _matching(session, _tsquery(_groups(session, words), " | "), want)


def _matching(session: Session, tsquery: str, want: int) -> list[int]:
    where = "document @@ to_tsquery('norwegian', :q)"
    return _newest(session, "sak_search", "sak_id", where, {"q": tsquery}, want)


def known(session: Session, word: str) -> bool:
    """True when some title has this word."""
    row = session.execute(text("SELECT 1 FROM search_words WHERE word = :w"), {"w": word}).first()
    return row is not None


def vocabulary(session: Session, start: str, end: str) -> list[str]:
    """The title words from `start` up to `end`."""
    sql = text("SELECT word FROM search_words WHERE word >= :a AND word < :b")
    return list(session.scalars(sql, {"a": start, "b": end}))
