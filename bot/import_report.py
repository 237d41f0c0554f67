"""The Norwegian report `motebot import` prints per document, from the codes `ingest` gives."""

from __future__ import annotations

from collections import Counter

from bot import ingest_texts as T
from handlers import texts
from ingest.load import ImportReport

IMPORT_KINDS = {
    "referat": "Referat",
    "saksframlegg": "Saksframlegg",
    "innkalling": "Møteinnkalling",
    "moteplan": "Møteplan",
}
IMPORT_DOCUMENT = "{file}: {kind} fra {body} {date}"
IMPORT_UNCHANGED = "{file}: uendret (samme innhold er allerede importert)"
IMPORT_FAILED = "{file}: IKKE importert. {reason}"
IMPORT_WARNING_AT = "  advarsel, linje {line}: {text}"
IMPORT_WARNING = "  advarsel: {text}"
# After the first WARNINGS_SHOWN warnings of a document, the rest only counted by kind (a broken
# document can have thousands).
WARNINGS_SHOWN = 20
IMPORT_WARNINGS_MORE = "  … og {count} advarsler til: {kinds}"
IMPORT_WARNINGS_KIND = "{count} × {text}"
IMPORT_SUMMARY = "{done} av {total} dokumenter importert, {unchanged} uendret, {failed} feilet."
IMPORT_PROGRESS = "Importerer"
IMPORT_NO_FILES = "Ingen filer oppgitt."


def _amount(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def import_counts(
    *, meetings: int, saker: int, vedtak: int, proposals: int, attendance: int, plan_lines: int
) -> str:
    """«1 møte, 12 saker, 11 vedtak, 0 forslag til vedtak, 21 i oppmøtelisten, 0 møteplanlinjer»."""
    return ", ".join(
        [
            _amount(meetings, "møte", "møter"),
            _amount(saker, "sak", "saker"),
            _amount(vedtak, "vedtak", "vedtak"),
            _amount(proposals, "forslag til vedtak", "forslag til vedtak"),
            f"{attendance} i oppmøtelisten",
            _amount(plan_lines, "møteplanlinje", "møteplanlinjer"),
        ]
    )


# Why a document was not imported, by the stable code the reader, parser or loader gives
# (ingest.parse.ERROR_CODES and ingest.load's own).
IMPORT_ERRORS = {
    "file_not_found": "Finner ikke filen.",
    "file_unreadable": "Filen kan ikke åpnes ({detail}).",
    "internal_error": "En intern feil stoppet importen ({detail}); ingenting fra dokumentet er lagret.",
    "empty": "Filen er tom.",
    "unreadable": (
        "Filen kan ikke leses: den er skadet, eller innholdet passer ikke til filtypen"
        " (.md, .txt, .pdf, .docx)."
    ),
    "no_text": "Dokumentet har ingen tekst å lese (en skannet PDF?). Lagre det med tekst, eller som .docx.",
    "unsupported_type": "Filtypen støttes ikke; bruk .md, .txt, .pdf eller .docx.",
    "too_large": (
        "Dokumentet er for stort til å være et referat eller saksframlegg ({detail});"
        " ingenting er lagret. Del det opp, eller lagre det uten bilder."
    ),
    "no_meeting": "Fant ikke noe møte i dokumentet: verken organ og dato i overskriften.",
}
IMPORT_ERROR_UNKNOWN = "Dokumentet kunne ikke importeres (feilkode {code}{detail})."
# What the parser or loader noticed but could not use, by stable code (ingest.parse.WARNING_CODES).
IMPORT_WARNINGS = {
    "chat_attendance_kept": (
        "{detail} har meldt forfall i chat; den registreringen beholdes framfor referatets."
    ),
    "unknown_attendance_entry": "Forsto ikke denne delen av deltakerlisten: «{detail}».",
    "attendance_without_organisation": "Mangler kommune/organisasjon for {detail}.",
    "plan_line_without_body": "Møteplanlinjen nevner ikke noe kjent organ: «{detail}».",
    "plan_line_bad_date": "Møteplanlinjen har en dato jeg ikke forstår: «{detail}».",
    "sak_without_title": "Sak {detail} mangler tittel.",
    "duplicate_sak": "Sak {detail} står to ganger i dokumentet; den første er brukt.",
    "empty_vedtak": "Sak {detail}: «Vedtak:» uten tekst etter.",
    "date_mismatch": "Datoene i dokumentet stemmer ikke overens ({detail}); den i overskriften er brukt.",
    "time_not_found": "Fant ikke klokkeslett for møtet.",
}
IMPORT_WARNING_UNKNOWN = "{code}{detail}"


def _with_detail(template: str, code: str, detail: str) -> str:
    return template.format(code=code, detail=f": {detail}" if detail else "")


def import_error_text(code: str, detail: str = "") -> str:
    """The Norwegian reason a document was not imported; the code itself for an unknown one."""
    known = IMPORT_ERRORS.get(code)
    if known is None:
        return _with_detail(IMPORT_ERROR_UNKNOWN, code, detail)
    return known.format(detail=detail or code)


def import_warning_text(code: str, detail: str = "") -> str:
    """The Norwegian text of a parser or loader warning; the code itself for an unknown one."""
    known = IMPORT_WARNINGS.get(code)
    if known is None:
        return _with_detail(IMPORT_WARNING_UNKNOWN, code, detail)
    return known.format(detail=detail)


def describe(report: ImportReport) -> list[str]:
    """The Norwegian lines printed for one document."""
    if not report.ok:
        reason = import_error_text(report.error_code or "internal_error", report.error_detail)
        return [IMPORT_FAILED.format(file=report.file_name, reason=reason)]
    if report.unchanged:
        template = T.IMPORT_BY_OTHER if report.by_other else IMPORT_UNCHANGED
        return [template.format(file=report.file_name)]
    head = IMPORT_DOCUMENT.format(
        file=report.file_name,
        kind=IMPORT_KINDS.get(report.kind or "", report.kind or ""),
        body=report.body or "",
        date=texts.short_date(report.date) if report.date else "",
    )
    c = report.counts
    lines = [
        head,
        "  "
        + import_counts(
            meetings=c.meetings,
            saker=c.saker,
            vedtak=c.vedtak,
            proposals=c.proposals,
            attendance=c.attendance,
            plan_lines=c.plan_lines,
        ),
    ]
    lines.extend(found_lines(report))
    for w in report.warnings[:WARNINGS_SHOWN]:
        text = import_warning_text(w.code, w.detail)
        template = IMPORT_WARNING_AT if w.line > 0 else IMPORT_WARNING
        lines.append(template.format(line=w.line, text=text))
    rest = Counter(w.code for w in report.warnings[WARNINGS_SHOWN:])
    if rest:
        kinds = "; ".join(
            IMPORT_WARNINGS_KIND.format(count=n, text=import_warning_text(code, "…"))
            for code, n in rest.most_common()
        )
        lines.append(IMPORT_WARNINGS_MORE.format(count=rest.total(), kinds=kinds))
    if not report.complete:
        lines.append(T.IMPORT_INCOMPLETE.format(file=report.file_name))
    return lines


def found_lines(report: ImportReport) -> list[str]:
    """What the document brought, and what it could not place: new bodies, the meeting, the saksliste."""
    lines: list[str] = []
    for replaced in report.replaced:
        held = ", ".join(
            f"{m.body} {texts.short_date(m.date)} ({m.saker} saker, {m.attendance} i oppmøtelisten)"
            for m in replaced.meetings
        )
        what = T.IMPORT_WHAT.get(replaced.kind, replaced.kind)
        lines.append(T.IMPORT_REPLACES.format(file=replaced.file_name, what=what, meetings=held or "–"))
    if report.same_file_name:
        lines.append(T.IMPORT_SAME_FILE_NAME.format(file=report.file_name))
    for name, aliases in report.new_bodies:
        if aliases:
            lines.append(T.IMPORT_NEW_BODY_ALIASES.format(name=name, aliases=", ".join(aliases)))
        else:
            lines.append(T.IMPORT_NEW_BODY.format(name=name))
    if report.kind != "moteplan" and report.date is not None:
        span = texts.time_span(report.start, report.end)
        template = T.IMPORT_MEETING_HELD if report.held else T.IMPORT_MEETING_PLANNED
        lines.append(template.format(
            date=texts.short_date(report.date),
            time=f" {span}" if span else "",
            place=f", {report.location}" if report.location else "",
        ))  # fmt: skip
    lines.extend(_agenda_lines(report))
    if report.held:
        lines.append(T.IMPORT_PEOPLE.format(present=report.present, absent=report.absent))
    if report.plan_dates:
        dates = ", ".join(f"{body} {texts.short_date(day)}" for body, day in report.plan_dates)
        lines.append(T.IMPORT_PLAN_DATES.format(dates=dates))
    return lines


def _agenda_lines(report: ImportReport) -> list[str]:
    """«12 saker i sakslisten, 9 lest med vedtak; 3 uten vedtak: 49/14, 52/14, 55/14»."""
    a = report.agenda
    lines: list[str] = []
    if a.listed and report.held:
        if a.without_vedtak:
            lines.append(T.IMPORT_AGENDA_SOME.format(
                listed=len(a.listed), read=len(a.with_vedtak), missing=len(a.without_vedtak),
                numbers=", ".join(a.without_vedtak),
            ))  # fmt: skip
        else:
            lines.append(T.IMPORT_AGENDA_ALL.format(listed=len(a.listed)))
    elif a.listed:
        lines.append(T.IMPORT_AGENDA_PLANNED.format(listed=len(a.listed)))
    if a.unread:
        lines.append(T.IMPORT_AGENDA_UNREAD.format(count=len(a.unread), numbers=", ".join(a.unread)))
    return lines


def summary(reports: list[ImportReport]) -> str:
    """«5 av 5 dokumenter importert, 0 uendret, 0 feilet.»."""
    failed = sum(1 for r in reports if not r.ok)
    unchanged = sum(1 for r in reports if r.ok and r.unchanged)
    return IMPORT_SUMMARY.format(
        done=len(reports) - failed, total=len(reports), unchanged=unchanged, failed=failed
    )
