"""A Slack delivery written down before it is acknowledged, answered once, and finished after a crash.

The claim row in processed_events (storage.events) holds what was asked and where the answer goes;
a write command marks it answered in its own transaction (so its effect and the mark commit
together); posting marks it done. `unfinished` lists what a crash left behind.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.slack.adapter import Target
from bot.slack.files import UPLOAD_COMMAND
from bot.slack.instant import Posting
from handlers import registry
from handlers.services import Services
from handlers.types import Invocation, Reply
from storage import events
from storage.clock import system_clock
from storage.db import unit_of_work
from storage.directory import identity

KEY_PREFIX = "slack:"  # every processed_events key the Slack app writes starts so


@dataclass(frozen=True)
class Delivery:
    """One acknowledged command, message or button press: its key, what was asked, where to answer."""

    key: str
    invocation: Invocation
    target: Target
    linked: bool  # the Slack user was linked to a person when the delivery was written down
    answer: Posting | None = None  # made before a crash, not posted yet
    attempts: int = 1


def encode(invocation: Invocation, target: Target) -> str:
    return json.dumps({"i": dataclasses.asdict(invocation), "t": dataclasses.asdict(target)})


def decode(work: events.Work) -> Delivery:
    data = json.loads(work.payload)
    answer = Posting(**json.loads(work.answer)) if work.answer else None
    invocation, target = Invocation(**data["i"]), Target(**data["t"])
    return Delivery(work.key, invocation, target, False, answer, work.attempts)


def claim(services: Services, keys: Sequence[str], invocation: Invocation, target: Target) -> Delivery | None:
    """Write the delivery down (before the acknowledgement); None when it is a repeat."""
    with unit_of_work(services.factory) as session:
        # The real time, not the (possibly fixed) member clock: these rows only age out.
        now = system_clock()
        if not events.claim_work(session, keys=keys, payload=encode(invocation, target), now=now):
            return None
        workspace = invocation.workspace or ""
        linked = identity(session, platform="slack", external_id=invocation.user_id, team_id=workspace)
    return Delivery(keys[0], invocation, target, linked is not None)


def mark(services: Services, keys: Sequence[str], invocation: Invocation) -> bool | None:
    """A plain claim (no work to finish later: Home, opening the modal): None for a repeat, else
    whether the Slack user (of its workspace, with many) is linked."""
    user, workspace = invocation.user_id, invocation.workspace or ""
    with unit_of_work(services.factory) as session:
        if keys and not events.claim_all(session, keys=keys, now=system_clock()):
            return None
        return identity(session, platform="slack", external_id=user, team_id=workspace) is not None


def answer(
    services: Services, delivery: Delivery, upload: Callable[[Invocation], Reply] | None = None
) -> Posting:
    """The registry's answer, rendered; a write command marks the delivery answered with its effect.

    Raises events.Taken when another runner answered it first. Shared files go to `upload`
    (bot.slack.files); each document's import is its own transaction and a repeat is «uendret».
    """

    def settle(session: Any, reply: Reply) -> None:
        posting = json.dumps(dataclasses.asdict(Posting.of(reply)))
        events.answer_work(session, key=delivery.key, answer=posting, now=system_clock())

    if upload is not None and delivery.invocation.command == UPLOAD_COMMAND:
        reply = upload(delivery.invocation)
        with unit_of_work(services.factory) as session:
            settle(session, reply)
        return Posting.of(reply)

    return Posting.of(registry.handle(delivery.invocation, services, settle=settle))


def finish(services: Services, key: str) -> None:
    """The answer is posted (or the member told it failed)."""
    events.finish(services.factory, key=key)


def unfinished(services: Services, *, before: dt.datetime) -> list[Delivery]:
    """Deliveries left pending or answered since before `before`, each taken for one more attempt."""
    return [
        decode(work) for work in events.retake_unfinished(services.factory, prefix=KEY_PREFIX, before=before)
    ]
