"""Reading a møteplan file into rows, with every problem tied to its line number: the rows and problems,
what both formats share, and .csv (`plan_ics` reads .ics)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers import secretariat_texts
from handlers.plan_input import parse_day, parse_span
from handlers.types import DomainError
from language.folding import fold


@dataclass(frozen=True)
class PlanRow:
    """One meeting of a plan file, as the file has it (local wall-clock times)."""

    line: int
    body: str
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    place: str | None
    cancelled: bool = False


@dataclass(frozen=True)
class Problem:
    line: int
    text: str


Result = tuple[list[PlanRow], list[Problem]]

COLUMNS = {
    "organ": "body", "body": "body", "utvalg": "body",
    "dato": "date", "date": "date", "dag": "date",
    "tid": "time", "time": "time", "klokkeslett": "time",
    "start": "start", "fra": "start", "from": "start", "begynner": "start",
    "slutt": "end", "end": "end", "til": "end", "to": "end",
    "sted": "place", "place": "place", "location": "place", "moterom": "place",
    "status": "status",
}  # fmt: skip


def decode(raw: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a BOM is fine), or the first line that is not."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(line, secretariat_texts.IMPORT_PLAN_NOT_UTF8)]


def match_body(name: str, bodies: Sequence[str]) -> str | None:
    wanted = fold(" ".join(name.split()))
    return next((b for b in bodies if fold(b) == wanted), None)


def _unknown_body(name: str) -> str:
    return secretariat_texts.PLAN_UNKNOWN_BODY.format(name=name)


def dedupe(rows: list[PlanRow], problems: list[Problem]) -> list[PlanRow]:
    seen: dict[tuple[str, dt.date], int] = {}
    kept = []
    for row in rows:
        other = seen.setdefault((row.body, row.date), row.line)
        if other != row.line:
            problems.append(Problem(row.line, secretariat_texts.IMPORT_PLAN_DUPLICATE.format(other=other)))
        else:
            kept.append(row)
    return kept


# --- CSV ------------------------------------------------------------------------------------------


def read_csv(
    raw: bytes, *, bodies: Sequence[str], forced_body: str | None = None, tz: ZoneInfo | None = None
) -> Result:
    """A header (organ, dato, start, slutt | tid, sted, status), then a meeting a line; `,` `;` or tab."""
    text, problems = decode(raw)
    if text is None:
        return [], problems
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[PlanRow] = []
    for record in reader:
        line = reader.line_num
        if not any(field.strip() for field in record):
            continue
        if header is None:
            header = [COLUMNS.get(fold(h.strip().strip("\ufeff")), "?") for h in record]
            needed = ["date"] + ([] if forced_body else ["body"])
            missing = [name for name in needed if name not in header]
            if missing:
                shown = ", ".join({"body": "organ", "date": "dato"}[m] for m in missing)
                return [], [Problem(line, secretariat_texts.IMPORT_PLAN_CSV_HEADER.format(columns=shown))]
            continue
        if len(record) != len(header):
            found, expected = len(record), len(header)
            problems.append(
                Problem(line, secretariat_texts.IMPORT_PLAN_CSV_FIELDS.format(found=found, expected=expected))
            )
            continue
        fields = {name: value.strip() for name, value in zip(header, record, strict=True) if name != "?"}
        row = _csv_row(line, fields, bodies, forced_body, problems)
        if row is not None:
            rows.append(row)
    return dedupe(rows, problems), problems


def _csv_row(
    line: int, fields: dict[str, str], bodies: Sequence[str], forced: str | None, problems: list[Problem]
) -> PlanRow | None:
    try:
        body = forced or match_body(fields.get("body", ""), bodies)
        if body is None:
            raise DomainError(_unknown_body(fields.get("body", "")))
        day = parse_day(fields.get("date", ""))
        start: dt.time | None = None
        end: dt.time | None = None
        if fields.get("time"):
            start, end = parse_span(fields["time"])
        elif fields.get("start"):
            span = fields["start"] + (f"-{fields['end']}" if fields.get("end") else "")
            start, end = parse_span(span)
        elif fields.get("end"):
            raise DomainError(secretariat_texts.IMPORT_PLAN_CSV_END_ONLY)
        status = fold(fields.get("status", ""))
        if (
            status
            not in secretariat_texts.IMPORT_PLAN_CANCEL_WORDS + secretariat_texts.IMPORT_PLAN_PLANNED_WORDS
        ):
            raise DomainError(secretariat_texts.IMPORT_PLAN_CSV_STATUS.format(value=fields.get("status", "")))
    except DomainError as exc:
        problems.append(Problem(line, exc.message))
        return None
    cancelled = status in secretariat_texts.IMPORT_PLAN_CANCEL_WORDS
    return PlanRow(line, body, day, start, end, fields.get("place") or None, cancelled)
