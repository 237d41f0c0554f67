"""`motebot plan …`, `motebot channels …` and `motebot reminders`: the møteplan and its reminders."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from bot.app import App, build_app
from bot.cli import texts as cli_texts
from bot.config import load_settings
from bot.console.render import render
from handlers import calendar, plan_admin, plan_import, texts, vara_texts
from handlers import reminders as reminder_texts
from handlers.types import DomainError, Reply
from storage.db import unit_of_work

plan = typer.Typer(
    help="Møteplanen: legg til, flytt, avlys, list, eksporter og importer møter.", no_args_is_help=True
)
channels = typer.Typer(help="Kanalene påminnelsene går til.", no_args_is_help=True)

NOW = typer.Option(None, "--now", help="Gjør som om klokka er WHEN (YYYY-MM-DD eller ISO-tid).")
BODY = typer.Option(..., "--body", "-b", help="Organet, f.eks. Styringsgruppen.")
DATE = typer.Option(..., "--date", "-d", help="Møtedagen: 2027-01-14 eller 14.01.2027.")


@contextmanager
def _app(now: str | None) -> Iterator[App]:
    app = build_app(load_settings(), now=now)
    try:
        yield app
    finally:
        app.engine.dispose()


def _run(now: str | None, action: Callable[[App], Reply]) -> None:
    """Run one handler; print its reply, or its refusal on stderr with exit code 1."""
    with _app(now) as app:
        try:
            reply = action(app)
        except DomainError as exc:
            typer.echo(exc.message, err=True)
            if exc.suggestions:
                typer.echo(f"{texts.SUGGESTIONS_TITLE}: {', '.join(exc.suggestions)}?", err=True)
            raise typer.Exit(1) from None
    typer.echo(render(reply).text)


@plan.command("add")
def add(
    body: str = BODY,
    date: str = DATE,
    time: str | None = typer.Option(None, "--time", "-t", help="Tid, f.eks. 10:00-12:30."),
    place: str | None = typer.Option(None, "--place", "-p", help="Sted."),
    now: str | None = NOW,
) -> None:
    """Legg et møte inn i møteplanen (eller sett tid og sted for møtet den dagen)."""
    _run(now, lambda a: plan_admin.add(a.services, body=body, date=date, time=time, place=place))


@plan.command("move")
def move(
    body: str = BODY,
    date: str = DATE,
    to: str | None = typer.Option(None, "--to", help="Ny dato."),
    time: str | None = typer.Option(None, "--time", "-t", help="Ny tid, f.eks. 13:00-15:00."),
    place: str | None = typer.Option(None, "--place", "-p", help="Nytt sted."),
    now: str | None = NOW,
) -> None:
    """Flytt et møte; kanalen får beskjed, og påminnelsene følger møtet."""
    _run(now, lambda a: plan_admin.move(a.services, body=body, date=date, to=to, time=time, place=place))


@plan.command("cancel")
def cancel(body: str = BODY, date: str = DATE, now: str | None = NOW) -> None:
    """Avlys et møte; kanalen får beskjed, og det kommer ingen flere påminnelser."""
    _run(now, lambda a: plan_admin.cancel(a.services, body=body, date=date))


@plan.command("list")
def list_(
    body: str | None = typer.Option(None, "--body", "-b", help="Bare dette organet."),
    all_: bool = typer.Option(False, "--all", help="Ta med møter som har vært."),
    now: str | None = NOW,
) -> None:
    """Vis møteplanen: kommende møter med status."""
    _run(now, lambda a: plan_admin.listing(a.services, body=body, include_past=all_))


@plan.command("ics")
def ics(
    body: str | None = typer.Option(None, "--body", "-b", help="Bare dette organet (ellers alle)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Skriv til denne filen (ellers stdout)."),
    now: str | None = NOW,
) -> None:
    """Skriv møteplanen som iCalendar (.ics) for Outlook og Google Kalender."""
    with _app(now) as app:
        services = app.services
        try:
            with unit_of_work(services.factory) as session:
                found = calendar.body_for_feed(session, body) if body else None
                data = calendar.feed(session, body=found, now=services.clock(), tz=services.tz)
        except DomainError as exc:
            typer.echo(exc.message, err=True)
            raise typer.Exit(1) from None
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)


@plan.command("import")
def import_(
    file: Path = typer.Argument(..., help="Møteplan som .ics eller .csv."),
    body: str | None = typer.Option(None, "--body", "-b", help="Alle møtene i filen gjelder dette organet."),
    now: str | None = NOW,
) -> None:
    """Les inn en møteplan fra .ics eller .csv; en feil et sted gjør at ingenting leses inn."""
    _run(now, lambda a: plan_import.import_plan(a.services, path=file, body=body))


@channels.command("set")
def channels_set(
    body: str = typer.Argument(..., help="Organet."),
    target: str = typer.Argument(..., help="slack:C0123456789 eller teams:<samtale-id>."),
) -> None:
    """Velg kanalen et organs påminnelser går til."""
    _run(None, lambda a: plan_admin.set_channel(a.services, body=body, target=target))


@channels.command("list")
def channels_list() -> None:
    """Vis kanalene påminnelsene går til."""
    _run(None, lambda a: plan_admin.list_channels(a.services))


def reminders(
    once: bool = typer.Option(False, "--once", help="Én runde, så avslutt."),
    now: str | None = NOW,
    dry_run: bool = typer.Option(False, "--dry-run", help="Vis hva som postes når, uten å poste."),
    days: int = typer.Option(30, "--days", help="Hvor langt fram --dry-run ser."),
) -> None:
    """Kjør påminnelsene (eller én runde); --dry-run viser hva som postes når."""
    from bot import reminders_and_calendar, scheduler

    with _app(now) as app:
        services = app.services
        if dry_run:
            with unit_of_work(services.factory) as session:
                reply = reminder_texts.preview(session, now=services.clock(), tz=services.tz, days=days)
            typer.echo(render(reply).text)
            return
        logging.basicConfig(level=logging.WARNING if once else logging.INFO, format="%(asctime)s %(message)s")
        posters = reminders_and_calendar.build_posters(app)
        if not posters:
            typer.echo(cli_texts.REMINDERS_NO_POSTERS, err=True)
            raise typer.Exit(1)
        if once:
            result = scheduler.Scheduler(services, posters).run_once()
            typer.echo(cli_texts.REMINDERS_PASS.format(**_counts(result)))
            if result.notices:
                typer.echo(vara_texts.NOTICES_PASS.format(**result.notices))
            return
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        typer.echo(cli_texts.REMINDERS_RUNNING)
        scheduler.Scheduler(services, posters).run_forever(stop)


def _counts(result: Any) -> dict[str, int]:
    return {k: getattr(result, k) for k in ("posted", "recovered", "skipped", "failed")}


def register(app: typer.Typer) -> None:
    """Add plan, channels and reminders to the `motebot` command line."""
    app.add_typer(plan, name="plan")
    app.add_typer(channels, name="channels")
    app.command("reminders")(reminders)
