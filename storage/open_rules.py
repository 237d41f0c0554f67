"""What may keep a sak open, read off the text of one treatment (Norwegian vedtak text; no UI text).

The rules (read off the seeds' vedtak):
(a) a forslag til vedtak and no vedtak for that sak at any meeting;
(b) a vedtak sentence in which the body recommends («anbefaler styringsgruppen å …», «anbefaler
    at …»): open until a later vedtak in the body named (any other body when none is named) treats
    the same sak, by the same title or by citing its number («sak 14/2016»);
(c) a vedtak sentence that hands on a task or puts the matter on a later meeting («bes», «ber … om
    å», «informerer i», «tas opp», «legges fram»): open until minutes of a later meeting of the body
    named (else the sak's own body) are imported, no earlier than a month or date it names.
The loader stores these candidates (open_items) and the sak numbers each treatment cites
(sak_citations); whether a candidate is still open is a query (storage.queries.open_items).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "desember": 12, "des": 12,
}  # fmt: skip

RECOMMENDS = re.compile(r"\banbefaler\b")
TASK = re.compile(r"\bbes\b|\bber\b.{1,60}\bom å\b|\binformerer i\b|\btas opp\b|\blegges (fram|frem)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"])|\n+")
_MONTH_YEAR = re.compile(rf"\b({'|'.join(n for n in MONTHS if len(n) > 3)})\s+(\d{{4}})\b")
_DAY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
# «14/2016», «03/2018», «14/16»: a sak number and its year.
_CITATION = re.compile(r"(?<!\d)(\d{1,4})/(\d{4}|\d{2})(?!\d)")
_FOLD = str.maketrans({"å": "a", "ø": "o", "æ": "ae", "é": "e", "è": "e"})


@dataclass(frozen=True)
class BodyName:
    """A body as the rules need it: its id and name."""

    id: int
    name: str


@dataclass(frozen=True)
class Candidate:
    """One reason a treatment may keep its sak open (kind: proposal | recommends | task).

    `waits_for` is the body whose vedtak (recommends) or minutes (task) closes it; for a task,
    `not_before` is the earliest meeting date whose minutes close it.
    """

    kind: str
    sentence: str
    waits_for: int | None = None
    not_before: dt.date | None = None


def fold(text: str) -> str:
    """Lowercase ASCII twin: «Møteplan» → «moteplan»."""
    return unicodedata.normalize("NFC", text).lower().translate(_FOLD)


def body_stem(name: str) -> str:
    """«Styringsgruppen» → «styringsgrupp»: matches -gruppa, -gruppemøtet, -gruppens."""
    stem = fold(name)
    for suffix in ("ene", "en", "et", "a"):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 5:
            return stem[: -len(suffix)]
    return stem


def sentences(text: str) -> list[str]:
    """The sentences of a vedtak, whitespace collapsed."""
    return [" ".join(s.split()) for s in _SENTENCE_END.split(text) if s and s.strip()]


def candidates(
    *,
    proposal: str | None,
    vedtak: str | None,
    own_body: int,
    meeting_date: dt.date,
    bodies: Sequence[BodyName],
) -> list[Candidate]:
    """The reasons in one treatment, before checking what has happened since."""
    if vedtak is None:
        first = sentences(proposal)[:1] if proposal else []
        return [Candidate("proposal", first[0])] if first else []
    out: list[Candidate] = []
    for sentence in sentences(vedtak):
        lowered = sentence.lower()
        if RECOMMENDS.search(lowered):
            other = [b for b in _addressed(sentence, bodies) if b != own_body]
            out.append(Candidate("recommends", sentence, other[0] if other else None))
        elif TASK.search(lowered):
            named = _addressed(sentence, bodies)
            named_day = _not_before(lowered)
            since = meeting_date + dt.timedelta(days=1)
            if named_day is not None and named_day > since:
                since = named_day
            out.append(Candidate("task", sentence, named[0] if named else own_body, since))
    return out


def citations(*texts: str | None, meeting_date: dt.date) -> set[tuple[int, int]]:
    """The (number, year) of every sak cited as «NN/YYYY» or «NN/YY» (the century that is not ahead)."""
    out: set[tuple[int, int]] = set()
    for text in texts:
        for m in _CITATION.finditer(text or ""):
            number, year = int(m[1]), int(m[2])
            if len(m[2]) == 2:
                year += meeting_date.year - meeting_date.year % 100
                if year > meeting_date.year + 1:
                    year -= 100
            out.add((number, year))
    return out


def _addressed(sentence: str, bodies: Sequence[BodyName]) -> list[int]:
    """Bodies named in the sentence, except one that is its subject («Rådmannsgruppen ber …»)."""
    folded = fold(sentence)
    named = [b for b in bodies if re.search(rf"(?<![a-z]){re.escape(body_stem(b.name))}", folded)]
    first = fold(sentence.split()[0]) if sentence.split() else ""
    return [b.id for b in named if not first.startswith(body_stem(b.name))]


def _not_before(lowered: str) -> dt.date | None:
    """«i desember 2017» → 2017-12-01; «16.6.2016» → that day."""
    m = _MONTH_YEAR.search(lowered)
    if m:
        return dt.date(int(m[2]), MONTHS[m[1]], 1)
    d = _DAY.search(lowered)
    if d:
        try:
            return dt.date(int(d[3]), int(d[2]), int(d[1]))
        except ValueError:
            return None
    return None
