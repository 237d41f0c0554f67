"""Import benchmark: 1,000 variants of the seed documents and the corpus into SQLite and PostgreSQL.

Prints documents per second and the database size for each. Not a test: run it by hand or with
`make bench`. Variants shift every year in a seed by k (so dates, years and the meetings' natural
keys move) and every sak number by a step, then the files go through `motebot import`'s loader.

    python bench/ingest_rate.py [--count 1000] [--postgres URL | --no-postgres] [--loader-only]

`--loader-only` swaps the parser for the hand-built seed documents (shifted the same way), to
measure the database side alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from ingest.load import import_paths  # noqa: E402
from ingest.model import ParsedDocument  # noqa: E402
from storage.clock import fixed_clock, parse_when  # noqa: E402
from storage.db import checkpoint, make_engine, session_factory, upgrade  # noqa: E402

SEEDS = sorted((ROOT / "examples" / "referater").glob("*.txt"))
# The hand-written corpus of other bodies' layouts (tests/fixtures/corpus), cycled with the seeds.
CORPUS = sorted((ROOT / "tests" / "fixtures" / "corpus" / "src").glob("*.txt"))
PG_DEFAULT = os.environ.get(
    "MOTEBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?!\d)")
SAK = re.compile(r"(Sak\s+)(\d{1,3})(/)")
SAK_STEP = 40  # sak numbers move by k * step (mod 900) so they differ from the seeds'


SHORT_YEAR = re.compile(r"(?<=\d/)(\d{2})(?![\d/])")  # «PS 1/19»: a sak's two-digit year


def variant_text(source: str, k: int) -> str:
    """The text with every year moved k years on (two-digit sak years too) and «Sak» numbers shifted."""
    shifted = YEAR.sub(lambda m: str(int(m.group(1)) + k), source)
    shifted = SHORT_YEAR.sub(lambda m: f"{(int(m.group(1)) + k) % 100:02d}", shifted)
    return SAK.sub(lambda m: f"{m.group(1)}{(int(m.group(2)) + k * SAK_STEP) % 900 + 1}{m.group(3)}", shifted)


def make_documents(target: Path, count: int, *, corpus: bool = True) -> list[Path]:
    """`count` variant files, cycling through the seeds (and the corpus) with k = 1, 2, …"""
    sources = [(p, p.read_text(encoding="utf-8")) for p in (*SEEDS, *(CORPUS if corpus else ()))]
    paths = []
    for i in range(count):
        seed, source = sources[i % len(sources)]
        k = 1 + i // len(sources)
        path = target / f"v{k:04d}_{seed.name}"
        path.write_text(variant_text(source, k), encoding="utf-8")
        paths.append(path)
    return paths


def _shift(day: dt.date, k: int) -> dt.date:
    return day.replace(year=day.year + k)


def loader_only_parser(path: Path) -> ParsedDocument:
    """The hand-built seed document, shifted like the file (measures the database side alone)."""
    from tests.integration.ingest.seed_docs import BY_PREFIX

    k = int(path.name[1:5])
    doc = BY_PREFIX[path.name.split("_", 1)[1][:3]]
    return dataclasses.replace(
        doc,
        date=_shift(doc.date, k),
        saker=tuple(
            dataclasses.replace(s, year=s.year + k, number=(s.number + k * SAK_STEP) % 900 + 1)
            for s in doc.saker
        ),
        plan=tuple(dataclasses.replace(p, date=_shift(p.date, k)) for p in doc.plan),
    )


def run(url: str, paths: list[Path], parser: object) -> tuple[float, float, int]:
    """Import `paths` into the database at `url`; (wall seconds, CPU seconds here, failed documents)."""
    engine = make_engine(url)
    upgrade(engine)
    factory = session_factory(engine)
    clock = fixed_clock(parse_when("2017-10-02"))
    started, cpu = time.perf_counter(), time.process_time()
    reports = import_paths(factory, paths, clock=clock, parse=parser)  # type: ignore[arg-type]
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    failed = [r for r in reports if not r.ok]
    for r in failed[:5]:
        print(f"  failed: {r.file_name}: {r.error_code} {r.error_detail}")
    engine.dispose()
    return elapsed, cpu, len(failed)


def sqlite_size(path: Path) -> int:
    engine = make_engine(f"sqlite:///{path}")
    checkpoint(engine)
    engine.dispose()
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def report(label: str, count: int, seconds: float, cpu: float, failed: int, size: int) -> None:
    # CPU time of this process too: on a shared machine the wall clock also counts other work
    # (and, for PostgreSQL, the server's own time is not in it).
    print(
        f"{label:<11} {count} documents in {seconds:6.2f} s = {count / seconds:7.1f} documents/s"
        f" ({count / cpu:.0f}/s per CPU-second of this process), {failed} failed,"
        f" database {size / 1_000_000:.1f} MB"
    )


def main() -> None:
    """Generate, import, print figures."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--count", type=int, default=1000)
    args.add_argument("--postgres", default=PG_DEFAULT)
    args.add_argument("--no-postgres", action="store_true")
    args.add_argument("--loader-only", action="store_true")
    opts = args.parse_args()
    if opts.loader_only:
        parser: object = loader_only_parser
    else:
        from ingest.parse import parse_file

        parser = parse_file
    with tempfile.TemporaryDirectory(prefix="motebot-bench-") as tmp:
        work = Path(tmp)
        (work / "docs").mkdir()
        paths = make_documents(work / "docs", opts.count, corpus=not opts.loader_only)
        if not opts.loader_only:
            started = time.perf_counter()
            for p in paths:
                parse_file(p)
            parse_s = time.perf_counter() - started
            rate = len(paths) / parse_s
            print(f"{'parse only':<11} {len(paths)} documents in {parse_s:6.2f} s = {rate:7.1f} documents/s")

        db_path = work / "bench.db"
        seconds, cpu, failed = run(f"sqlite:///{db_path}", paths, parser)
        report("SQLite", len(paths), seconds, cpu, failed, sqlite_size(db_path))

        if opts.no_postgres:
            return
        admin = make_engine(opts.postgres, isolation_level="AUTOCOMMIT")
        name = f"motebot_bench_{uuid.uuid4().hex[:8]}"
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:  # no server: say so and stop
            print(f"PostgreSQL  skipped: {type(exc).__name__}: {exc}".splitlines()[0])
            return
        try:
            url = admin.url.set(database=name).render_as_string(hide_password=False)
            seconds, cpu, failed = run(url, paths, parser)
            with admin.connect() as conn:
                size = conn.execute(text("SELECT pg_database_size(:n)"), {"n": name}).scalar_one()
            report("PostgreSQL", len(paths), seconds, cpu, failed, int(size))
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
