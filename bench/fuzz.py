"""The long fuzz run: Hypothesis-made messages and broken documents against the seeded database.

The same strategies and checks as tests/fuzz (the test runs a fixed few hundred; this runs them at
random, for as long as it is told). Every message goes through `handlers.registry.handle` and every
document through the readers, the parsers and the import, each in a transaction rolled back after.

Prints: messages tried, internal errors (must be 0), questions that wrote (must be 0), p50/p99/max
ms per message (CPU of this thread, and wall-clock; aim: max under 100 ms), documents tried,
refusals by reason, internal errors and refusals that wrote (must be 0), max ms per document,
and the peak memory of the process. Not a test; exit 1 when any internal error was found.

    python bench/fuzz.py [--messages 50000] [--documents 500] [--seconds 1200] [--seed N]
                         [--db sqlite|postgres] [--postgres URL]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from sqlalchemy import Engine, text  # noqa: E402

from handlers.registry import COMMANDS  # noqa: E402
from handlers.types import Invocation  # noqa: E402
from storage.db import make_engine, session_factory, upgrade  # noqa: E402
from tests.fuzz.documents import DOCUMENTS, text_documents  # noqa: E402
from tests.fuzz.importing import ERROR_CODES, INTERNAL_ERROR, import_one, norwegian, parse_or_refuse  # noqa: E402
from tests.fuzz.messages import best_cpu, run_message  # noqa: E402
from tests.fuzz_messages import invocations  # noqa: E402
from tests.integration.handlers.members.seeds import import_seeds  # noqa: E402

PG_DEFAULT = os.environ.get(
    "MOTEBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
SHOWN = 5  # failing inputs printed per kind
AGAIN_MS = 50  # a message that took this much CPU is run twice more, its best of three reported


class _TimeUp(BaseException):
    """Ends a Hypothesis run when the time is up (a BaseException: Hypothesis lets it through)."""


@contextmanager
def seeded_database(kind: str, pg_url: str) -> Iterator[Engine]:
    """A fresh database at the newest schema with the seeds imported; removed afterwards."""
    if kind == "sqlite":
        folder = tempfile.mkdtemp(prefix="motebot-fuzz-")
        engine = make_engine(f"sqlite:///{folder}/fuzz.db")
        try:
            upgrade(engine)
            import_seeds(session_factory(engine))
            yield engine
        finally:
            engine.dispose()
            shutil.rmtree(folder, ignore_errors=True)
        return
    admin = make_engine(pg_url, isolation_level="AUTOCOMMIT")
    name = f"motebot_fuzz_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(admin.url.set(database=name).render_as_string(hide_password=False))
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        upgrade(engine)
        import_seeds(session_factory(engine))
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


BATCH = 2_000  # examples per Hypothesis run: its record of what it tried grows with every one


def run_for(strategy: Any, count: int, seconds: float, seed: int, body: Callable[[Any], None]) -> None:
    """`body` on up to `count` examples of `strategy`, generated at random, until `seconds` pass.

    In runs of BATCH examples, each with its own seed (seed, seed + 1, …): one run of 50,000 held
    some 300 MB of Hypothesis's own bookkeeping, and collecting that heap paused a message for 1 s.
    """
    end = time.monotonic() + seconds
    for batch in range(0, count, BATCH):
        if time.monotonic() > end:
            return

        @hypothesis_seed(seed + batch // BATCH)
        @settings(
            max_examples=min(BATCH, count - batch),
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def each(value: Any) -> None:
            if time.monotonic() > end:
                raise _TimeUp
            body(value)

        with suppress(_TimeUp):
            each()


def _ms(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


WARM_TEXTS = (
    "neste møte",
    "forfall 7.12",
    "vedtak kunst",
    "hvem har forfall i morgen?",
    "forfall 3 jan 2018",
)


def warm_up(engine: Engine) -> list[float]:
    """Each command once, and a few plain messages: the CPU seconds of each."""
    warm = [Invocation(platform="console", user_id="Per Kierulf", text=t) for t in WARM_TEXTS]
    for word in sorted({c.word for c in COMMANDS}):
        for value in ("", "meeting:1", "x"):
            warm.append(Invocation(platform="console", user_id="Per Kierulf", text=value, command=word))
    return [run_message(engine, invocation).cpu for invocation in warm]


def messages(engine: Engine, count: int, seconds: float, seed: int) -> int:
    cpu: list[float] = []
    wall: list[float] = []
    errors: list[str] = []
    question_writes: list[str] = []
    kinds: Counter[str] = Counter()

    slowest: list[tuple[float, str]] = [(0.0, "-")]
    best: list[tuple[float, str]] = [(0.0, "-")]

    def one(invocation: Invocation) -> None:
        got = run_message(engine, invocation)
        wall.append(got.wall)
        cpu.append(got.cpu)
        slowest[0] = max(slowest[0], (got.cpu, repr(invocation)[:300]))
        if got.cpu >= AGAIN_MS / 1000:  # a collector's pass or the machine, or the message itself?
            best.append((best_cpu(engine, invocation), repr(invocation)[:300]))
        kinds[got.reply.kind] += 1
        if got.reply.kind == "error":
            errors.append(keep("message error", invocation))
        if got.question and got.wrote:
            question_writes.append(keep("question wrote", invocation))

    warm = warm_up(engine)
    print(f"warm-up: {len(warm)} messages, each command once (first use imports dateparser, compiles "
          f"statements and patterns): max {1000 * max(warm):.0f} ms CPU, not counted below")  # fmt: skip
    run_for(invocations(), count, seconds, seed, one)
    print(f"messages tried: {len(cpu)} ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})")
    print(f"  internal errors: {len(errors)}   questions that wrote: {len(question_writes)}")
    for what, times in (("CPU: ", cpu), ("wall:", wall)):
        p50, p99, most = _ms(times, 0.5), _ms(times, 0.99), _ms(times, 1.0)
        print(f"  ms per message, {what} p50 {p50:.1f}  p99 {p99:.1f}  max {most:.1f}")
    print(f"  slowest once: {slowest[0][1]}")
    again, what = max(best)
    print(f"  {len(best) - 1} messages over {AGAIN_MS} ms CPU run twice more: the worst's best of three "
          f"{1000 * again:.1f} ms{f' ({what})' if again * 1000 >= AGAIN_MS else ''}")  # fmt: skip
    for line in (errors + question_writes)[:SHOWN]:
        print(f"    {line}")
    return len(errors) + len(question_writes) + (again * 1000 >= 100)


def documents(engine: Engine, count: int, seconds: float, seed: int) -> int:
    folder = Path(tempfile.mkdtemp(prefix="motebot-fuzzdocs-"))
    reasons: Counter[str] = Counter()
    formats: Counter[str] = Counter()
    problems: list[str] = []
    slowest: list[tuple[float, float, str]] = []  # (cpu, wall, name and size)

    def one(document: tuple[str, bytes]) -> None:
        name, data = document
        path = folder / name
        path.write_bytes(data)
        formats[path.suffix] += 1
        started = time.perf_counter()
        try:
            parsed, code, cpu = parse_or_refuse(path)
        except Exception as exc:  # the property: nothing but a DocumentError
            problems.append(keep(f"reader raised {type(exc).__name__}: {exc}", document))
            return
        if parsed is None and code not in ERROR_CODES:
            problems.append(keep(f"unknown refusal code {code}", document))
        got = import_one(engine, path)
        wall = time.perf_counter() - started
        slowest.append((cpu + got.cpu, wall, f"{name} of {len(data)} B"))
        report = got.report
        reasons["imported" if report.ok else report.error_code or "?"] += 1
        if report.error_code == INTERNAL_ERROR:
            problems.append(keep(f"internal error {report.error_detail}", document))
        elif not report.ok and got.wrote:
            problems.append(keep(f"refused ({report.error_code}) but the tables changed", document))
        try:
            norwegian(report)
        except AssertionError as exc:
            problems.append(keep(f"no Norwegian text: {exc}", document))

    try:
        run_for(st.one_of(text_documents(), DOCUMENTS), count, seconds, seed, one)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    cpu, _, what = max(slowest, default=(0.0, 0.0, "-"))
    tried = ", ".join(f"{k} {n}" for k, n in sorted(formats.items()))
    print(f"documents tried: {sum(formats.values())} ({tried})")
    print(f"  outcomes: {', '.join(f'{k} {n}' for k, n in reasons.most_common())}")
    print(f"  internal errors, unknown codes and refusals that wrote: {len(problems)}")
    print(f"  max ms per document (read, parse, import): CPU {1000 * cpu:.0f} ({what}), "
          f"wall {1000 * max((w for _, w, _ in slowest), default=0.0):.0f}")  # fmt: skip
    for line in problems[:SHOWN]:
        print(f"    {line}")
    return len(problems)


OUT = ROOT / "bench" / "out" / "fuzz_found.jsonl"


def keep(what: str, found: Any) -> str:
    """Write a failing input whole to bench/out/fuzz_found.jsonl; its start for printing."""
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"what": what, "input": repr(found)}, ensure_ascii=False) + "\n")
    return f"{what}: {found!r}"[:300]


def peak_mb(*, reset: bool = False) -> int:
    """This process's peak resident memory (VmHWM) so far; `reset` starts a new peak after it."""
    status = Path("/proc/self/status").read_text().splitlines()
    peak = int(next(ln for ln in status if ln.startswith("VmHWM")).split()[1]) // 1024
    if reset:
        with suppress(OSError):
            Path("/proc/self/clear_refs").write_text("5")  # Linux: resets VmHWM to the current size
    return peak


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=1200.0, help="for messages and documents together")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis seed (default: random, printed)")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres", default=PG_DEFAULT)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    logging.disable(logging.CRITICAL)  # the readers' and the registry's own logging: counted here instead
    print(f"bench/fuzz.py on {args.db}, seed {seed}, at most {args.seconds:.0f} s")
    started = time.monotonic()
    with seeded_database(args.db, args.postgres) as engine:
        share = args.messages / (args.messages + 40 * args.documents)  # a document costs ~40 messages
        ready = peak_mb(reset=True)
        found = messages(engine, args.messages, args.seconds * share, seed)
        after_messages = peak_mb(reset=True)
        left = args.seconds - (time.monotonic() - started)
        found += documents(engine, args.documents, max(left, 1.0), seed)
        after_documents = peak_mb()
    took = time.monotonic() - started
    print(f"peak memory (VmHWM): {ready} MB seeded and warm, {after_messages} MB during the messages, "
          f"{after_documents} MB during the documents; {took:.0f} s in all")  # fmt: skip
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
