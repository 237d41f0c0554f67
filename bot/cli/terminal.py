"""`motebot demo`, `console` and `ask`: the bot in the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from bot.app import App, build_app
from bot.cli import texts as cli_texts
from bot.config import load_settings
from bot.console import texts as console_texts
from bot.console.render import render, reply_to_json
from bot.console.repl import run_console
from bot.roster import import_roster, read_roster
from handlers.registry import handle
from handlers.types import Invocation
from ingest.load import import_paths
from storage import directory
from storage.clock import parse_when
from storage.db import unit_of_work

DEMO_DB = Path("demo.db")
DEMO_NOW = "2017-10-02"
DEMO_AS = "Per Kierulf"


def _examples() -> Path:
    """examples/referater/ of the checkout (or of the current directory)."""
    for root in (Path(__file__).resolve().parents[2], Path.cwd()):
        folder = root / "examples" / "referater"
        if folder.is_dir():
            return folder
    raise typer.BadParameter(cli_texts.DEMO_NO_EXAMPLES)


def _check_person(app: App, name: str | None) -> None:
    """Exit 2 (a usage error) when --as names nobody in the database."""
    if name is None:
        return
    with unit_of_work(app.services.factory) as session:
        if directory.person_by_name(session, name=name) is None:
            typer.echo(cli_texts.CLI_UNKNOWN_PERSON.format(name=name), err=True)
            raise typer.Exit(2)


def demo() -> None:
    """Demo: eksempelreferatene i en fersk lokal database, klokka satt til 2. oktober 2017."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DEMO_DB}{suffix}").unlink(missing_ok=True)
    settings = load_settings(database_url=f"sqlite:///{DEMO_DB}", motebot_now=DEMO_NOW)
    app = build_app(settings, now=DEMO_NOW)
    files = sorted(p for p in _examples().iterdir() if p.is_file())
    reports = import_paths(app.services.factory, files, clock=app.services.clock, tz=settings.tz)
    failed = [r for r in reports if not r.ok]
    for report in failed:
        typer.echo(
            cli_texts.DEMO_IMPORT_FAILED.format(file=report.file_name, code=report.error_code), err=True
        )
    _demo_roster(app)
    banner = cli_texts.DEMO_BANNER.format(count=len(reports) - len(failed), name=DEMO_AS)
    raise typer.Exit(run_console(app.services, user=DEMO_AS, banner=banner))


def _demo_roster(app: App) -> None:
    """examples/roster.csv beside the minutes: seats, groups and vara for the demo's bodies."""
    path = _examples().parent / "roster.csv"
    if not path.is_file():
        return
    with unit_of_work(app.services.factory) as session:
        rows, problems = read_roster(session, path.read_text(encoding="utf-8-sig"), create_bodies=True)
        if not problems:
            import_roster(session, rows)


def console(
    as_: str = typer.Option(None, "--as", help="Fullt navn på personen du chatter som."),
    now: str = typer.Option(None, "--now", help="Still klokka: YYYY-MM-DD eller ISO-tidspunkt."),
) -> None:
    """Chat med boten i terminalen."""
    app = build_app(load_settings(), now=_now(now))
    _check_person(app, as_)
    banner = console_texts.CONSOLE_BANNER.format(name=as_ or console_texts.CONSOLE_NOBODY)
    raise typer.Exit(run_console(app.services, user=as_ or "", banner=banner))


def ask(
    text: str = typer.Argument(..., help="Meldingen, slik den ville stått i chatten."),
    as_: str = typer.Option(None, "--as", help="Fullt navn på personen som spør."),
    now: str = typer.Option(None, "--now", help="Still klokka: YYYY-MM-DD eller ISO-tidspunkt."),
    as_json: bool = typer.Option(False, "--json", help="Skriv svarmodellen som JSON."),
) -> None:
    """Send én melding og skriv svaret (0 også ved et høflig avslag, 1 ved feil, 2 ved bruksfeil)."""
    app = build_app(load_settings(), now=_now(now))
    _check_person(app, as_)
    reply = handle(Invocation(platform="console", user_id=as_ or "", text=text), app.services)
    if as_json:
        typer.echo(json.dumps(reply_to_json(reply), ensure_ascii=False, indent=2))
    else:
        typer.echo(render(reply).text)
    raise typer.Exit(1 if reply.kind == "error" else 0)


def _now(value: str | None) -> str | None:
    """--now checked early, so a bad value is a usage error (2), not a crash."""
    if value is None:
        return None
    try:
        parse_when(value)
    except ValueError as exc:
        raise typer.BadParameter(cli_texts.CLI_BAD_NOW.format(value=value), param_hint="--now") from exc
    return value


def register(app: typer.Typer) -> None:
    """Add demo, console and ask to the `motebot` command line."""
    app.command("demo")(demo)
    app.command("console")(console)
    app.command("ask")(ask)
