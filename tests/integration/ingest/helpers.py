"""Small helpers shared by the loader tests: import with a given parser, export, seed paths."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from ingest.load import ImportReport, Parser, import_paths
from storage.clock import fixed_clock, parse_when
from storage.export import export_data, export_json
from tests.conftest import SEEDS

CLOCK = fixed_clock(parse_when("2017-10-02"))


def seed(prefix: str) -> Path:
    """The seed file whose name starts with `prefix` («000»)."""
    return next(p for p in SEEDS if p.name.startswith(prefix))


def load(db: sessionmaker[Session], paths: list[Path], parse: Parser | None) -> list[ImportReport]:
    return import_paths(db, paths, clock=CLOCK, parse=parse)


def dump(db: sessionmaker[Session]) -> str:
    with db() as session:
        return export_json(session)


def data(db: sessionmaker[Session]) -> dict:
    with db() as session:
        return export_data(session)


def meeting(db: sessionmaker[Session], body: str, date: str) -> dict:
    return next(m for m in data(db)["meetings"] if m["body"] == body and m["date"] == date)
