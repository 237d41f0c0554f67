"""A synthetic meeting archive made from the seed minutes' own titles, vedtak and sentences.

Titles, vedtak and texts are drawn from the seeds and recombined with generated Norwegian
compounds («kommunehelsesamarbeidet») and place names, over many years and bodies. Saker and
treatments go in by bulk (executemany on SQLite, COPY on PostgreSQL) at schema 0001; then the
search migration indexes them, as it would an existing archive.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, MetaData, Table, column, insert, table, text

from storage.base import Base
from storage.db import upgrade
from storage.read_model import SKIP

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "examples" / "referater").glob("*.txt"))
OSLO = ZoneInfo("Europe/Oslo")
MEMBER = "Bench Medlem"  # the member who sends the benchmark's messages, in every body

PREFIXES = ["kommune", "region", "fylkes", "nærings", "fag", "helse", "kultur", "areal", "vei", "skole",
            "barne", "bolig", "klima", "innbygger", "eldre"]  # fmt: skip
STEMS = ["helse", "samarbeid", "plan", "prosjekt", "transport", "tjeneste", "avtale", "strategi",
         "utvalg", "forum", "nettverk", "reform", "analyse", "satsing", "ordning"]  # fmt: skip
ENDINGS = ["", "", "et", "en", "ene", "er"]
NAME_HEADS = ["Lin", "Sol", "Ber", "Hau", "Skog", "Fjell", "Strand", "Vik", "Dal", "Nes", "Bø", "Ås",
              "Eik", "Lund", "Mo", "Ros", "Grøn", "Kval", "Sand", "Tors"]  # fmt: skip
NAME_MIDS = ["e", "a", "", "er"]
NAME_TAILS = ["by", "vang", "heim", "berg", "stad", "rud", "seter", "haug", "vik", "land"]
TITLE_LEADS = ["Status", "Orientering om", "Høring –", "Søknad om midler til", "Evaluering av", "Rapport fra"]
BODY_NAMES = ["Rådmannsgruppen", "Styringsgruppen"]


@dataclass(frozen=True)
class Patterns:
    """What the seeds give: sak titles, sentences, and the sentences that read like a vedtak."""

    titles: list[str]
    sentences: list[str]
    vedtak: list[str]
    compounds: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def seed_patterns() -> Patterns:
    """Titles, sentences and vedtak from the seed files, plus generated compounds and names."""
    titles: list[str] = []
    sentences: set[str] = set()
    for path in SEEDS:
        raw = path.read_text(encoding="utf-8")
        lines = [line.strip().strip("*#").strip() for line in raw.splitlines()]
        for i, line in enumerate(lines):
            m = re.match(r"^\**Sak\s+\d+/\d{4}\**\s*(.*)$", line)
            if m:
                title = m[1].strip("* ").replace("\\_", "_")
                rest = (x.strip("* ") for x in lines[i + 1 : i + 6] if x and x != "Vedlegg")
                titles.append(title or next(rest, "Eventuelt"))
        for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", re.sub(r"[*#_]", "", raw)):
            sentence = " ".join(sentence.split())
            if 6 <= len(sentence.split()) <= 45 and sum(c.isalpha() for c in sentence) > 0.7 * len(sentence):
                sentences.add(sentence.removeprefix("Vedtak: "))
    ordered = sorted(sentences)
    vedtak = [s for s in ordered if re.search(r"godkjenn|orientering|anbefal|slutter seg|vedtas|bes ", s)]
    compounds = [p + s + t for p in PREFIXES for s in STEMS if p != s for t in ("", "samarbeid", "plan")]
    names = [h + m + t for h in NAME_HEADS for m in NAME_MIDS for t in NAME_TAILS]
    return Patterns(sorted(set(titles)), ordered, vedtak, compounds, names)


@dataclass(frozen=True)
class Shape:
    """How big the archive is and how it spreads over bodies and years."""

    saker: int
    bodies: int = 2
    first_year: int = 1950
    last_year: int = 2026
    meetings_per_year: int = 10
    today: dt.date = dt.date(2025, 10, 2)  # meetings after this are planned, with forslag only

    @property
    def years(self) -> int:
        return self.last_year - self.first_year + 1

    @property
    def per_meeting(self) -> int:
        return -(-self.saker // (self.bodies * self.years * self.meetings_per_year))


@dataclass
class Generated:
    """Row counts and what the workload needs to know about the archive."""

    meetings: list[tuple[int, int, dt.date]] = field(default_factory=list)  # (id, body_id, date)
    numbers: list[tuple[int, int]] = field(default_factory=list)  # a sample of (number, year)
    saker: int = 0


class Synth:
    """Deterministic rows for a Shape (the same seed gives the same archive)."""

    def __init__(self, shape: Shape, patterns: Patterns, seed: int = 1) -> None:
        self.shape, self.p, self.rng = shape, patterns, random.Random(seed)

    def compound(self) -> str:
        return self.rng.choice(self.p.compounds) + self.rng.choice(ENDINGS)

    def title(self, year: int) -> str:
        if self.rng.random() < 0.6:
            return re.sub(r"(?<!\d)20[12]\d(?!\d)", str(year), self.rng.choice(self.p.titles))
        lead = self.rng.choice(TITLE_LEADS)
        place = f" i {self.rng.choice(self.p.names)}" if self.rng.random() < 0.5 else ""
        return f"{lead} {self.compound()}{place}"

    def sak_text(self) -> str:
        picked = self.rng.sample(self.p.sentences, self.rng.randint(1, 3))
        return " ".join([*picked, f"Saken gjelder {self.compound()} i {self.rng.choice(self.p.names)}."])

    def decision(self, body: str) -> str:
        if self.rng.random() < 0.5:
            return self.rng.choice(self.p.vedtak)
        return f"{body} slutter seg til forslaget om {self.compound()}."

    def meetings(self) -> Iterator[tuple[int, int, dt.date]]:
        """(meeting id, body id, date) over every body and year."""
        meeting_id = 0
        for body_id in range(1, self.shape.bodies + 1):
            for year in range(self.shape.first_year, self.shape.last_year + 1):
                for k in range(self.shape.meetings_per_year):
                    meeting_id += 1
                    yield meeting_id, body_id, dt.date(year, 1 + k, 8 + body_id % 20)

    def rows(self, gen: Generated) -> Iterator[tuple[tuple[object, ...], tuple[object, ...]]]:
        """(sak row, treatment row) pairs: numbered per body and year, one treatment each."""
        numbers: dict[tuple[int, int], int] = {}
        names = body_names(self.shape.bodies)
        for meeting_id, body_id, day in gen.meetings:
            for _ in range(self.shape.per_meeting):
                if gen.saker >= self.shape.saker:
                    return
                gen.saker += 1
                key = (body_id, day.year)
                numbers[key] = numbers.get(key, 0) + 1
                decided = day <= self.shape.today and self.rng.random() < 0.9
                said = self.decision(names[body_id - 1])
                sak = (gen.saker, body_id, numbers[key], day.year, self.title(day.year))
                treatment = (gen.saker, gen.saker, meeting_id, meeting_id, numbers[key], self.sak_text(),
                             None if decided else said, said if decided else None)  # fmt: skip
                if self.rng.random() < 0.01:
                    gen.numbers.append((numbers[key], day.year))
                yield sak, treatment


def body_names(count: int) -> list[str]:
    return (BODY_NAMES + [f"Arbeidsutvalg {i}" for i in range(3, count + 1)])[:count]


def _alembic(engine: Engine, revision: str) -> None:
    upgrade(engine, revision)


def build(engine: Engine, shape: Shape, *, seed: int = 1) -> Generated:
    """The archive in `engine` (an empty database): schema 0001, bulk rows, then the search migration."""
    _alembic(engine, "0001")
    synth, gen = Synth(shape, seed_patterns(), seed), Generated()
    gen.meetings = list(synth.meetings())
    now = dt.datetime(2025, 10, 2, 10, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execution_options(**{SKIP: True})  # schema 0001: no read generation table yet
        _rows(conn, "bodies", [{"id": i + 1, "name": n} for i, n in enumerate(body_names(shape.bodies))])
        _rows(conn, "people", [{"id": 1, "name": MEMBER, "organisation": "Bench"}])
        member = [{"person_id": 1, "body_id": b, "role": "member"} for b in range(1, shape.bodies + 1)]
        _rows(conn, "memberships", member)
        docs, meetings = [], []
        for meeting_id, body_id, day in gen.meetings:
            held = day <= shape.today
            start = dt.datetime.combine(day, dt.time(9), tzinfo=OSLO)
            docs.append({"id": meeting_id, "file_name": f"b{body_id}_{day.isoformat()}.txt",
                         "content_hash": uuid.uuid4().hex, "kind": "referat" if held else "saksframlegg",
                         "doc_date": day, "warnings": [], "imported_at": now})  # fmt: skip
            meetings.append({"id": meeting_id, "body_id": body_id, "date": day, "starts_at": start,
                             "ends_at": start + dt.timedelta(hours=2, minutes=30), "location": "Rådhuset",
                             "status": "held" if held else "planned"})  # fmt: skip
        _rows(conn, "documents", docs)
        _rows(conn, "meetings", meetings)
        _rows(conn, "meeting_sources", [{"meeting_id": m["id"], "document_id": m["id"]} for m in meetings])
    if engine.dialect.name == "postgresql":

        def again() -> Iterator[tuple[tuple[object, ...], ...]]:
            return Synth(shape, synth.p, seed).rows(Generated(meetings=gen.meetings))

        _copy_postgres(engine, again)
        for _ in synth.rows(gen):  # the counts and the sample of numbers
            pass
    else:
        _insert_sqlite(engine, synth.rows(gen))
    _alembic(engine, "head")
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))  # what autovacuum does soon after a bulk load
    return gen


def _rows(conn: Connection, name: str, rows: list[dict[str, object]]) -> None:
    """Insert into a table as schema 0001 has it: the models carry columns later migrations add
    (with their server defaults), so only the columns there are written, each with its model
    default when the row leaves it out."""
    model = Base.metadata.tables[name]
    present = [c.name for c in Table(name, MetaData(), autoload_with=conn).columns]
    defaults: dict[str, object] = {}
    for key in present:
        default: Any = model.c[key].default
        if key not in rows[0] and default is not None and (default.is_scalar or default.is_callable):
            defaults[key] = default.arg if default.is_scalar else default.arg(None)
    columns = [k for k in present if k in rows[0] or k in defaults]
    stmt = insert(table(name, *(column(k, model.c[k].type) for k in columns)))
    conn.execute(stmt, [{**defaults, **row} for row in rows])


SAK_COLUMNS = "id, body_id, number, year, title"
TREATMENT_COLUMNS = "id, sak_id, meeting_id, document_id, position, text, proposal, vedtak"


def _insert_sqlite(engine: Engine, rows: Iterator[tuple[tuple[object, ...], tuple[object, ...]]]) -> None:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("BEGIN")
        batch: list[tuple[tuple[object, ...], tuple[object, ...]]] = []
        for pair in rows:
            batch.append(pair)
            if len(batch) >= 20_000:
                _sqlite_batch(cur, batch)
                batch = []
        _sqlite_batch(cur, batch)
        cur.execute("COMMIT")
    finally:
        raw.close()


def _sqlite_batch(cur: object, batch: list[tuple[tuple[object, ...], tuple[object, ...]]]) -> None:
    cur.executemany(f"INSERT INTO saker ({SAK_COLUMNS}) VALUES (?, ?, ?, ?, ?)", [s for s, _ in batch])  # type: ignore[attr-defined]
    cur.executemany(  # type: ignore[attr-defined]
        f"INSERT INTO treatments ({TREATMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [t for _, t in batch]
    )


def _copy_postgres(engine: Engine, passes: Callable[[], Iterator[tuple[tuple[object, ...], ...]]]) -> None:
    """COPY saker, then treatments; the rows are made twice (same seed) rather than held in memory."""
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        with conn.cursor() as cur:  # type: ignore[union-attr]
            for i, table, columns in ((0, "saker", SAK_COLUMNS), (1, "treatments", TREATMENT_COLUMNS)):
                with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for pair in passes():
                        copy.write_row(pair[i])
            for table in ("bodies", "people", "memberships", "documents", "meetings", "saker", "treatments"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}")
        conn.commit()  # type: ignore[union-attr]
    finally:
        raw.close()


def database_size(engine: Engine) -> int:
    """Bytes on disk (PostgreSQL: the database; SQLite: the file and its WAL)."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
    path = Path(engine.url.database or "")
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
