"""What one document's import found and what it could not place: the report the command line words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ingest.model import ParsedDocument, Warning
from language.sak_numbers import sak_label
from storage.importing import DocumentMeeting


@dataclass(frozen=True)
class ImportCounts:
    """What a document brought: meetings named (its own and its plan lines'), saker, and so on."""

    meetings: int = 0
    saker: int = 0
    vedtak: int = 0
    proposals: int = 0
    attendance: int = 0
    plan_lines: int = 0


@dataclass(frozen=True)
class Replaced:
    """An earlier document this one takes the place of (same kind, body and meeting), and what it held."""

    file_name: str
    kind: str
    meetings: tuple[DocumentMeeting, ...]


@dataclass(frozen=True)
class Agenda:
    """The saksliste against what was read: listed saker, those read with a vedtak, those without."""

    listed: tuple[str, ...] = ()
    with_vedtak: tuple[str, ...] = ()
    without_vedtak: tuple[str, ...] = ()
    unread: tuple[str, ...] = ()  # listed, but no heading of that sak anywhere in the document


@dataclass(frozen=True)
class ImportReport:
    """The outcome of importing one file."""

    file_name: str
    ok: bool
    unchanged: bool = False
    error_code: str | None = None
    error_detail: str = ""
    counts: ImportCounts = field(default_factory=ImportCounts)
    warnings: tuple[Warning, ...] = ()
    kind: str | None = None
    body: str | None = None
    date: dt.date | None = None
    new_bodies: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (name, short forms)
    replaced: tuple[Replaced, ...] = ()
    same_file_name: bool = False  # another document of this file name is kept beside this one
    agenda: Agenda = field(default_factory=Agenda)
    start: dt.time | None = None
    end: dt.time | None = None
    location: str | None = None
    present: int = 0
    absent: int = 0
    plan_dates: tuple[tuple[str, dt.date], ...] = ()
    by_other: bool = False  # a concurrent import wrote this very document first
    dry_run: bool = False

    @property
    def held(self) -> bool:
        """Minutes (referat, protokoll): the meeting was held."""
        return self.kind == "referat"

    @property
    def complete(self) -> bool:
        """False when the saksliste names saker that were not read (with a vedtak, for minutes)."""
        return not self.agenda.unread and not (self.held and self.agenda.without_vedtak)


def agenda_of(parsed: ParsedDocument) -> Agenda:
    """The saksliste (or, without one, the saker read) against the saker read with a vedtak."""
    read = {s.key: s for s in parsed.saker}
    listed = list(dict.fromkeys([*parsed.agenda, *read]))
    label = {k: sak_label(*k, short_year=True) for k in listed}
    return Agenda(
        listed=tuple(label[k] for k in listed),
        with_vedtak=tuple(label[k] for k in listed if k in read and read[k].vedtak),
        without_vedtak=tuple(label[k] for k in listed if k not in read or not read[k].vedtak),
        unread=tuple(label[k] for k in listed if k not in read),
    )


def counts_of(parsed: ParsedDocument) -> ImportCounts:
    named = {(parsed.body, parsed.date)} | {(p.body, p.date) for p in parsed.plan}
    return ImportCounts(
        meetings=len(named),
        saker=len(parsed.saker),
        vedtak=sum(1 for s in parsed.saker if s.vedtak),
        proposals=sum(1 for s in parsed.saker if s.proposal),
        attendance=len({a.name for a in parsed.attendance}),
        plan_lines=len(parsed.plan),
    )
