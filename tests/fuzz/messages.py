"""One fuzzed message through `handlers.registry.handle` on a seeded database, rolled back after.

What is measured: the reply's kind, whether the tables changed (a digest before and after), and the
CPU time of `handle` in this thread (the machine is shared: wall-clock time would measure the
scheduler; a database round trip costs no CPU here, so PostgreSQL's own work is not counted).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import Engine

from handlers.registry import COMMANDS, handle, route
from handlers.services import Services
from handlers.types import Invocation, Reply
from language.understanding import understand
from storage.clock import fixed_clock
from tests.fuzz.world import digest, rolled_back
from tests.integration.handlers.members.seeds import NOW

_WRITERS = frozenset(c.word for c in COMMANDS if c.writes)


@dataclass(frozen=True)
class Outcome:
    reply: Reply
    question: bool  # nothing in the message asks for a change
    wrote: bool  # the tables differ after it
    cpu: float  # seconds of CPU in handle()
    wall: float  # seconds of wall-clock time in handle()


def is_question(invocation: Invocation) -> bool:
    """A message that can only be answered: a plain question, or one routed to a command that never
    writes. Told apart without the registry's own routing of free text into forfall, which the
    property checks: «når er neste møte?» and «hvem har forfall?» must never write."""
    if invocation.email is not None:
        return False  # a verified e-mail may link the asker: a write
    if not invocation.command and invocation.text.strip():
        understood = understand(invocation.text, today=NOW.date())
        if understood.intent in ("question", "small_talk"):
            return True
    routed = route(invocation)
    return routed is not None and routed[0].word not in _WRITERS and not _forfall_like(invocation)


def _forfall_like(invocation: Invocation) -> bool:
    """A plain message the registry may hand to forfall-melding before its own table (see registry)."""
    if invocation.command:
        return False
    understood = understand(invocation.text, today=NOW.date())
    return understood.about_forfall or understood.intent == "small_talk"


def run_message(engine: Engine, invocation: Invocation) -> Outcome:
    """The message answered on the seeded database; everything it wrote is undone after. The tables
    are compared only for a question (the digest reads every row: it costs more than most answers)."""
    question = is_question(invocation)
    with rolled_back(engine) as (conn, factory):
        before = digest(conn) if question else ""
        services = Services(factory, clock=fixed_clock(NOW))
        started, start = time.perf_counter(), time.thread_time()
        reply = handle(invocation, services)
        cpu, wall = time.thread_time() - start, time.perf_counter() - started
        wrote = question and digest(conn) != before
    return Outcome(reply, question, wrote, cpu, wall)


def best_cpu(engine: Engine, invocation: Invocation, runs: int = 3) -> float:
    """The least CPU time of a few runs of one message (one slow run may be the machine, not us)."""
    return min(run_message(engine, invocation).cpu for _ in range(runs))
