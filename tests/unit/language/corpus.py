"""The labelled message corpus (tests/fixtures/messages) and how an understanding is judged against it.

Shared by the corpus test and bench/understanding.py. What the bot would do with a message follows
the handlers' rule: write at once only when `writes_at_once` (for another person: only when the
asker is the secretariat and the person is named); ask [Ja]/[Nei] for an unsure or several-meeting
absence, change of mind or conditional; otherwise answer and write nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from language.dates import DateQuery
from language.folding import fold
from language.understanding import Understanding, understand

CORPUS = Path(__file__).parents[2] / "fixtures" / "messages" / "corpus.jsonl"
TODAY = dt.date(2017, 10, 2)
ACTIONS = {
    "absence": "register",
    "change_of_mind": "withdraw",
    "withdrawal": "withdraw",
    "other_person": "register",
}
Outcome = Literal["write", "confirm", "none"]


HELD_OUT = CORPUS.with_name("heldout.txt")


def load() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_held_out() -> list[dict[str, Any]]:
    """Messages written after the rules were tuned, in base.txt's format, not tuned on."""
    rows = []
    for line in HELD_OUT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            intent, person, dates, reason, vara, text = (part.strip() for part in line.split("|", 5))
            rows.append({
                "text": text, "intent": intent, "person": None if person == "-" else person,
                "dates": [] if dates == "-" else dates.split(","),
                "reason": None if reason == "-" else reason,
                "vara": None if vara == "-" else vara, "variant": "held out",
            })  # fmt: skip
    return rows


def date_label(q: DateQuery) -> str:
    if q.invalid:
        return "ugyldig"
    if q.kind == "next_meeting":
        return "neste"
    if q.kind == "month" and q.month:
        return f"{q.month[0]:04d}-{q.month[1]:02d}"
    return q.day.isoformat() if q.day else "?"


@dataclass(frozen=True)
class Judged:
    row: dict[str, Any]
    got: Understanding
    outcome: Outcome  # what the bot does
    wrong_write: bool  # a write that was not meant (or for the wrong person, action or date)
    meant: bool  # the message means an action for the asker's role
    served: bool  # a meant action done or confirmed
    fields_ok: bool  # person, dates, reason and vara as labelled (actions only)


def _same(a: str | None, b: str | None) -> bool:
    return (fold(a) if a else None) == (fold(b) if b else None)


def judge(row: dict[str, Any], got: Understanding, *, secretariat: bool) -> Judged:
    want = row["intent"]
    meant_action = ACTIONS.get(want)
    meant = meant_action is not None and (
        want != "other_person" or (secretariat and row["person"] is not None)
    )
    dates = [date_label(q) for q in got.dates]
    outcome: Outcome = "none"
    if got.intent in ("absence", "change_of_mind", "withdrawal"):
        outcome = "write" if got.writes_at_once else "confirm"
    elif got.intent == "other_person" and secretariat:
        outcome = "write" if got.person and got.sure and not got.several else "confirm"
    elif got.intent == "conditional":
        outcome = "confirm"
    right_target = (
        meant
        and ACTIONS.get(got.intent) == meant_action
        and got.wants == meant_action
        and _same(got.person, row["person"] if want == "other_person" else None)
        and (dates == row["dates"] or not row["dates"])
    )
    wrong_write = outcome == "write" and not right_target
    served = meant and outcome in ("write", "confirm") and got.wants == meant_action
    fields_ok = want not in ACTIONS or (
        _same(got.person, row["person"])
        and dates == row["dates"]
        and _same(got.reason, row["reason"])
        and _same("varslet" if got.vara_notified and not got.vara else got.vara, row["vara"])
    )
    return Judged(row, got, outcome, wrong_write, meant, served, fields_ok)


def run(*, secretariat: bool, rows: list[dict[str, Any]] | None = None) -> list[Judged]:
    return [
        judge(row, understand(row["text"], today=TODAY), secretariat=secretariat) for row in rows or load()
    ]
