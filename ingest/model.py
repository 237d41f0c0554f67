"""What a parser finds in one document: typed, frozen, independent of the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Warning:
    """Something the parser noticed and could not use, with its line number (1-based)."""

    line: int
    code: str  # a stable key; handlers/texts.py holds the Norwegian text for each
    detail: str = ""


@dataclass(frozen=True)
class ParsedAttendance:
    name: str
    organisation: str | None
    status: str  # present | absent | secretariat
    substitute_for: str | None = None  # the member a vara stood in for
    role: str | None = None  # chair | secretary | None


SakKey = tuple[str, int, int]  # (series, number, year): what makes a sak one sak in a body


@dataclass(frozen=True)
class ParsedSak:
    number: int
    year: int
    title: str
    text: str
    vedtak: str | None
    proposal: str | None
    line: int
    series: str = ""  # "" for the main series; «RS», «OS», «DS», «FS» (language.sak_numbers)

    @property
    def key(self) -> SakKey:
        return (self.series, self.number, self.year)


@dataclass(frozen=True)
class PlanLine:
    """«7.12: Styringsgruppen»: a planned meeting, its year inferred from the document's date."""

    body: str
    date: dt.date
    line: int
    raw: str


@dataclass(frozen=True)
class ParsedDocument:
    kind: str  # referat (minutes, protokoll: held) | innkalling (planned, saksliste) | saksframlegg
    body: str  # the body as the document's heading names it; the loader finds or creates it
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    location: str | None
    attendance: tuple[ParsedAttendance, ...] = ()
    saker: tuple[ParsedSak, ...] = ()
    plan: tuple[PlanLine, ...] = ()
    warnings: tuple[Warning, ...] = field(default=())
    agenda: tuple[SakKey, ...] = ()  # each sak the saksliste names


class DocumentError(Exception):
    """A document that cannot be imported: a stable code (Norwegian text in handlers/texts.py)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
