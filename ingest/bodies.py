"""Where a document names its own body: a table of the heading forms Norwegian minutes use.

No body's name is written here. A body is what the heading says it is: «Referat fra møte i
Regionrådet Nordhordland», «Møteprotokoll» with «Utvalg: Formannskapet», «Møtebok for …»,
«Innkalling til møte i …», «Rådmannsgruppens møte …», nynorsk «Referat frå møte i …», «Utval: …».
A body named inside a sak title or a sentence is never the document's body: only the head's
heading lines are read, and only in these forms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.text import MONTH_NAME
from language.body_names import is_generic, stem_key

KIND_HELD = "held"  # referat, protokoll, møtebok
KIND_CALLED = "called"  # innkalling
KIND_PLAN = "plan"  # «Møteplan 2023 for …»: only coming meetings
KIND_NONE = ""  # «Møte i …»: the kind comes from the rest of the document

_OF = r"(?:fra|frå|fr[aå]n|for|til|i|ved)"
_MEETING = r"(?:møte(?:t)?|motet|styremøte|årsmøte)"
# (kind, lead): the words before the body's name. Tried in order; the first that matches wins.
_LEADS: tuple[tuple[str, str], ...] = (
    (KIND_HELD, rf"(?:møte)?referat\s+{_OF}\s+{_MEETING}\s+(?:i|for|med)"),
    (KIND_HELD, rf"(?:møte)?protokoll\s+(?:{_OF}\s+)?{_MEETING}\s+(?:i|for|med)"),
    (KIND_HELD, rf"(?:møte)?referat\s+{_OF}"),
    (KIND_HELD, rf"(?:møte)?protokoll\s+{_OF}"),
    (KIND_HELD, r"møteprotokoll\s*[-–:]?"),
    (KIND_HELD, r"møtebok\s+(?:for|til|i)"),
    (KIND_HELD, r"møtebok\s*[-–:]"),
    (KIND_HELD, r"(?:møte)?referat\s*[-–:]"),
    (KIND_CALLED, rf"(?:møte)?innkalling\s+(?:til|for)\s+{_MEETING}\s+(?:i|for|med)"),
    (KIND_CALLED, r"(?:møte)?innkalling\s+(?:til|for|frå|fra)"),
    (KIND_CALLED, r"møteinnkalling\s*[-–:]?"),
    (KIND_CALLED, r"innkalling\s*[-–:]"),
    (KIND_PLAN, r"møteplan(?:\s+(?:for\s+)?\d{4})?\s+(?:for|i)"),
    (KIND_NONE, rf"(?:ordinært\s+|ekstraordinært\s+|ekstraordinært\s+)?{_MEETING}\s+(?:i|for)"),
)
_LEAD = [(kind, re.compile(rf"^\s*{lead}\s+(?P<name>\S.*)$", re.IGNORECASE)) for kind, lead in _LEADS]
# «Rådmannsgruppens møte 31. mai 2018», «Regionrådets møte»: a genitive before «møte».
_GENITIVE = re.compile(r"^\s*(?P<name>[A-ZÆØÅ][\w\-]*(?:\s+[A-ZÆØÅ][\w\-]*)*?)s\s+møte\b", re.UNICODE)
# «Utvalg: Formannskapet», «Utval: Regionrådet», «Organ: …», «Styre: …» in a case-system head.
_LABEL = re.compile(r"^\s*(?:utvalg|utval|organ|styre|råd)\s*:\s*(?P<name>\S.*)$", re.IGNORECASE)
# Words that only say what kind of document this is («REFERAT», «Møteprotokoll», «Møteinnkalling»).
_KIND_ONLY = re.compile(
    r"^\s*(?P<word>(?:møte)?referat|(?:møte)?protokoll|møtebok|(?:møte)?innkalling|saksliste)\s*:?\s*$",
    re.IGNORECASE,
)

_WEEKDAY = r"(?:mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|lørdag|laurdag|søndag|sundag)"
# Where a body's name ends: a date, a weekday, «den», a dash, a comma, «kl.», a bracket, a colon.
_NAME_END = re.compile(
    rf"\s+(?:den\s+)?\d{{1,2}}\.\s*(?:\d{{1,2}}\.|{MONTH_NAME})"
    rf"|\s+(?:den\s+)?\d{{1,2}}\.?\s*{MONTH_NAME}\b|\s+{_WEEKDAY}\b|\s+den\b|\s+kl\b|\s+\d{{4}}\b|\s+\d"
    r"|\s*[–—]\s*|\s+-\s+|\s*[,:;(]|\s*\.\s*$",
    re.IGNORECASE,
)
_MAX_WORDS = 8


@dataclass(frozen=True)
class HeadingBody:
    """The body a heading line names, and what kind of document the heading says this is."""

    name: str
    kind: str


def kind_word(text: str) -> str | None:
    """KIND_HELD / KIND_CALLED for a line that is only «REFERAT», «Møteprotokoll», «Møteinnkalling»."""
    match = _KIND_ONLY.match(text)
    if match is None:
        return None
    word = match["word"].lower()
    if "innkalling" in word or word == "saksliste":
        return KIND_CALLED
    return KIND_HELD


def heading_body(text: str) -> HeadingBody | None:
    """The body a heading line names in one of the known forms, or None."""
    for kind, pattern in _LEAD:
        match = pattern.match(text)
        if match:
            name = clean_name(match["name"])
            if name:
                return HeadingBody(name, kind)
    match = _GENITIVE.match(text)
    if match:
        name = clean_name(match["name"])
        if name:
            return HeadingBody(name, KIND_NONE)
    return None


def label_body(text: str) -> str | None:
    """«Utvalg: Formannskapet» → «Formannskapet»."""
    match = _LABEL.match(text)
    return clean_name(match["name"]) if match else None


def clean_name(raw: str) -> str | None:
    """The body's name at the start of `raw`, up to a date, weekday, dash, comma or the like."""
    match = _NAME_END.search(" " + raw)
    name = (" " + raw)[: match.start()] if match else " " + raw
    name = " ".join(name.replace("*", " ").split()).strip(" .")
    words = name.split()
    if not words or len(words) > _MAX_WORDS:
        return None
    if not (words[0][:1].isupper() or is_generic(words[0])):
        return None
    return name[:1].upper() + name[1:]


_PHRASE_END = re.compile(r"\s*(?:[–—(,:+/]|\s-\s|\s+og\s+|\s+kl\b|\s+i\s+[a-zæøå])", re.IGNORECASE)
_MEETING_SUFFIX = re.compile(r"(?:møte|møtet|møter)$", re.IGNORECASE)


def body_at_start(text: str, *, known: Sequence[str] = ()) -> str | None:
    """The body a plan line's text begins with: one of `known`, or a name built on a body noun.

    «Styringsgruppen – ordinært møte» → «Styringsgruppen»; «Styringsgruppemøte + Generalforsamling»
    → the known «Styringsgruppen»; «Bystyret» → «Bystyret»; «Seminar (…)», «Generalforsamling» → None.
    """
    text = text.strip()
    if not text[:1].isalpha():
        return None
    end = _PHRASE_END.search(text)
    phrase = " ".join((text[: end.start()] if end else text).split()).strip(" .")
    words = phrase.split()
    if not words or len(words) > _MAX_WORDS or not words[0][:1].isupper():
        return None
    first = _MEETING_SUFFIX.sub("", words[0]) or words[0]
    for name in known:
        stem = stem_key(name)
        said = stem_key(" ".join([first, *words[1:]]))
        if stem_key(phrase) == stem or said.startswith(stem) or stem.startswith(said + " "):
            return name  # «Bystyret» in the plan of «Bystyret i Lundvik»
    if not is_generic(first):
        return None
    return " ".join([first if first != words[0] else words[0], *words[1:]])
