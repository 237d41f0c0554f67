"""`motebot teams-package`: the Teams app package to upload in a tenant."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.cli import texts as cli_texts
from bot.config import load_settings
from bot.teams.package import build_package


def teams_package(
    out: Path = typer.Option(Path("motebot-teams.zip"), "--out", help="Hvor pakken skrives."),
    developer_name: str = typer.Option(..., "--developer-name", help="Utgiver, f.eks. kommunens navn."),
    developer_url: str = typer.Option(..., "--developer-url", help="https-adresse med personvern og vilkår."),
) -> None:
    """Lag Teams-apppakken (manifest og ikoner) med TEAMS_APP_ID fylt inn."""
    settings = load_settings()
    if not settings.teams_app_id:
        typer.echo(cli_texts.TEAMS_PACKAGE_NO_APP_ID, err=True)
        raise typer.Exit(2)
    try:
        data = build_package(
            app_id=settings.teams_app_id, developer_name=developer_name, developer_url=developer_url
        )
    except ValueError as exc:
        typer.echo(cli_texts.TEAMS_PACKAGE_BAD_INPUT.format(problem=exc), err=True)
        raise typer.Exit(2) from exc
    out.write_bytes(data)
    typer.echo(cli_texts.TEAMS_PACKAGE_WRITTEN.format(path=out))


def register(app: typer.Typer) -> None:
    """Add teams-package to the `motebot` command line."""
    app.command("teams-package")(teams_package)
