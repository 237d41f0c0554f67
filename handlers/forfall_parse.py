"""Reading a forfall message: which meeting, for whom, why, and who stands in (bokmål and nynorsk)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from language.dates import DateQuery, parse_date_expression
from language.folding import fold

# A name as people write it: two or more capitalised words («Kari Nordmann», «Per R. Berger»).
# At most five words, so that searching for one stays linear in the message.
_NAME = r"[A-ZÆØÅ][\wæøåÆØÅ.'-]*(?:\s+(?:[A-ZÆØÅ][\wæøåÆØÅ.'-]*|de|van|von)){0,3}\s+[A-ZÆØÅ][\wæøåÆØÅ.'-]*"

# A button or a filled-in form: «meeting:12», «meeting:12 person:7», «meeting:12 grunn:… vara:…»
# (reason and vara percent-encoded, so a form loses none of the member's punctuation).
BUTTON_VALUE = re.compile(r"^\s*meeting:(\d+)(?:\s+person:(\d+))?(?:\s+grunn:(\S+))?(?:\s+vara:(\S+))?\s*$")
_STANDS_IN = (
    r"\s+(?:møter|stiller|kommer|kjem|møter opp|går)\s+"
    r"(?:for meg|i stedet(?: for meg)?|i staden(?: for meg)?|som vara)\b"
)
# After a comma any words name the vara (a form may send «kari nordmann»); without one, only a
# capitalised name does, so «Jeg har forfall 7.12 og Kari Nordmann møter for meg» still reads right.
SUBSTITUTE_CLAUSE = re.compile(
    rf"(?:^|[,;]\s*)(?P<name>[^\W\d][\w.'-]*(?:\s+[\w.'-]+){{0,4}}?){_STANDS_IN}", re.I
)
SUBSTITUTE = re.compile(rf"(?P<name>{_NAME}){_STANDS_IN}")
SUBSTITUTE_VARA = re.compile(rf"\bvara(?:\s*:|\s+er|\s+blir|\s+vert)?\s+(?P<name>{_NAME})")
REASON = re.compile(
    r"\b(?:pga\.?|p\.g\.a\.?|på grunn av|grunnet|grunna|fordi|årsak:|grunn:)\s*(?P<reason>[^,;.!?]+)",
    re.I,
)
# «forfall for Per Kierulf 7.12», or «for Per Kierulf 7.12» once the command word is gone.
FOR_PERSON = re.compile(rf"(?:\bforfall\s+|^\s*)for\s+(?P<name>{_NAME})")


def form_value(meeting_id: int, *, reason: str = "", vara: str = "") -> str:
    """A filled-in forfall form (Slack modal, Teams card) as the value the forfall command reads."""
    parts = [f"meeting:{meeting_id}"]
    for key, words in (("grunn", reason), ("vara", vara)):
        cleaned = " ".join(words.split())
        if cleaned:
            parts.append(f"{key}:{quote(cleaned, safe='')}")
    return " ".join(parts)


def _decoded(value: str | None) -> str | None:
    return " ".join(unquote(value).split()) or None if value else None


@dataclass(frozen=True)
class ForfallMessage:
    """What a forfall message says; `rest` is the text left for finding the date and the body."""

    meeting_id: int | None = None
    person_id: int | None = None
    person_name: str | None = None
    date: DateQuery | None = None
    reason: str | None = None
    substitute: str | None = None
    rest: str = ""


def parse_forfall(text: str, *, today: dt.date, body_words: tuple[str, ...] = ()) -> ForfallMessage:
    """Pull out the vara, the reason and «for NAME», then read the date from what is left.

    `body_words` are folded body stems: words starting with one are not a date or a name.
    """
    button = BUTTON_VALUE.match(text)
    if button:
        return ForfallMessage(
            meeting_id=int(button[1]),
            person_id=int(button[2]) if button[2] else None,
            reason=_decoded(button[3]),
            substitute=_decoded(button[4]),
        )
    rest = text
    substitute = None
    for pattern in (SUBSTITUTE_CLAUSE, SUBSTITUTE, SUBSTITUTE_VARA):
        m = pattern.search(rest)
        if m:
            substitute = _clean_name(m["name"])
            rest = rest[: m.start()] + rest[m.end() :]
            break
    reason = None
    m = REASON.search(rest)
    if m:
        reason = m["reason"].strip() or None
        rest = rest[: m.start()] + rest[m.end() :]
    person_name = None
    m = FOR_PERSON.search(rest)
    if m and not _is_body(m["name"], body_words):
        person_name = _clean_name(m["name"])
        rest = rest[: m.start()] + "forfall" + rest[m.end() :]
    for_date = " ".join(w for w in rest.split() if not _is_body(w, body_words))
    return ForfallMessage(
        person_name=person_name,
        date=parse_date_expression(for_date, today=today),
        reason=reason,
        substitute=substitute,
        rest=rest,
    )


def _clean_name(name: str) -> str:
    return " ".join(name.split()).strip(" .,")


def _is_body(word: str, body_words: tuple[str, ...]) -> bool:
    folded = fold(word).lstrip("«(\"'")
    return any(folded.startswith(stem) for stem in body_words)
