"""The head of a document: title (body and date), «Tid:», «Sted:» and the attendance sections."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ingest.attendance_rows import row_entry, table_rows
from ingest.bodies import KIND_NONE, heading_body, kind_word, label_body
from ingest.model import ParsedAttendance, Warning
from ingest.names import Entry, looks_like_list, names_only, pair_entries
from ingest.text import Line, collapse, find_date, find_times, is_markdown_heading

W_DATE_MISMATCH = "date_mismatch"
W_NO_TIME = "time_not_found"

# The head's labels, bokmål and nynorsk, hand-written and case-system (ACOS WebSak, Elements, 360).
_LABELS: dict[str, str] = {
    "present": r"til\s*stede|til\s*stades|møtt|fremmøtt\w*|frammøtt\w*|deltakere|deltakarar|tilstede"
    r"|(?:faste\s+)?(?:medlemmer|medlemar)\s+som\s+møtte|møtende\s+medlemmer|møtande\s+medlemmer"
    r"|møtende\s+varamedlemmer|møtande\s+varamedlemmer|(?:varamedlemmer|varamedlemar)\s+som\s+møtte"
    r"|ordførere|ordførarar|rådmenn|rådmenner|kommunedirektører|kommunedirektørar|medlemmer|medlemar",
    "absent": r"(?:meldt\s+)?forfall|fravær\w*|fråvær\w*|ikke\s+møtt|ikkje\s+møtt|forfall\s+meldt"
    r"|(?:faste\s+)?(?:medlemmer|medlemar)\s+som\s+(?:ikke|ikkje)\s+møtte|meldt\s+fråfall",
    "secretariat": r"(?:fra\s+|frå\s+)?sekretariat(?:et)?|(?:fra|frå)\s+administrasjonen(?:\s+møtte)?"
    r"|(?:andre\s+)?(?:til\s+stede|til\s+stades)\s+(?:fra|frå)\s+administrasjonen|administrasjonen"
    r"|andre\s+(?:til\s+stede|til\s+stades|møtande|møtende)",
    "lead": r"møteledelse|møteleder|møteleiar|møteleiing",
    "secretary": r"referent|protokollfører|protokollførar|sekretær",
    "time": r"tid|tidspunkt|møtetid|dato\s+og\s+tid|dato|møtedato|klokkeslett"
    r"|fra\s*[-–]\s*til|frå\s*[-–]\s*til|møtestart|møteslutt",
    "place": r"sted|møtested|stad|møtestad|møterom|møtelokale",
}
_LABEL = re.compile(
    r"^(?:" + "|".join(f"(?P<{key}>{form})" for key, form in _LABELS.items()) + r")\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# Labels that also occur inside a running attendance paragraph («… Buskerud Sekretariatet: Nina …»).
_INLINE = re.compile(r"(?<!\w)(sekretariatet|sekretariat|forfall|møteleder|referent)\s*:\s*", re.IGNORECASE)
_INLINE_KIND = {"sekretariatet": "secretariat", "sekretariat": "secretariat", "forfall": "absent",
                "møteleder": "lead", "referent": "secretary"}  # fmt: skip
_LIST_SECTIONS = ("present", "absent", "secretariat")
_STATUS = {"present": "present", "absent": "absent", "secretariat": "secretariat"}


@dataclass
class Head:
    """What the head of a document says."""

    body: str | None = None
    kind: str = KIND_NONE  # what the heading says: held (referat, protokoll) or called (innkalling)
    date: dt.date | None = None
    title: str | None = None
    title_line: int = 0
    start: dt.time | None = None
    end: dt.time | None = None
    location: str | None = None
    attendance: list[ParsedAttendance] = field(default_factory=list)
    has_time_line: bool = False
    warnings: list[Warning] = field(default_factory=list)


def label_of(text: str) -> tuple[str, str] | None:
    """(section kind, rest of line) for «Til stede: …», «Forfall:», «Tid: …» lines; None otherwise."""
    match = _LABEL.match(text)
    if match is None:
        return None
    kind = next(key for key in _LABELS if match[key] is not None)
    return kind, match["rest"]


def find_title(lines: Sequence[Line]) -> tuple[Line, str, str] | None:
    """The heading line naming the document's body in a known form, with the body and the kind.

    «Referat fra møte i X …», «Møteprotokoll X», «Innkalling til møte i X», «Xs møte …»; else a
    case-system label «Utvalg: X». The kind also comes from a line that is only «REFERAT» or
    «Møteinnkalling».
    """
    kind = KIND_NONE
    labelled: tuple[Line, str] | None = None
    for line in lines:
        if not line.text:
            continue
        word = kind_word(line.text)
        if word is not None:
            kind = kind or word
            continue
        if label_of(line.text) is not None:
            continue
        found = heading_body(line.text)
        if found is not None:
            return line, found.name, found.kind or kind
        named = label_body(line.text)
        if named is not None and labelled is None:
            labelled = (line, named)
    if labelled is not None:
        return labelled[0], labelled[1], kind
    return None


_BARE_TIME = re.compile(r"(?<![\d.])(\d{1,2})[.:](\d{2})(?![\d.])")


def _clock(hour: str, minute: str) -> dt.time | None:
    try:
        return dt.time(int(hour), int(minute))
    except ValueError:
        return None


_CAPITAL = re.compile(r"(?<=\s)[A-ZÆØÅ]")


def split_labels(lines: Sequence[Line]) -> list[Line]:
    """Lines with labels run together, as a PDF flattens them («Møtestad: Knarvik Møtedato: 12.03.2019
    Tid: 10:00»), cut before each label; other lines as they are."""
    out: list[Line] = []
    for line in lines:
        text = line.text
        if text.count(":") < 2:
            out.append(line)
            continue
        cuts = [0]
        for match in _CAPITAL.finditer(text):
            rest = text[match.start() :]
            if (label_of(rest) or label_body(rest)) and not _INLINE.match(rest):
                cuts.append(match.start())
        cuts.append(len(text))
        for a, b in itertools.pairwise(cuts):
            piece = text[a:b].strip()
            if piece:
                out.append(Line(line.no, piece, piece))
    return out


def parse_head(lines: Sequence[Line]) -> Head:
    """Body, date, time, place and attendance from the lines before the first sak."""
    head = Head()
    lines = split_labels(lines)
    found = find_title(lines)
    if found is None:
        return head
    title, head.body, head.kind = found
    head.title, head.title_line = title.text, title.no
    head.date = find_date(title.text)
    sections = _sections([ln for ln in lines if ln is not title and label_body(ln.text) is None])
    entries: list[tuple[str, Entry]] = []
    for kind, no, text in sections:
        if kind == "time":
            _read_time(head, no, text)
        elif kind == "place":  # a second «Sted:» is no list of names: the first place stands
            head.location = head.location or collapse(text).rstrip(".") or None
        else:
            _read_attendance(head, entries, kind, no, text)
    head.attendance = [
        ParsedAttendance(e.name, e.organisation, _STATUS[k], e.substitute_for, e.role) for k, e in entries
    ]
    if head.date is None:  # «Møteplan 2023 for …», «Vedtatt av bystyret 08.12.2022.»
        head.date = next((d for d in (find_date(ln.text) for ln in lines) if d), None)
    return head


def _read_time(head: Head, no: int, text: str) -> None:
    head.has_time_line = True
    date = find_date(text)
    if date and head.date and date != head.date:
        head.warnings.append(Warning(no, W_DATE_MISMATCH, f"{head.date.isoformat()} / {date.isoformat()}"))
    head.date = head.date or date
    start, end = find_times(text)
    if start is None:  # «Tid: 09:00» under a «Tid» label: a bare clock time is the start
        bare = _BARE_TIME.search(text)
        start = _clock(bare[1], bare[2]) if bare and not find_date(text[: bare.end()]) else None
    if head.start is None:
        head.start, head.end = start, end


def _sections(lines: Sequence[Line]) -> list[tuple[str, int, str]]:
    """(kind, first line number, text) for each labelled section of the head, in document order.

    A members' list may run over several blank-separated blocks (seed 003: politicians, then chief
    executives); a block belongs to the list while it reads as one. «Møteledelse» lines stay lines.
    """
    out: list[tuple[str, int, str]] = []
    kind: str | None = None
    parts: list[str] = []
    first = 0
    blank = False

    def flush() -> None:
        if kind is not None:
            out.append((kind, first, "\n".join(parts)))

    for line in lines:
        if line.blank:
            blank = True
            continue
        found = label_of(line.text)
        if found is not None:
            flush()
            kind, parts, first = found[0], [found[1]] if found[1] else [], line.no
        elif kind is None or is_markdown_heading(line.raw) or line.text.endswith(":"):
            flush()
            kind, parts = None, []
        elif _continues(kind, blank, line.text):
            parts.append(line.text)
        else:
            flush()
            kind, parts = None, []
        blank = False
    flush()
    return out


def _continues(kind: str, blank: bool, text: str) -> bool:
    """Whether a line still belongs to the section above (a list may go on after a blank line)."""
    if not blank:
        return kind in (*_LIST_SECTIONS, "lead")
    if ":" in text and not _INLINE.search(text):
        return False  # «Fra administrasjonen: …» is another list, under a label we do not know
    return kind in _LIST_SECTIONS and looks_like_list(text)


def _read_attendance(head: Head, entries: list[tuple[str, Entry]], kind: str, no: int, text: str) -> None:
    if kind == "lead":
        for row in text.split("\n"):
            _read_lead(entries, row)
        return
    rows = table_rows(text) if kind in _LIST_SECTIONS else None
    if rows is not None:
        for row in rows:
            entry = row_entry(row)
            if entry is not None:
                entries.append((kind, entry))
                continue
            found, problems = pair_entries(row) if kind != "secretariat" else names_only(row)
            entries.extend((kind, e) for e in found)
            head.warnings.extend(Warning(no, *p.split(":", 1)) for p in problems)
        return
    text = " ".join(text.split("\n"))
    if kind == "secretary":
        _read_lead(entries, f"{text} (referent)")
        return
    # Split off inline labels: «… Buskerud Sekretariatet: Nina Solberg, …».
    pieces = _INLINE.split(text)
    segments = [(kind, pieces[0])]
    segments += [(_INLINE_KIND[pieces[i].lower()], pieces[i + 1]) for i in range(1, len(pieces) - 1, 2)]
    for seg_kind, seg_text in segments:
        if seg_kind in ("lead", "secretary"):
            _read_attendance(head, entries, seg_kind, no, seg_text)
            continue
        found, problems = pair_entries(seg_text) if seg_kind != "secretariat" else names_only(seg_text)
        entries.extend((seg_kind, e) for e in found)
        head.warnings.extend(Warning(no, *p.split(":", 1)) for p in problems)


def _read_lead(entries: list[tuple[str, Entry]], row: str) -> None:
    """«Lisbeth Hammer Krog, Styringsgruppens leder» (chair) or «Nina Solberg, daglig leder (referent)»."""
    row = collapse(row)
    if not row:
        return
    name = collapse(re.sub(r"\([^)]*\)", " ", row.split(",", 1)[0]))
    secretary = bool(re.search(r"referent|sekretær", row, re.IGNORECASE))
    wanted = ("secretariat",) if secretary else ("present",)
    role = "secretary" if secretary else "chair"
    for i, (k, e) in enumerate(entries):
        if k in wanted and e.name == name:
            entries[i] = (k, replace(e, role=role))
            return
    entries.append((wanted[0], Entry(name, None, None, role)))
