"""Fuzzed messages, slash commands and button values through the registry, on SQLite and PostgreSQL.

Properties: no internal error reply (kind «error»); a question never changes a table; no message
costs more than 100 ms of CPU (the best of three, so one slow run of a shared machine is not blamed).
"""

from __future__ import annotations

from collections.abc import Callable

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


# What the fuzzing found, kept; each failed before its fix (internal errors unless said otherwise):
FOUND = (
    _console("forfall " + "7.12 " * 1_000),  # 110 ms of CPU: each of 20 equal dates looked up alone
    _console("sak:99999999999999999999 meeting:1", "inhabil"),  # ids past any integer column
    _console("sak:2147483648 meeting:2147483648", "inhabil"),  # past PostgreSQL's integer
    _console("request:2147483648:nei", "vara-svar"),
    _console("meeting:99999999999999999999", "kommer"),
    _console("²|kunst", "vedtak-mer"),  # «²».isdigit() holds, int("²") raises
)


def found_first(test: Callable[..., None]) -> Callable[..., None]:
    """The test with each of FOUND as an explicit example (run before anything generated)."""
    for invocation in FOUND:
        test = example(invocation=invocation)(test)
    return test


@fuzz_settings(examples=500)
@given(invocation=invocations())
@example(invocation=_console("meeting:99999999999999999999", "forfall"))
@example(invocation=_console("forfall 7.12.10000"))
@example(invocation=_console("neste\x00 møte\x1b Styrings\x00gruppen"))
@found_first
def test_any_message_is_answered_politely_quickly_and_questions_never_write(
    seeded: Engine, invocation: Invocation
) -> None:
    _check(seeded, invocation)
