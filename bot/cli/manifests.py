"""`motebot manifests [--check]`: the Slack and Teams manifests' command menus, from the registry."""

from __future__ import annotations

import json

import typer

from bot import manifests
from bot.cli import texts as cli_texts


def manifests_command(
    check: bool = typer.Option(False, "--check", help="Bare sjekk: 1 hvis et manifest er utdatert."),
    public_url: str = typer.Option(
        None,
        "--public-url",
        help="Skriv Slack-manifestet for HTTP og mange arbeidsområder (https://VERT) til stdout.",
    ),
) -> None:
    """Skriv kommandolistene i manifest.json og appPackage/manifest.json fra kommandotabellen."""
    if public_url is not None:
        if not public_url.strip().startswith("https://"):
            typer.echo(cli_texts.MANIFEST_NEEDS_HTTPS.format(url=public_url), err=True)
            raise typer.Exit(2)
        current = json.loads((manifests.ROOT / manifests.SLACK).read_text(encoding="utf-8"))
        typer.echo(
            json.dumps(manifests.slack_manifest_for(current, public_url), ensure_ascii=False, indent=2)
        )
        return
    if check:
        stale = manifests.drifted()
        for path in stale:
            typer.echo(cli_texts.MANIFEST_STALE.format(path=path), err=True)
        raise typer.Exit(1 if stale else 0)
    for path in manifests.write():
        typer.echo(cli_texts.MANIFEST_WRITTEN.format(path=path))


def register(app: typer.Typer) -> None:
    """Add manifests to the `motebot` command line."""
    app.command("manifests")(manifests_command)
