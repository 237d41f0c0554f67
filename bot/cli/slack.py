"""`motebot slack-link-roster`: link the roster's people to Slack users by a verified e-mail."""

from __future__ import annotations

import asyncio
import re

import typer
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_app
from bot.cli import texts as cli_texts
from bot.config import Settings, load_settings
from bot.slack.client import async_web_client, secret
from bot.slack.install import Workspaces, oauth_configured
from bot.slack.users import RosterLinks, link_roster
from storage import installations, workspace_adoption
from storage.clock import Clock
from storage.db import unit_of_work

_TEAM = re.compile(r"^T[A-Z0-9]{6,30}$")


def slack_link_roster() -> None:
    """Koble alle i medlemslisten som har e-post, til Slack-brukeren med den bekreftede e-posten."""
    settings = load_settings()
    if secret(settings.slack_bot_token) is None and not oauth_configured(settings):
        typer.echo(cli_texts.SLACK_NO_TOKEN, err=True)
        raise typer.Exit(2)
    app = build_app(settings)
    report = asyncio.run(_link_everywhere(settings, app.services.factory, clock=app.services.clock))
    for name, user in report.linked:
        typer.echo(cli_texts.SLACK_ROSTER_LINKED.format(name=name, user=user))
    if report.not_in_slack:
        typer.echo(cli_texts.SLACK_ROSTER_NOT_IN_SLACK.format(names=", ".join(report.not_in_slack)))
    if report.unconfirmed:
        typer.echo(cli_texts.SLACK_ROSTER_UNCONFIRMED.format(names=", ".join(report.unconfirmed)))
    typer.echo(
        cli_texts.SLACK_ROSTER_SUMMARY.format(
            linked=len(report.linked), missing=len(report.not_in_slack), unconfirmed=len(report.unconfirmed)
        )
    )


async def _link_everywhere(
    settings: Settings, factory: sessionmaker[Session], *, clock: Clock
) -> RosterLinks:
    """The roster linked in the single workspace, or in each installed one (OAuth), one after another."""
    if not oauth_configured(settings):
        return await link_roster(async_web_client(settings), factory, clock=clock)
    workspaces = Workspaces(settings, factory)
    with unit_of_work(factory, write=False) as session:
        teams = installations.installed_teams(session, client_id=workspaces.client_id)
    report = RosterLinks()
    for team, _name in teams:
        client = await workspaces.client(team, base=async_web_client(settings))
        found = await link_roster(client, factory, clock=clock, team_id=team)
        report.linked += found.linked
        report.unconfirmed += [n for n in found.unconfirmed if n not in report.unconfirmed]
        # Whoever a workspace linked is no candidate in the next: the last one's missing are everyone's.
        report.not_in_slack = found.not_in_slack
    report.not_in_slack = [n for n in report.not_in_slack if n not in report.unconfirmed]
    return report


def slack_adopt_workspace(
    team_id: str = typer.Argument(..., help="Arbeidsområdets team-ID (T…), det SLACK_BOT_TOKEN var for."),
) -> None:
    """Før installasjon i flere arbeidsområder: knytt koblinger og kanaler fra før til arbeidsområdet."""
    team = team_id.strip().upper()
    if not _TEAM.match(team):
        typer.echo(cli_texts.SLACK_BAD_TEAM.format(team=team_id), err=True)
        raise typer.Exit(2)
    app = build_app(load_settings())
    with unit_of_work(app.services.factory) as session:
        counts = workspace_adoption.adopt(session, team_id=team)
    typer.echo(cli_texts.SLACK_ADOPTED.format(team=team, **counts))


def register(app: typer.Typer) -> None:
    """Add slack-link-roster and slack-adopt-workspace to the `motebot` command line."""
    app.command("slack-link-roster")(slack_link_roster)
    app.command("slack-adopt-workspace")(slack_adopt_workspace)
