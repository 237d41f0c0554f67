"""What a member's message means, before anything acts on it: intent, person, dates, reason, vara.

One pass, the same for Slack, Teams and the terminal: mend the usual misspellings (language.lexicon
SPELLING and an edit distance towards a few words), take out the vara and the reason, split into
sentences and read each one for what it does — asks, states an absence, changes its mind, withdraws,
makes it conditional — and about whom. Only a first-person statement of absence (or change of mind)
may be acted on at once, and only when it is `sure` and names at most one meeting; everything else is
answered or confirmed first (the handlers decide how; see `writes_at_once`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import OSA

from language import lexicon as lx
from language.dates import DateQuery, find_dates
from language.folding import fold

Intent = Literal[
    "question",
    "absence",
    "other_person",
    "conditional",
    "change_of_mind",
    "withdrawal",
    "small_talk",
    "command",
]
Topic = Literal["who", "how", "deadline", "mine"]
Wants = Literal["register", "withdraw"]


@dataclass(frozen=True)
class Understanding:
    """A message, understood. `person` is a named other person (None: the asker, or nobody named)."""

    intent: Intent
    text: str  # the message with its misspellings mended
    wants: Wants | None = None  # what the absence-like intents are about
    person: str | None = None
    dates: tuple[DateQuery, ...] = ()
    reason: str | None = None
    vara: str | None = None
    vara_notified: bool = False
    every: bool = False  # «alle møtene i desember», «begge møtene»
    sure: bool = True
    topic: Topic | None = None  # for a question about forfall
    about_forfall: bool = False

    @property
    def several(self) -> bool:
        """More than one meeting is meant: a write then waits for a yes (a month with several
        meetings is asked about by the forfall handler, which knows the meetings)."""
        return self.every or len(self.dates) > 1  # a month with one meeting is one meeting

    @property
    def writes_at_once(self) -> bool:
        """A first-person absence or change of mind, clear and for one meeting: act, offer «Angre»."""
        return self.intent in ("absence", "change_of_mind", "withdrawal") and self.sure and not self.several


def _compile(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


_ABSENCE, _STATE, _CHANGE = _compile(lx.ABSENCE), _compile(lx.STATE), _compile(lx.CHANGE_OF_MIND)
_WITHDRAWAL, _REQUEST, _CONDITIONAL = _compile(lx.WITHDRAWAL), _compile(lx.REQUEST), _compile(lx.CONDITIONAL)
_ASKS, _DOUBT = _compile(lx.ASKS), _compile(lx.DOUBT)
_COND_OPENER, _COMMAND_FORMS = re.compile(lx.COND_OPENER), re.compile(lx.COMMAND_FORMS)
_NOT_NAMES = frozenset(fold(w) for w in lx.NOT_NAMES)
_OPENER, _VERB_SUBJECT = re.compile(lx.QUESTION_OPENERS), re.compile(lx.VERB_SUBJECT)
_FIRST = re.compile(lx.FIRST_PERSON)
_NEG = re.compile(rf"\b{lx.NEG}\b")
_AFTER_ALL = 2  # the CHANGE_OF_MIND phrase «kommer … likevel»
_OTHER_PRONOUN = re.compile(rf"^\s*(?:dessverre |desverre )?{lx.PRONOUN_OTHER}\b")
_WE = re.compile(r"^\s*(?:vi|me)\b")
_TOPICS: tuple[tuple[Topic, re.Pattern[str]], ...] = (
    ("how", re.compile(lx.TOPIC_HOW)),
    ("deadline", re.compile(lx.TOPIC_DEADLINE)),
    ("mine", re.compile(lx.TOPIC_MINE)),
    ("who", re.compile(lx.TOPIC_WHO)),
)
_SMALL_TALK = re.compile(rf"^(?:{lx.SMALL_TALK})(?:[\s,.!]+(?:{lx.SMALL_TALK}))*$")
_EVERY = re.compile(lx.EVERY)

_WORD = re.compile(r"[^\W\d_]+")
_NAME_WORD = r"[A-ZÆØÅ][a-zæøåéèü'-]+(?:-[A-ZÆØÅ][a-zæøåéèü]+)?"
# At most five words: a bounded name keeps every search linear in the message (an unbounded one
# made «Kari Nordmann Kari Nordmann …» of 100 KB cost minutes).
_NAME = rf"{_NAME_WORD}(?:\s+(?:[A-ZÆØÅ]\.|{_NAME_WORD}|de|van|von)){{0,4}}"
_FULL_NAME = rf"{_NAME_WORD}(?:\s+(?:[A-ZÆØÅ]\.|{_NAME_WORD}|de|van|von)){{0,3}}\s+{_NAME_WORD}"
_VERB = (
    r"(?:har|hadde|kan|kommer|melder|meldte|blir|er|får|kjem|må|fekk|fikk|skal|vil|deltar|stiller|møter|"
    r"rekker|klarer|vert)"
)
_SUBJECT_NAME = re.compile(rf"^\s*(?:[Dd]essverre\s+)?(?P<name>{_NAME})\s+{_VERB}\b")
_INVERTED_NAME = re.compile(rf"\b{_VERB}\s+(?P<name>{_FULL_NAME})\s+(?:forfall|ikke|ikkje|dessverre)\b")
_FOR_NAME = re.compile(rf"\b(?:forfall|fravær)\s+(?:for|på vegne av|frå|fra)\s+(?P<name>{_FULL_NAME})")
_FOR_NAME_BARE = re.compile(rf"\b(?:for|på vegne av)\s+(?P<name>{_FULL_NAME})")
_LOWER = r"[a-zæøå][a-zæøåéè'-]+"
_FOR_NAME_LOWER = re.compile(
    rf"\b(?:forfall|fravær)\s+(?:for|på vegne av)\s+(?P<name>{_LOWER}(?:\s+{_LOWER}){{0,2}}?)"
    r"(?=\s+\d|\s*$|\s*[,.?!]|\s+(?:til|på|i|den|pga|grunnet)\b)"
)
_SUBJECT_LOWER = re.compile(rf"^\s*(?:dessverre\s+)?(?P<name>{_LOWER}(?:\s+{_LOWER})?)\s+{_VERB}\b")
_INVERTED_LOWER = re.compile(rf"\b{_VERB}\s+(?P<name>{_LOWER}\s+{_LOWER})\s+(?:forfall|ikke|ikkje)\b")
_VARA_CLAUSES = (
    re.compile(rf"(?:^|[,;]\s*|\s+og\s+)(?P<name>{_NAME}){lx.STANDS_IN}"),
    re.compile(rf"(?:[,;]\s*|\s+og\s+)(?P<name>[^\W\d][\w.'-]*(?:\s+[\w.'-]+){{0,3}}?){lx.STANDS_IN}", re.I),
    re.compile(rf"\bvara(?:en)?(?:\s*:|\s+er|\s+blir|\s+vert)?\s+(?P<name>{_FULL_NAME})", re.I),
    re.compile(rf"(?P<name>{_FULL_NAME})\s+(?:er|blir|vert)\s+(?:min\s+)?vara\b"),
)
_VARA_NOTIFIED = re.compile(lx.VARA_NOTIFIED, re.I)
_REASON = re.compile(rf"\b{lx.REASON_TRIGGERS}\s*(?P<reason>[^,;.!?()]+)", re.I)
_REASON_DASH = re.compile(r"(?:\d|\bmøte[a-z]*|\bforfall)\s*[–—-]\s+(?P<reason>[^,;.!?()\d][^,;.!?()]*)")
_REASON_STATE = re.compile(lx.REASON_STATES, re.I)
_SENTENCE = re.compile(
    r"(?<=[.!?;])\s+(?=[A-ZÆØÅ«\"])|\n+|,\s*(?=(?i:hvem|hva|når|hvordan|kven|kva|korleis)\b)"
)


MAX_CHARS = 2_000  # a chat message; a longer text is read this far and never acted on at once


def understand(text: str, *, today: dt.date) -> Understanding:
    """Read one message (the clock is the caller's: `today` resolves «i morgen», «på torsdag»).

    Past MAX_CHARS only the beginning is read, and the result is never `sure`: what follows might
    take it back («… hvis flyet går»), so it is asked about instead.
    """
    if len(text) > MAX_CHARS:
        beginning = understand(text[:MAX_CHARS], today=today)
        return dataclasses.replace(beginning, sure=False)
    mended = _mend(" ".join(text.split()))
    if _COMMAND_FORMS.match(fold(mended)):
        return Understanding("command", mended)
    said, vara, notified = take_vara(mended)
    rest, reason = take_reason(said)
    folded_all = fold(mended)
    best: tuple[int, Intent, Wants | None, bool, str] | None = None
    for sentence in (s for s in _SENTENCE.split(said) if s and s.strip(" .,!")):
        read = _sentence(sentence)
        if read is not None and (best is None or read[0] < best[0]):
            best = read
    about = best is not None and (best[2] is not None or "forfall" in folded_all or "fravaer" in folded_all)
    if best is None or (best[1] == "question" and not about):
        if best is None and _small_talk(folded_all):
            return Understanding("small_talk", mended)
        intent: Intent = "question" if best is not None else "command"
        return Understanding(intent, mended, about_forfall=False)
    _, intent, wants, sure, sentence = best
    dates = tuple(find_dates(rest, today=today, fallback=False))  # dateparser costs ms: not per message
    topic = next((t for t, p in _TOPICS if p.search(fold(sentence))), None) if intent == "question" else None
    person = None
    if intent in ("absence", "change_of_mind", "withdrawal", "conditional"):
        person, other = _person(sentence)
        if other:
            intent, sure = "other_person", sure and person is not None
    every = bool(_EVERY.search(folded_all))
    return Understanding(
        intent, mended, wants=wants, person=person, dates=dates, reason=reason, vara=vara,
        vara_notified=notified, every=every, sure=sure, topic=topic, about_forfall=True,
    )  # fmt: skip


# Lower is stronger: an action in one sentence outweighs a question or a greeting in another.
_RANK: dict[Intent, int] = {
    "withdrawal": 0, "change_of_mind": 0, "absence": 1, "conditional": 2, "question": 3,
}  # fmt: skip


def _sentence(sentence: str) -> tuple[int, Intent, Wants | None, bool, str] | None:
    """(rank, intent, wants, sure, sentence) of one sentence, None when it says nothing we act on."""
    f = " ".join(fold(sentence).split())
    asks = sentence.rstrip().endswith("?") or bool(_OPENER.match(f) or _VERB_SUBJECT.match(f))
    asks = (asks or any(p.search(f) for p in _ASKS)) and not any(p.search(f) for p in _REQUEST)
    withdraws = any(p.search(f) for p in _WITHDRAWAL)
    change = next((i for i, p in enumerate(_CHANGE) if p.search(f)), None)
    if change == _AFTER_ALL and _NEG.search(f):
        change = None  # «kan ikke komme likevel» is an absence after all
    absent = any(p.search(f) for p in _ABSENCE) and change is None
    state = any(p.search(f) for p in _STATE)
    doubt = any(p.search(f) for p in _DOUBT)
    wants: Wants | None = (
        "withdraw" if withdraws or change is not None else "register" if absent or state or doubt else None
    )
    conditional = doubt or any(p.search(f) for p in _CONDITIONAL)
    if asks and not (conditional and wants and _COND_OPENER.match(f)):
        return _RANK["question"], "question", wants, True, sentence
    if wants is None:
        return None
    if conditional:
        return _RANK["conditional"], "conditional", wants, False, sentence
    if withdraws:
        return _RANK["withdrawal"], "withdrawal", wants, True, sentence
    if change is not None:
        # «jeg har ikke forfall» without «likevel» may mean there never was one: confirm.
        return _RANK["change_of_mind"], "change_of_mind", wants, change != 1, sentence
    sure = absent and not _WE.match(f)
    return _RANK["absence"], "absence", wants, sure, sentence


def _person(sentence: str) -> tuple[str | None, bool]:
    """(the named other person, whether the sentence is about someone else at all).

    Names are read with capitals first («Kari Nordmann har forfall»), then as members also write
    them, in lower case («kari nordmann har forfall»): words that are no pronoun or function word.
    """
    for pattern in (_FOR_NAME, _FOR_NAME_LOWER):
        m = pattern.search(sentence)
        if m and _is_name(m["name"]):
            return _clean(m["name"]), True
    folded = fold(sentence)
    if _OTHER_PRONOUN.match(folded):
        return None, True
    if _FIRST.search(folded):
        return None, False  # «Styringsgruppemøtet har jeg forfall til»: the asker
    for pattern in (_INVERTED_NAME, _SUBJECT_NAME, _FOR_NAME_BARE, _INVERTED_LOWER, _SUBJECT_LOWER):
        m = pattern.search(sentence)
        if m and _is_name(m["name"]):
            return _clean(m["name"]), True
    return None, False


def _is_name(words: str) -> bool:
    folded = fold(words).split()
    return bool(folded) and not any(w in _NOT_NAMES or w.startswith(("mote", "forfal")) for w in folded)


def take_vara(text: str) -> tuple[str, str | None, bool]:
    """The text without its vara clause, the vara's name, and whether a vara was notified."""
    notified = _VARA_NOTIFIED.search(text)
    if notified:
        text = text[: notified.start()] + text[notified.end() :]
    for pattern in _VARA_CLAUSES:
        m = pattern.search(text)
        if m and _is_name(m["name"]):
            return text[: m.start()] + " " + text[m.end() :], _clean(m["name"]), bool(notified)
    return text, None, bool(notified)


def take_reason(text: str) -> tuple[str, str | None]:
    """The text without its reason, and the reason («pga sykdom», «– reiser», «er syk»)."""
    for pattern in (_REASON, _REASON_DASH, _REASON_STATE):
        m = pattern.search(text)
        if m:
            reason = " ".join(m["reason"].split()).strip(" .,-–") or None
            start = m.start("reason") if pattern is _REASON_DASH else m.start()
            return text[:start] + " " + text[m.end() :], reason
    return text, None


def _mend(text: str) -> str:
    """Misspellings put right, word by word, the first letter's case kept («Forfal» → «Forfall»)."""
    return _WORD.sub(_mend_word, text)


def _mend_word(m: re.Match[str]) -> str:
    word = m[0]
    folded = fold(word)
    right = lx.SPELLING.get(folded)
    if right is None and len(folded) > 6 and folded.endswith(_MEETING_ENDINGS):
        ending = next(e for e in _MEETING_ENDINGS if folded.endswith(e))
        return word[: -len(ending)] + lx.SPELLING[ending]  # «styringsgruppemote» → «styringsgruppemøte»
    if right is None and len(folded) >= lx.FUZZY_MIN_LENGTH and folded not in _TARGETS:
        right = next((t for t in lx.FUZZY_TARGETS if _near(folded, t)), None)
    if right is None or right == folded:
        return word
    return right[0].upper() + right[1:] if word[0].isupper() else right


_TARGETS = frozenset(lx.FUZZY_TARGETS)
_MEETING_ENDINGS = ("motene", "motet", "moter", "mote")  # compounds: «-gruppemote», «-motet»


def _near(word: str, target: str) -> bool:
    allowed = 2 if len(target) >= 8 else 1
    if abs(len(word) - len(target)) > allowed or word[0] != target[0]:
        return False
    return OSA.distance(word, target, score_cutoff=allowed) <= allowed  # a swap («frofall») is one edit


def _small_talk(folded: str) -> bool:
    bare = re.sub(r"[^a-z\s,.!]", " ", folded)
    bare = " ".join(bare.split()).strip(" ,.!")
    return not bare or bool(_SMALL_TALK.match(bare))


def _clean(name: str) -> str:
    return " ".join(name.split()).strip(" .,")
