"""One fuzzed document read, parsed and imported on a seeded database, rolled back after."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from bot.import_report import IMPORT_ERRORS, IMPORT_WARNINGS, describe
from ingest.load import INTERNAL_ERROR, ImportReport, import_path
from ingest.model import DocumentError, ParsedDocument
from ingest.parse import ERROR_CODES, parse_file
from storage.clock import fixed_clock
from tests.fuzz.world import digest, rolled_back
from tests.integration.handlers.members.seeds import NOW


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def parse_or_refuse(path: Path) -> tuple[ParsedDocument | None, str | None, float]:
    """The parsed document, or the refusal's code; and the CPU seconds it took. Anything but a
    DocumentError escapes (the property: the readers and parsers raise nothing else)."""
    start = time.thread_time()
    try:
        parsed, code = parse_file(path), None
    except DocumentError as refused:
        parsed, code = None, refused.code
    return parsed, code, time.thread_time() - start


def norwegian(report: ImportReport) -> list[str]:
    """The report's lines; each code it carries must have its own Norwegian text."""
    if not report.ok:
        assert report.error_code in IMPORT_ERRORS, report
    for warning in report.warnings:
        assert warning.code in IMPORT_WARNINGS, warning
    return describe(report)


@dataclass(frozen=True)
class Imported:
    report: ImportReport
    wrote: bool
    cpu: float


def import_one(engine: Engine, path: Path) -> Imported:
    """`path` imported on the seeded database; undone after."""
    with rolled_back(engine) as (conn, factory):
        before = digest(conn)
        start = time.thread_time()
        report = import_path(factory, path, clock=fixed_clock(NOW), parse=parse_file)
        cpu = time.thread_time() - start
        wrote = digest(conn) != before
    return Imported(report, wrote, cpu)


__all__ = ["ERROR_CODES", "INTERNAL_ERROR", "Imported", "import_one", "norwegian", "parse_or_refuse", "write"]
