"""Command benchmark: member messages against a synthetic archive, on SQLite and PostgreSQL.

1. A 100,000-sak archive (bench/synthetic.py: the seeds' titles, vedtak and sentences recombined
   over 77 years and two bodies); 10,000 mixed member messages through `handlers.registry.handle`,
   exactly as a chat message or slash command is routed; p50/p99 per command.
2. A 1,000,000-sak archive; vedtak word searches (plain words, phrases, compounds, typos, rare
   names, questions) through the vedtak handler; p50/p95/p99 per kind.

Not a test: it prints figures. Aims: p99 < 20 ms per command at 100k; p95 < 30 ms at 1M.

    python bench/commands.py [--size 100000] [--messages 10000] [--search-size 1000000]
                             [--searches 2000] [--db sqlite postgres] [--postgres URL] [--keep]

The PostgreSQL runs use a throwaway database, created and dropped here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import random
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, text  # noqa: E402

from bench.synthetic import MEMBER, Generated, Patterns, Shape, build, database_size, seed_patterns  # noqa: E402
from handlers.services import Services  # noqa: E402
from handlers.types import Invocation, Reply, Request  # noqa: E402
from storage.clock import fixed_clock  # noqa: E402
from storage.db import make_engine, session_factory  # noqa: E402

PG_DEFAULT = os.environ.get(
    "MOTEBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
# A command this slow (p50 after SLOW_AFTER messages, or any one message) is not run further.
SLOW_AFTER, SLOW_MS, SLOW_ONE_MS = 5, 1000.0, 5000.0
NOW = dt.datetime(2025, 10, 2, 10, 0, tzinfo=dt.UTC)  # noon in Oslo on the archive's "today"
SEED_PHRASES = [
    "kunst rett vest", "tertialrapport", "økonomisk status", "generalforsamling", "studietur",
    "handlingsplan", "budsjettjustering", "kommunelov", "referat styringsgruppen",
    "innovasjonsarena transport", "prioriterte satsingsområder", "vestregionens fremtid",
]  # fmt: skip


# --- The messages ----------------------------------------------------------------------------------


def word_query(rng: random.Random, p: Patterns) -> tuple[str, str]:
    """(kind, text) of one word search as members write them."""
    roll = rng.random()
    if roll < 0.25:
        return "ord", rng.choice(SEED_PHRASES)
    if roll < 0.50:  # the inner part of a compound: «helsesamarbeid» in «kommunehelsesamarbeidet»
        compound = rng.choice(p.compounds)
        inner = compound[len(next(x for x in _prefixes() if compound.startswith(x))) :]
        return "sammensatt", inner if len(inner) >= 6 else compound
    if roll < 0.65:
        word = rng.choice([*p.compounds, "tertialrapport", "generalforsamling", "budsjettjustering"])
        i = rng.randrange(2, len(word) - 3)
        return "skrivefeil", word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if roll < 0.80:
        return "stedsnavn", rng.choice(p.names)
    return "spørsmål", f"hva ble vedtatt om {rng.choice(SEED_PHRASES + p.compounds[:50])}?"


def _prefixes() -> list[str]:
    from bench.synthetic import PREFIXES

    return sorted(PREFIXES, key=len, reverse=True)


def number_query(rng: random.Random, gen: Generated) -> str:
    """«vedtak 24/2016» in one of its forms; one in twenty does not exist."""
    number, year = rng.choice(gen.numbers)
    if rng.random() < 0.05:
        number = 999
    form = rng.choice(
        ["vedtak {n}/{y}", "sak {n}/{y}", "vedtak {n:02d}/{yy:02d}", "hva ble vedtatt i sak {n}/{y}?"]
    )
    return form.format(n=number, y=year, yy=year % 100)


def messages(rng: random.Random, gen: Generated, p: Patterns, count: int) -> Iterator[tuple[str, str]]:
    """(label, text) for `count` member messages, mixed over every command whose handler exists."""
    upcoming = [d for _, b, d in gen.meetings if b == 1 and d > NOW.date()][:6]
    mix: list[tuple[float, Callable[[], list[tuple[str, str]]]]] = [
        (0.30, lambda: [("vedtak nummer", number_query(rng, gen))]),
        (0.30, lambda: [("vedtak ord", "vedtak " + word_query(rng, p)[1])]),
    ]
    if _exists("handlers.next_meeting"):
        mix.append(
            (
                0.10,
                lambda: [("neste-møte", rng.choice(["neste møte", "når er neste møte i styringsgruppen?"]))],
            )
        )
    if _exists("handlers.plan"):
        mix.append((0.10, lambda: [("møteplan", "møteplan")]))
    if _exists("handlers.open_saker"):
        mix.append((0.10, lambda: [("saker", rng.choice(["saker", "åpne saker i rådmannsgruppen"]))]))
    if _exists("handlers.forfall") and upcoming:

        def forfall() -> list[tuple[str, str]]:
            day = rng.choice(upcoming)
            return [
                ("forfall", f"forfall {day.day}.{day.month} pga sykdom"),
                ("trekk-forfall", f"trekk forfall {day.day}.{day.month}"),
            ]

        mix.append((0.10, forfall))
    total = sum(w for w, _ in mix)
    sent = 0
    while sent < count:
        roll, acc = rng.random() * total, 0.0
        for weight, make in mix:
            acc += weight
            if roll <= acc:
                for item in make():
                    sent += 1
                    yield item
                break


def _exists(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


# --- Running and reporting -------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def report(title: str, timings: dict[str, list[float]], qs: tuple[int, ...]) -> None:
    print(f"\n{title}")
    header = f"  {'':<18}{'n':>7}" + "".join(f"{'p' + str(q) + ' ms':>10}" for q in qs) + f"{'max ms':>10}"
    print(header)
    for label, values in sorted(timings.items()):
        row = "".join(f"{percentile(values, q):>10.2f}" for q in qs)
        print(f"  {label:<18}{len(values):>7}{row}{max(values):>10.2f}")


def run_mix(
    engine: Engine, gen: Generated, p: Patterns, count: int, seed: int, skip: tuple[str, ...] = ()
) -> None:
    """`count` messages through the registry, as the member in every body; p50/p99 per command."""
    from handlers.registry import handle, route

    services = Services(factory=session_factory(engine), clock=fixed_clock(NOW))
    timings: dict[str, list[float]] = defaultdict(list)
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misrouted, too_slow = 0, {}
    for label, message in messages(random.Random(seed), gen, p, count):
        if label in too_slow or label.split()[0] in skip:
            continue
        invocation = Invocation(platform="console", user_id=MEMBER, text=message)
        routed = route(invocation)
        if routed is None or routed[0].word != label.split()[0]:
            misrouted += 1
        start = time.perf_counter()
        reply = handle(invocation, services)
        timings[label].append((time.perf_counter() - start) * 1000)
        kinds[label][reply.kind] += 1
        took = timings[label]
        if took[-1] > SLOW_ONE_MS or (len(took) >= SLOW_AFTER and percentile(took, 50) > SLOW_MS):
            too_slow[label] = percentile(took, 50)  # the rest of the run would take hours
    report(f"{count:,} messages through handlers.registry.handle", timings, (50, 99))
    from handlers.reply_cache import cache_of

    kept = cache_of(engine)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"  kept answers used {kept.hits}, made {kept.misses} (every forfall draws a new generation)")
    print(f"  load average after the run: {load} ({os.cpu_count()} cores)")
    print("  replies: " + "; ".join(f"{k}: {dict(v)}" for k, v in sorted(kinds.items())))
    for label, median in too_slow.items():
        print(f"  {label}: stopped after {len(timings[label])} messages (p50 {median:,.0f} ms)")
    if misrouted:
        print(f"  {misrouted} messages were routed to another command than their label")


def run_searches(engine: Engine, p: Patterns, count: int, seed: int) -> None:
    """Word searches through the vedtak handler; p50/p95/p99 per kind of query."""
    from handlers.services import Context
    from handlers.types import DomainError
    from handlers.vedtak import vedtak
    from storage.db import unit_of_work

    services = Services(factory=session_factory(engine), clock=fixed_clock(NOW))
    rng = random.Random(seed)
    timings: dict[str, list[float]] = defaultdict(list)
    empty = 0
    for _ in range(count):
        kind, query = word_query(rng, p)
        invocation = Invocation(platform="console", user_id=MEMBER, text=query, command="vedtak")
        request = Request(invocation=invocation, args=query, asker=None, now=NOW)
        start = time.perf_counter()
        try:
            with unit_of_work(services.factory, write=False) as session:
                reply: Reply | None = vedtak(request, Context(session, services, NOW, services.tz))
        except DomainError:
            reply = None
        elapsed = (time.perf_counter() - start) * 1000
        timings[kind].append(elapsed)
        timings["alle"].append(elapsed)
        empty += reply is None
    report(f"{count:,} vedtak word searches (no hit: {empty})", timings, (50, 95, 99))


@contextmanager
def database(kind: str, pg_url: str, keep: bool) -> Iterator[Engine]:
    """A fresh, empty database: an SQLite file in a temporary folder, or a throwaway PostgreSQL one."""
    if kind == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="motebot-bench-"))
        engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
        try:
            yield engine
        finally:
            engine.dispose()
            if not keep:
                for path in folder.iterdir():
                    path.unlink()
                folder.rmdir()
        return
    admin = make_engine(pg_url, isolation_level="AUTOCOMMIT")
    name = f"motebot_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(admin.url.set(database=name).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        if not keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def archive(engine: Engine, shape: Shape, label: str) -> Generated:
    start = time.perf_counter()
    gen = build(engine, shape)
    took = time.perf_counter() - start
    size = database_size(engine) / 1e6
    print(f"\n== {label}: {gen.saker:,} saker, {shape.bodies} bodies, {shape.first_year}–{shape.last_year}, "
          f"{len(gen.meetings):,} meetings; built and indexed in {took:.0f} s; {size:,.0f} MB")  # fmt: skip
    return gen


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=100_000, help="saker in the archive for the message mix")
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument(
        "--search-size", type=int, default=1_000_000, help="saker for the word search (0: skip)"
    )
    parser.add_argument("--searches", type=int, default=2_000)
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"])
    parser.add_argument("--postgres", default=PG_DEFAULT, help="a server URL (a database is made there)")
    parser.add_argument("--keep", action="store_true", help="keep the databases (for a look afterwards)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip", nargs="*", default=[], metavar="COMMAND", help="e.g. saker (not run)")
    parser.add_argument("--existing", metavar="URL", help="only the word searches, on a database kept before")
    args = parser.parse_args()
    patterns = seed_patterns()
    if args.existing:
        engine = make_engine(args.existing)
        run_searches(engine, patterns, args.searches, args.seed)
        return
    for kind in args.db:
        label = "SQLite" if kind == "sqlite" else "PostgreSQL"
        if args.size and args.messages:
            with database(kind, args.postgres, args.keep) as engine:
                gen = archive(engine, Shape(saker=args.size, bodies=2), label)
                run_searches(engine, patterns, min(args.searches, args.messages), args.seed)
                run_mix(engine, gen, patterns, args.messages, args.seed, tuple(args.skip))
        if args.search_size and args.searches:
            bodies = max(2, args.search_size // 50_000)  # about 650 saker a body a year, as in life
            with database(kind, args.postgres, args.keep) as engine:
                archive(engine, Shape(saker=args.search_size, bodies=bodies), label)
                run_searches(engine, patterns, args.searches, args.seed)


if __name__ == "__main__":
    main()
