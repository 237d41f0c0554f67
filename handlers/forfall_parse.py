"""Reading a forfall message: which meeting, for whom, why, and who stands in (bokmål and nynorsk)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from handlers import texts
from handlers.edges import parse_id
from handlers.types import BadInput
from language.dates import DateQuery, parse_date_expression
from language.folding import fold
from language.understanding import take_reason, take_vara

# A name as people write it: two or more capitalised words («Kari Nordmann», «Per R. Berger»).
# At most five words, so that searching for one stays linear in the message.
_NAME = r"[A-ZÆØÅ][\wæøåÆØÅ.'-]*(?:\s+(?:[A-ZÆØÅ][\wæøåÆØÅ.'-]*|de|van|von)){0,3}\s+[A-ZÆØÅ][\wæøåÆØÅ.'-]*"

# A button or a filled-in form: «meeting:12», «meeting:12 person:7», «meeting:12 grunn:… vara:…»
# (reason and vara percent-encoded, so a form loses none of the member's punctuation).
BUTTON_VALUE = re.compile(r"^\s*meeting:(\d+)(?:\s+person:(\d+))?(?:\s+grunn:(\S+))?(?:\s+vara:(\S+))?\s*$")
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
        meeting_id, person_id = parse_id(button[1]), parse_id(button[2]) if button[2] else None
        if meeting_id is None or (button[2] and person_id is None):
            raise BadInput(texts.BAD_BUTTON_VALUE)
        return ForfallMessage(
            meeting_id=meeting_id,
            person_id=person_id,
            reason=_decoded(button[3]),
            substitute=_decoded(button[4]),
        )
    # The vara and the reason are read by the same rules as a plain message (language.understanding).
    rest, substitute, _notified = take_vara(text)
    rest, reason = take_reason(rest)
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
