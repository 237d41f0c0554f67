"""The SQLite side of storage.search: FTS5 queries that stream newest first and stop early.

FTS5 reads `ORDER BY rowid DESC LIMIT n` straight off its doclists, but a prefix query («word*»)
first merges every matching term's doclist in full, so inflections are asked for as exact terms
(«samarbeid» OR «samarbeidet» OR …) instead.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from language.folding import fold_marks

# Norwegian inflection endings (nouns, adjectives, genitive): «plan» → «planen», «planene», «plans».
ENDINGS = ("", "e", "en", "et", "er", "a", "s", "ene", "ens", "ets", "ane", "ar")
STEM_MIN = 5  # an ending is stripped only when this much of the word remains
COMPOUND_MIN = 7  # a word this long may be part of a compound: look for it inside titles too


def stem(word: str) -> str:
    """The word without a known ending: «samarbeidet» → «samarbeid»."""
    for ending in sorted(ENDINGS, key=len, reverse=True):
        if ending and word.endswith(ending) and len(word) - len(ending) >= STEM_MIN:
            return word[: -len(ending)]
    return word


def fold(word: str) -> str:
    """A query word folded as the FTS5 index folds words (language.folding.fold_marks)."""
    return fold_marks(word)


def _forms(word: str) -> str:
    """An FTS5 expression for a word in any of its inflected forms (words are \\w+ only)."""
    if len(word) <= 3 or word.isdigit():
        return f'"{word}"'
    base = stem(word)
    forms = dict.fromkeys([word, *(base + e for e in ENDINGS)])
    return "(" + " OR ".join(f'"{f}"' for f in forms) + ")"


def _newest(session: Session, table: str, match: str, want: int) -> list[int]:
    sql = text(f"SELECT rowid FROM {table} WHERE {table} MATCH :m ORDER BY rowid DESC LIMIT :n")
    return list(session.scalars(sql, {"m": match, "n": want}))


def in_titles(session: Session, words: list[str], want: int) -> list[int]:
    """Saker with every word in the title, as a word or inside a compound; newest first."""
    ids = _newest(session, "sak_title_fts", " AND ".join(_forms(w) for w in words), want)
    if any(len(w) >= COMPOUND_MIN for w in words):
        inside = [f'"{w}"' for w in words if len(w) >= 3]  # the trigram index needs three letters
        ids += _newest(session, "sak_title_tri", " AND ".join(inside), want)
    return ids


def everywhere(session: Session, words: list[str], want: int) -> list[int]:
    """Saker with every word somewhere in title, vedtak, forslag or text; newest first."""
    return _newest(session, "sak_fts", " AND ".join(_forms(w) for w in words), want)


def any_words(session: Session, words: list[str], want: int) -> list[int]:
    """Saker with any of the words; newest first."""
    return _newest(session, "sak_fts", " OR ".join(_forms(w) for w in words), want)


def known(session: Session, word: str) -> bool:
    """True when some title has this (folded) word."""
    row = session.execute(text("SELECT 1 FROM sak_title_vocab WHERE term = :t"), {"t": word}).first()
    return row is not None


def vocabulary(session: Session, start: str, end: str) -> list[str]:
    """The title words from `start` up to `end` (folded, as the index keeps them)."""
    sql = text("SELECT term FROM sak_title_vocab WHERE term >= :a AND term < :b")
    return list(session.scalars(sql, {"a": start, "b": end}))
