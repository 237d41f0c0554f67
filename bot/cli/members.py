"""`motebot members link|import|list`: the roster, and which chat user is which person."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.app import build_app
from bot.cli import texts as cli_texts
from bot.config import Settings, load_settings
from bot.roster import import_roster, read_roster
from bot.slack.install import oauth_configured
from handlers import vara_texts as stexts
from storage import directory, people
from storage.db import unit_of_work

members = typer.Typer(help="Medlemslisten: koble chatbrukere, les inn og vis.", no_args_is_help=True)


def _teams_key(value: str) -> str:
    """«TENANT/OBJECTID» as the lookup keys it: the tenant in lower case (bot.teams looks it up so)."""
    tenant, slash, object_id = value.strip().partition("/")
    return f"{tenant.lower()}/{object_id.strip()}" if slash else tenant


@members.command("link")
def members_link(
    name: str = typer.Argument(..., help="Fullt navn slik det står i databasen."),
    slack: str = typer.Option(None, "--slack", help="Slack-brukerens ID (U…)."),
    teams: str = typer.Option(
        None,
        "--teams",
        help="Teams-brukeren: TENANT/OBJECTID, eller bare object id i første tenant i TEAMS_TENANT_ID.",
    ),
    slack_team: str = typer.Option(None, "--slack-team", help="Slack-arbeidsområdet (T…), med flere."),
) -> None:
    """Koble en chatbruker til en person (sekretariatet)."""
    if (slack is None) == (teams is None):
        typer.echo(cli_texts.CLI_LINK_ONE_PLATFORM, err=True)
        raise typer.Exit(2)
    platform, external_id = ("slack", slack) if slack is not None else ("teams", _teams_key(teams))
    settings = load_settings()
    team = _slack_team(settings, slack_team) if platform == "slack" else ""
    app = build_app(settings)
    with unit_of_work(app.services.factory) as session:
        person = directory.person_by_name(session, name=name)
        if person is None:
            typer.echo(cli_texts.CLI_UNKNOWN_PERSON.format(name=name), err=True)
            raise typer.Exit(2)
        people.link_identity(
            session,
            platform=platform,
            team_id=team,
            external_id=external_id.strip(),
            person_id=person.id,
            linked_by="secretariat",
            now=app.services.clock(),
        )
        typer.echo(
            cli_texts.MEMBERS_LINKED.format(name=person.name, platform=platform, external_id=external_id)
        )


def _slack_team(settings: Settings, given: str | None) -> str:
    """The workspace of a Slack link: required with many workspaces, refused with one."""
    team = (given or "").strip().upper()
    if oauth_configured(settings) and not team:
        typer.echo(cli_texts.SLACK_TEAM_NEEDED, err=True)
        raise typer.Exit(2)
    if team and not oauth_configured(settings):
        typer.echo(cli_texts.SLACK_TEAM_UNUSED, err=True)
        raise typer.Exit(2)
    return team


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
        typer.echo(cli_texts.MEMBERS_CANNOT_READ.format(file=file, error=exc), err=True)
        raise typer.Exit(1) from exc
    with unit_of_work(app.services.factory) as session:
        rows, problems = read_roster(session, content, create_bodies=create_bodies)
        if problems:
            for line, problem in problems:
                typer.echo(cli_texts.MEMBERS_BAD_ROW.format(line=line, problem=problem), err=True)
            typer.echo(cli_texts.MEMBERS_NOTHING_IMPORTED, err=True)
            raise typer.Exit(1)
        import_roster(session, rows)
    typer.echo(cli_texts.MEMBERS_IMPORTED.format(count=len(rows), file=file.name))


@members.command("list")
def members_list() -> None:
    """Vis alle personer med organer, roller, e-post og chatkoblinger."""
    app = build_app(load_settings())
    with unit_of_work(app.services.factory) as session:
        links = directory.identities_of(session)
        for person, bodies in directory.people_with_bodies(session):
            roles = ", ".join(f"{body} ({stexts.ROLE_NAMES.get(role, role)})" for body, role in bodies)
            linked = " ".join(links.get(person.id, []))
            parts = [person.name, person.organisation or "", person.email or "", roles, linked]
            typer.echo("\t".join(parts).rstrip())
        for request, person in people.pending_link_requests(session):
            typer.echo(
                cli_texts.MEMBERS_PENDING.format(
                    name=person.name, platform=request.platform, external_id=request.external_id
                )
            )


def register(app: typer.Typer) -> None:
    """Add `members` to the `motebot` command line."""
    app.add_typer(members, name="members")
