"""`motebot import FILE…` and `motebot export`: documents into the database, the database out as JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy.orm import Session, sessionmaker

from bot import import_report, ingest_texts
from bot.app import build_app
from bot.config import load_settings
from bot.import_report import describe, summary
from handlers import summary as channel_summary
from handlers.services import Services
from ingest.load import ImportReport, import_paths
from storage.clock import Clock
from storage.db import session_factory
from storage.export import export_json

# Above this many files a progress bar is worth its screen space (only on a terminal).
PROGRESS_FROM = 10


def import_command(
    files: list[Path] = typer.Argument(None, help="Referater og saksframlegg (.md .txt .pdf .docx)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Vis rapporten uten å lagre noe."),
) -> None:
    """Importer referater og saksframlegg; skriver en rapport per dokument."""
    if not files:
        typer.echo(import_report.IMPORT_NO_FILES, err=True)
        raise typer.Exit(2)
    settings = load_settings()
    app = build_app(settings)
    factory = session_factory(app.engine)
    clock = app.services.clock
    try:
        if len(files) > PROGRESS_FROM and sys.stdout.isatty():
            reports = _with_progress(factory, files, clock, settings.tz, dry_run, app.services)
        else:
            reports = import_paths(
                factory,
                files,
                clock=clock,
                tz=settings.tz,
                progress=lambda r: typer.echo(
                    "\n".join(describe(r) + after_import(app.services, r, dry_run))
                ),
                dry_run=dry_run,
            )
    finally:
        app.engine.dispose()
    typer.echo(summary(reports))
    if dry_run:
        typer.echo(ingest_texts.IMPORT_DRY_RUN)
    raise typer.Exit(1 if any(not r.ok for r in reports) else 0)


def after_import(services: Services, report: ImportReport, dry_run: bool = False) -> list[str]:
    """The channel summary of minutes just imported (as the body's setting says), as a line to print."""
    if dry_run or not report.ok or report.unchanged:
        return []
    note = channel_summary.after_import(services, kind=report.kind, body=report.body, date=report.date)
    return ["  " + note.fallback] if note else []


def _with_progress(
    factory: sessionmaker[Session],
    files: list[Path],
    clock: Clock,
    tz: ZoneInfo,
    dry_run: bool,
    services: Services,
) -> list[ImportReport]:
    with Progress(
        TextColumn(import_report.IMPORT_PROGRESS),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task(import_report.IMPORT_PROGRESS, total=len(files))

        def step(report: ImportReport) -> None:
            for line in describe(report) + after_import(services, report, dry_run):
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
