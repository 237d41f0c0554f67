"""Folding: how two spellings of a Norwegian word are made to compare equal.

There are two foldings, on purpose:
- `fold` is the ASCII twin the bot compares names and words with: lowercase, «å» → «a», «ø» → «o»,
  «æ» → «ae», accents dropped. A member without æøå on the keyboard writes «moteplan», «Radmannsgruppen».
- `fold_marks` is what SQLite's FTS5 index (unicode61 remove_diacritics 2) keeps: combining marks go
  («å» → «a», «é» → «e») but «ø» and «æ» are letters of their own and stay. A query must be folded
  the way the index was, or it misses. PostgreSQL's norwegian configuration keeps all three, so
  search there compares words as typed (lowercased) and needs no folding.
"""

from __future__ import annotations

import unicodedata

_ASCII = str.maketrans({"å": "a", "ø": "o", "æ": "ae", "é": "e", "è": "e", "ê": "e", "ó": "o", "ò": "o"})
BODY_ENDINGS = ("ene", "en", "et", "a")  # definite forms: «-gruppen», «-gruppa», «-rådet», «-ene»
BODY_STEM_MIN = 5  # an ending is stripped only when this much of the name remains


def fold(text: str) -> str:
    """Lowercase ASCII twin: «Møteplan» → «moteplan», «Rådmannsgruppen» → «radmannsgruppen»."""
    lowered = unicodedata.normalize("NFC", text).lower().translate(_ASCII)
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def fold_marks(word: str) -> str:
    """As FTS5's unicode61 remove_diacritics 2 keeps a word: «rådmann» → «radmann»; ø and æ stay."""
    decomposed = unicodedata.normalize("NFKD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def body_stem(name: str) -> str:
    """«Styringsgruppen» → «styringsgrupp»: matches -gruppa, -gruppemøtet, -gruppens."""
    stem = fold(name)
    for suffix in BODY_ENDINGS:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= BODY_STEM_MIN:
            return stem[: -len(suffix)]
    return stem
