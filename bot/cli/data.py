"""`motebot import FILE…` and `motebot export`: documents into the database, the database out as JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_app
from bot.config import load_settings
from handlers import texts
from handlers import texts_import as T
from ingest.load import ImportReport, import_paths
from storage.clock import Clock
from storage.db import session_factory
from storage.export import export_json

# Above this many files a progress bar is worth its screen space (only on a terminal).
PROGRESS_FROM = 10


def describe(report: ImportReport) -> list[str]:
    """The Norwegian lines printed for one document."""
    if not report.ok:
        reason = texts.import_error_text(report.error_code or "internal_error", report.error_detail)
        return [texts.IMPORT_FAILED.format(file=report.file_name, reason=reason)]
    if report.unchanged:
        template = T.IMPORT_BY_OTHER if report.by_other else texts.IMPORT_UNCHANGED
        return [template.format(file=report.file_name)]
    head = texts.IMPORT_DOCUMENT.format(
        file=report.file_name,
        kind=texts.IMPORT_KINDS.get(report.kind or "", report.kind or ""),
        body=report.body or "",
        date=texts.short_date(report.date) if report.date else "",
    )
    c = report.counts
    lines = [
        head,
        "  "
        + texts.import_counts(
            meetings=c.meetings,
            saker=c.saker,
            vedtak=c.vedtak,
            proposals=c.proposals,
            attendance=c.attendance,
            plan_lines=c.plan_lines,
        ),
    ]
    lines.extend(found_lines(report))
    for w in report.warnings:
        text = texts.import_warning_text(w.code, w.detail)
        template = texts.IMPORT_WARNING_AT if w.line > 0 else texts.IMPORT_WARNING
        lines.append(template.format(line=w.line, text=text))
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
    a = report.agenda
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
    if report.held:
        lines.append(T.IMPORT_PEOPLE.format(present=report.present, absent=report.absent))
    if report.plan_dates:
        dates = ", ".join(f"{body} {texts.short_date(day)}" for body, day in report.plan_dates)
        lines.append(T.IMPORT_PLAN_DATES.format(dates=dates))
    return lines


def summary(reports: list[ImportReport]) -> str:
    """«5 av 5 dokumenter importert, 0 uendret, 0 feilet.»."""
    failed = sum(1 for r in reports if not r.ok)
    unchanged = sum(1 for r in reports if r.ok and r.unchanged)
    return texts.IMPORT_SUMMARY.format(
        done=len(reports) - failed, total=len(reports), unchanged=unchanged, failed=failed
    )


def import_command(
    files: list[Path] = typer.Argument(None, help="Referater og saksframlegg (.md .txt .pdf .docx)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Vis rapporten uten å lagre noe."),
) -> None:
    """Importer referater og saksframlegg; skriver en rapport per dokument."""
    if not files:
        typer.echo(texts.IMPORT_NO_FILES, err=True)
        raise typer.Exit(2)
    settings = load_settings()
    app = build_app(settings)
    factory = session_factory(app.engine)
    clock = app.services.clock
    try:
        if len(files) > PROGRESS_FROM and sys.stdout.isatty():
            reports = _with_progress(factory, files, clock, settings.tz, dry_run)
        else:
            reports = import_paths(
                factory,
                files,
                clock=clock,
                tz=settings.tz,
                progress=lambda r: typer.echo("\n".join(describe(r))),
                dry_run=dry_run,
            )
    finally:
        app.engine.dispose()
    typer.echo(summary(reports))
    if dry_run:
        typer.echo(T.IMPORT_DRY_RUN)
    raise typer.Exit(1 if any(not r.ok for r in reports) else 0)


def _with_progress(
    factory: sessionmaker[Session], files: list[Path], clock: Clock, tz: ZoneInfo, dry_run: bool
) -> list[ImportReport]:
    with Progress(
        TextColumn(texts.IMPORT_PROGRESS),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task(texts.IMPORT_PROGRESS, total=len(files))

        def step(report: ImportReport) -> None:
            for line in describe(report):
                bar.console.print(line, markup=False, highlight=False)
            bar.advance(task)

        return import_paths(factory, files, clock=clock, tz=tz, progress=step, dry_run=dry_run)


def export_command() -> None:
    """Skriv hele databasen som JSON (skjema motebot-export/1)."""
    settings = load_settings()
    app = build_app(settings)
    try:
        with session_factory(app.engine)() as session:
            out = export_json(session, tz=settings.tz)
    finally:
        app.engine.dispose()
    # UTF-8 whatever the terminal's locale says: the export is a file format, not screen text.
    stream = getattr(sys.stdout, "buffer", None)
    if stream is not None:
        sys.stdout.flush()
        stream.write(out.encode("utf-8"))
        stream.flush()
    else:
        sys.stdout.write(out)


def register(app: typer.Typer) -> None:
    """Add `import` and `export` to the command line."""
    app.command("import")(import_command)
    app.command("export")(export_command)
