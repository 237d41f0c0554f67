"""A Teams activity written down before it is acknowledged, answered once, finished after a crash.

The claim row in processed_events (storage.events, key «teams:…») holds the activity itself (its
conversation and serviceUrl are where the answer goes) and the verified token claims the turn ran
with. A write command marks the row answered in its own transaction, with the answer; sending it
marks the row done. `unfinished` hands back what a crash or an outage left behind, to be replayed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from microsoft_agents.activity import Activity
from sqlalchemy.orm import Session

from bot.teams.render import to_activity
from handlers.services import Services
from handlers.types import Reply
from storage import events
from storage.clock import system_clock
from storage.db import unit_of_work

KEY_PREFIX = "teams:"  # every delivery key of bot.teams.adapter.event_key starts so


@dataclass(frozen=True)
class Answer:
    """An answer made (and committed with its effect) but perhaps not sent yet."""

    activity: dict[str, Any]
    private: bool

    @classmethod
    def of(cls, reply: Reply) -> Answer:
        return cls(
            to_activity(reply).model_dump(mode="json", by_alias=True, exclude_none=True), reply.private
        )

    def to_activity(self) -> Activity:
        return Activity.model_validate(self.activity)


@dataclass(frozen=True)
class Delivery:
    """One acknowledged activity: its key, the activity, the token claims, and what is known of it."""

    key: str
    activity: Activity
    claims: dict[str, Any]
    answer: Answer | None = None
    attempts: int = 1


def encode(activity: Activity, claims: dict[str, Any]) -> str:
    return json.dumps(
        {"a": activity.model_dump(mode="json", by_alias=True, exclude_none=True), "c": claims},
        ensure_ascii=False,
    )


def decode(work: events.Work) -> Delivery:
    data = json.loads(work.payload)
    answer = Answer(**json.loads(work.answer)) if work.answer else None
    return Delivery(work.key, Activity.model_validate(data["a"]), dict(data["c"]), answer, work.attempts)


def claim(services: Services, key: str, activity: Activity, claims: dict[str, Any]) -> Delivery | None:
    """Write the delivery down (before the acknowledgement); None when it is a repeat."""
    with unit_of_work(services.factory) as session:
        # The real time, not the (possibly fixed) member clock: these rows only age out.
        if not events.claim_work(session, keys=(key,), payload=encode(activity, claims), now=system_clock()):
            return None
    return Delivery(key, activity, claims)


def settle(session: Session, key: str, reply: Reply) -> None:
    """Mark the delivery answered in the command's transaction (raises events.Taken for a repeat)."""
    answer = Answer.of(reply)
    payload = json.dumps({"activity": answer.activity, "private": answer.private}, ensure_ascii=False)
    events.answer_work(session, key=key, answer=payload, now=system_clock())


def finish(services: Services, key: str) -> None:
    """The answer is sent (or the member told it failed): the row stays as the idempotency mark."""
    events.finish(services.factory, key=key)


def unfinished(services: Services, *, before: dt.datetime) -> list[Delivery]:
    """Deliveries left pending or answered since before `before`, each taken for one more attempt."""
    return [
        decode(work) for work in events.retake_unfinished(services.factory, prefix=KEY_PREFIX, before=before)
    ]
