"""Fuzzed messages, slash commands and button values through the registry, on SQLite and PostgreSQL.

Properties: no internal error reply (kind «error»); a question never changes a table; no message
costs more than 100 ms of CPU (the best of three, so one slow run of a shared machine is not blamed).
"""

from __future__ import annotations

from hypothesis import example, given
from sqlalchemy import Engine

from handlers.types import Invocation
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.messages import best_cpu, run_message
from tests.fuzz_messages import invocations

MAX_CPU = 0.1


def _check(engine: Engine, invocation: Invocation) -> None:
    got = run_message(engine, invocation)
    assert got.reply.kind != "error", (invocation, got.reply)
    if got.question:
        assert not got.wrote, f"a question wrote: {invocation}"
    if got.cpu >= MAX_CPU:
        best = best_cpu(engine, invocation)
        assert best < MAX_CPU, f"{best * 1000:.0f} ms of CPU for {invocation!r:.200}"


def _console(text: str, command: str | None = None, user: str = "Per Kierulf") -> Invocation:
    return Invocation(platform="console", user_id=user, text=text, command=command)


@fuzz_settings(examples=220)
@given(invocation=invocations())
@example(invocation=_console("meeting:99999999999999999999", "forfall"))
@example(invocation=_console("forfall 7.12.10000"))
@example(invocation=_console("neste\x00 møte\x1b Styrings\x00gruppen"))
@example(invocation=_console("forfall " + "7.12 " * 1_000))
def test_any_message_is_answered_politely_quickly_and_questions_never_write(
    seeded: Engine, invocation: Invocation
) -> None:
    _check(seeded, invocation)
