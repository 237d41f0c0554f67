"""What may keep a sak open, read off the text of one treatment (Norwegian vedtak text).

The rules (read off the seeds' vedtak):
(a) a forslag til vedtak and no vedtak for that sak at any meeting;
(b) a vedtak sentence in which the body recommends («anbefaler styringsgruppen å …», «anbefaler
    at …»): open until a later vedtak in the body named (any other body when none is named) treats
    the same sak, by the same title or by citing its number («sak 14/2016»);
(c) a vedtak sentence that hands on a task or puts the matter on a later meeting («bes», «ber … om
    å», «informerer i», «tas opp», «legges fram»): open until minutes of a later meeting of the body
    named (else the sak's own body) are imported, no earlier than a month or date it names.
storage/ stores these candidates (open_items) and the sak numbers each treatment cites
(sak_citations); whether a candidate is still open is a query there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from language.folding import body_stem, fold
from language.months import MONTHS
from language.sentences import sentences

RECOMMENDS = re.compile(r"\banbefaler\b")
TASK = re.compile(r"\bbes\b|\bber\b.{1,60}\bom å\b|\binformerer i\b|\btas opp\b|\blegges (fram|frem)\b")
_MONTH_YEAR = re.compile(rf"\b({'|'.join(n for n in MONTHS if len(n) > 3)})\s+(\d{{4}})\b")
_DAY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


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
