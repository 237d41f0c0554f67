"""Text (or a file) → ParsedDocument: minutes (referat) or a case document (saksframlegg)."""

from __future__ import annotations

from pathlib import Path

from ingest import names, parse_case, parse_minutes, parse_plan
from ingest.bodies import KIND_CALLED, KIND_HELD, KIND_PLAN
from ingest.model import DocumentError, ParsedDocument, ParsedSak, Warning
from ingest.readers import ERROR_CODES as READER_ERROR_CODES
from ingest.readers import read_document
from ingest.text import to_lines

E_NO_MEETING = "no_meeting"

ERROR_CODES: tuple[str, ...] = (*READER_ERROR_CODES, E_NO_MEETING)
WARNING_CODES: tuple[str, ...] = (
    parse_plan.W_PLAN_WITHOUT_BODY,
    parse_plan.W_PLAN_BAD_DATE,
    parse_case.W_SAK_WITHOUT_TITLE,
    parse_case.W_DUPLICATE_SAK,
    parse_case.W_EMPTY_VEDTAK,
    names.W_UNKNOWN_ENTRY,
    names.W_NO_ORGANISATION,
    parse_minutes.W_DATE_MISMATCH,
    parse_minutes.W_NO_TIME,
)

KIND_MINUTES = "referat"
KIND_CASE = "saksframlegg"
KIND_CALLED_DOC = "innkalling"
KIND_PLAN_DOC = "moteplan"


def parse_file(path: Path) -> ParsedDocument:
    """Read a .md/.txt/.pdf/.docx file and parse it; DocumentError when it cannot be used."""
    return parse_text(read_document(path), file_name=path.name)


def parse_text(text: str, *, file_name: str) -> ParsedDocument:
    """Parse a document's text; DocumentError("no_meeting") when no body and date can be found."""
    lines = parse_case.split_inline(to_lines(text))
    first_sak = next((i for i, ln in enumerate(lines) if parse_case.sak_heading(ln.text)), len(lines))
    head = parse_minutes.parse_head(lines[:first_sak])
    if head.body is None or head.date is None:
        what = "no body" if head.body is None else "no date"
        raise DocumentError(E_NO_MEETING, f"{file_name}: {what} found")
    after_title = [ln for ln in lines if ln.no > head.title_line]
    saker, agenda, sak_warnings = parse_case.read_saker(after_title, year=head.date.year)
    plan, plan_warnings = parse_plan.parse_plan(after_title, document_date=head.date, known=[head.body])
    kind = _kind(head, saker)
    warnings = [*head.warnings, *sak_warnings, *plan_warnings]
    if kind == KIND_MINUTES and not head.has_time_line:
        warnings.append(Warning(head.title_line, parse_minutes.W_NO_TIME, file_name))
    return ParsedDocument(
        kind=kind,
        body=head.body,
        date=head.date,
        start=head.start,
        end=head.end,
        location=head.location,
        attendance=tuple(head.attendance),
        saker=saker,
        plan=plan,
        warnings=tuple(sorted(warnings, key=lambda w: (w.line, w.code, w.detail))),
        agenda=agenda,
    )


def _kind(head: parse_minutes.Head, saker: tuple[ParsedSak, ...]) -> str:
    """What the heading says (minutes, innkalling); else minutes list who attended; else a case document."""
    if head.kind == KIND_HELD:
        return KIND_MINUTES
    if head.kind == KIND_CALLED:
        return KIND_CALLED_DOC
    if head.kind == KIND_PLAN:
        return KIND_PLAN_DOC
    title = (head.title or "").lower()
    if "referat" in title or "protokoll" in title or head.attendance or head.has_time_line:
        return KIND_MINUTES
    if any(s.vedtak for s in saker):
        return KIND_MINUTES
    return KIND_CASE
