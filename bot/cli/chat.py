"""`motebot demo`, `console`, `ask` and `members …`: the bot in the terminal, and the roster."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from bot.app import App, build_app
from bot.cli.roster import import_roster, read_roster
from bot.config import load_settings
from bot.console.render import render, reply_to_json
from bot.console.repl import run_console
from handlers import texts
from handlers import texts_secretariat as stexts
from handlers.registry import handle
from handlers.types import Invocation
from ingest.load import import_paths
from storage import people, queries
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
    raise typer.BadParameter(texts.DEMO_NO_EXAMPLES)


def _check_person(app: App, name: str | None) -> None:
    """Exit 2 (a usage error) when --as names nobody in the database."""
    if name is None:
        return
    with unit_of_work(app.services.factory) as session:
        if queries.person_by_name(session, name=name) is None:
            typer.echo(texts.CLI_UNKNOWN_PERSON.format(name=name), err=True)
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
        typer.echo(texts.DEMO_IMPORT_FAILED.format(file=report.file_name, code=report.error_code), err=True)
    _demo_roster(app)
    banner = texts.DEMO_BANNER.format(count=len(reports) - len(failed), name=DEMO_AS)
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
    banner = texts.CONSOLE_BANNER.format(name=as_ or texts.CONSOLE_NOBODY)
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
        raise typer.BadParameter(texts.CLI_BAD_NOW.format(value=value), param_hint="--now") from exc
    return value


members = typer.Typer(help="Medlemslisten: koble chatbrukere, les inn og vis.", no_args_is_help=True)


@members.command("link")
def members_link(
    name: str = typer.Argument(..., help="Fullt navn slik det står i databasen."),
    slack: str = typer.Option(None, "--slack", help="Slack-brukerens ID (U…)."),
    teams: str = typer.Option(None, "--teams", help="Teams-brukerens AAD object id."),
) -> None:
    """Koble en chatbruker til en person (sekretariatet)."""
    if (slack is None) == (teams is None):
        typer.echo(texts.CLI_LINK_ONE_PLATFORM, err=True)
        raise typer.Exit(2)
    platform, external_id = ("slack", slack) if slack is not None else ("teams", teams)
    app = build_app(load_settings())
    with unit_of_work(app.services.factory) as session:
        person = queries.person_by_name(session, name=name)
        if person is None:
            typer.echo(texts.CLI_UNKNOWN_PERSON.format(name=name), err=True)
            raise typer.Exit(2)
        people.link_identity(
            session,
            platform=platform,
            external_id=external_id.strip(),
            person_id=person.id,
            linked_by="secretariat",
            now=app.services.clock(),
        )
        typer.echo(texts.MEMBERS_LINKED.format(name=person.name, platform=platform, external_id=external_id))


@members.command("import")
def members_import(
    file: Path = typer.Argument(..., help="CSV: name, email, role, bodies, group, vara_order."),
    create_bodies: bool = typer.Option(False, "--create-bodies", help="Opprett organer som ikke finnes."),
) -> None:
    """Les inn medlemsliste med e-post, roller, grupper og vara; ingenting endres hvis en linje er feil."""
    app = build_app(load_settings())
    try:
        content = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        typer.echo(texts.MEMBERS_CANNOT_READ.format(file=file, error=exc), err=True)
        raise typer.Exit(1) from exc
    with unit_of_work(app.services.factory) as session:
        rows, problems = read_roster(session, content, create_bodies=create_bodies)
        if problems:
            for line, problem in problems:
                typer.echo(texts.MEMBERS_BAD_ROW.format(line=line, problem=problem), err=True)
            typer.echo(texts.MEMBERS_NOTHING_IMPORTED, err=True)
            raise typer.Exit(1)
        import_roster(session, rows)
    typer.echo(texts.MEMBERS_IMPORTED.format(count=len(rows), file=file.name))


@members.command("list")
def members_list() -> None:
    """Vis alle personer med organer, roller, e-post og chatkoblinger."""
    app = build_app(load_settings())
    with unit_of_work(app.services.factory) as session:
        links = queries.identities_of(session)
        for person, bodies in queries.people_with_bodies(session):
            roles = ", ".join(f"{body} ({stexts.ROLE_NAMES.get(role, role)})" for body, role in bodies)
            linked = " ".join(links.get(person.id, []))
            parts = [person.name, person.organisation or "", person.email or "", roles, linked]
            typer.echo("\t".join(parts).rstrip())
        for request, person in people.pending_link_requests(session):
            typer.echo(
                texts.MEMBERS_PENDING.format(
                    name=person.name, platform=request.platform, external_id=request.external_id
                )
            )


def register(app: typer.Typer) -> None:
    """Add demo, console, ask and members to the `motebot` command line."""
    app.command("demo")(demo)
    app.command("console")(console)
    app.command("ask")(ask)
    app.add_typer(members, name="members")
