"""Body names as text: the folded key two spellings share, and the short forms a new body gets.

Pure functions (no database): «Regionrådet Nordhordland» → key «regionradet nordhordland», short
forms «regionrådet» and «NRR». The generic nouns below are the words Norwegian bodies are named
with; they are words of the language, not names of bodies.
"""

from __future__ import annotations

import re

from language.folding import body_stem, fold

# Generic nouns a body's name is built on (bokmål and nynorsk), folded, in their bare form.
GENERIC_NOUNS: tuple[str, ...] = (
    "rad", "styre", "utvalg", "utval", "gruppe", "gruppa", "nemnd", "forum", "komite", "komiteen",
    "representantskap", "samarbeid", "kollegium", "moteplass", "arbeidsutvalg", "arbeidsutval",
    "formannskap", "fylkesting", "styringsgruppe", "kontaktmote",
)  # fmt: skip
_DEFINITE = ("ene", "ets", "ens", "en", "et", "ne", "a", "i", "n", "t", "s")
_WORD = re.compile(r"[\wÆØÅæøå-]+")


def key(name: str) -> str:
    """The folded form two spellings of one name share: case, «å/ø/æ» and spacing aside."""
    return " ".join(fold(name).replace("-", " ").split())


def stem_key(name: str) -> str:
    """The key with each word's definite ending dropped: «Rådmannsgruppa» ~ «Rådmannsgruppen»."""
    return " ".join(body_stem(w) for w in key(name).split())


def _bare(word: str) -> str:
    folded = fold(word)
    for suffix in _DEFINITE:
        if folded.endswith(suffix) and folded[: -len(suffix)] in GENERIC_NOUNS:
            return folded[: -len(suffix)]
    return folded


def _generic_tail(word: str) -> str | None:
    """The generic noun a word ends in («regionrådet» → «rad»), when the word is longer than it."""
    bare = _bare(word)
    for noun in sorted(GENERIC_NOUNS, key=len, reverse=True):
        for form in (noun, *(noun + s for s in _DEFINITE)):
            if bare.endswith(form) and len(bare) > len(form):
                return noun
            if fold(word).endswith(form) and len(fold(word)) > len(form):
                return noun
    return None


def is_generic(word: str) -> bool:
    """True for a word that is or ends in a generic body noun («Styret», «regionrådet», «utvalet»)."""
    return _bare(word) in GENERIC_NOUNS or _generic_tail(word) is not None


def short_forms(name: str) -> list[str]:
    """Short forms of a body's name: its generic word when the rest is a place, and its initials.

    «Regionrådet Nordhordland» → «regionrådet», «NRR» (place first, the compound's parts after);
    «Vestlandsrådet» → none; «Rådmannsgruppen» → none. Initials need three letters or more.
    """
    words = _WORD.findall(name)
    if len(words) < 2:
        return []
    out: list[str] = []
    generic = [w for w in words if is_generic(w)]
    others = [w for w in words if not is_generic(w)]
    if len(words) == 2 and len(generic) == 1 and words[0] == generic[0]:
        out.append(generic[0].lower())  # «Regionrådet Nordhordland»: «regionrådet»
    connectors = any(w in ("i", "for", "og", "av", "på", "frå", "fra") for w in words)  # «Styret i …»
    letters = "".join(w[0] for w in others)
    for w in generic:
        tail = _generic_tail(w)
        letters += w[0] + (tail[0] if tail else "")
    if len(letters) >= 3 and others and not connectors:
        out.append(letters.upper())
    return [f for f in dict.fromkeys(out) if key(f) != key(name)]
