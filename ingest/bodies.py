"""The bodies møtebot knows and the many ways Norwegian text names them.

Kept free of everything else so that handlers (free-text commands) and ingest (documents) share
one definition: «Rådmannsgruppens møte», «møte i Styringsgruppen», «styringsgruppemøtet»,
«rådmannsgruppa», «Vestregionens styringsgruppe» all name a canonical body.
"""

from __future__ import annotations

import re

RAADMANNSGRUPPEN = "Rådmannsgruppen"
STYRINGSGRUPPEN = "Styringsgruppen"

BODIES: tuple[str, ...] = (RAADMANNSGRUPPEN, STYRINGSGRUPPEN)

# One pattern per body. The stem carries the meaning; the endings cover the definite and
# genitive forms (-en, -ens, -a, -as, bare -e) and compounds with «møte» («styringsgruppemøtet»).
# «rådmannsmøte(t)» is how the minutes themselves refer to a Rådmannsgruppen meeting.
_GROUP = r"(?:gruppemøte\w*|grupp(?:en|ens|e|a|as|ene|enes))"
_FORMS: dict[str, str] = {
    RAADMANNSGRUPPEN: rf"rådmanns(?:{_GROUP}|møte(?:t|ts|r|ne)?)",
    STYRINGSGRUPPEN: rf"styrings{_GROUP}",
}

_PATTERNS: dict[str, re.Pattern[str]] = {
    body: re.compile(rf"(?<!\w){form}(?!\w)", re.IGNORECASE) for body, form in _FORMS.items()
}
_AT_START: dict[str, re.Pattern[str]] = {
    body: re.compile(rf"\s*{form}(?!\w)", re.IGNORECASE) for body, form in _FORMS.items()
}


def find_body(text: str) -> str | None:
    """The canonical name of the first body the text names, or None."""
    best: tuple[int, str] | None = None
    for body, pattern in _PATTERNS.items():
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), body)
    return best[1] if best else None


def find_bodies(text: str) -> tuple[str, ...]:
    """Every canonical body the text names, in the order of their first mention."""
    found: list[tuple[int, str]] = []
    for body, pattern in _PATTERNS.items():
        match = pattern.search(text)
        if match:
            found.append((match.start(), body))
    return tuple(body for _, body in sorted(found))


def body_at_start(text: str) -> str | None:
    """The canonical body named by the first word of the text («Styringsgruppen – ordinært møte»)."""
    for body, pattern in _AT_START.items():
        if pattern.match(text):
            return body
    return None
