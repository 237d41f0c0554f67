"""`motebot bodies set BODY …`: a body's vara chain, vedtaksførhet and «Kommer du?» settings.

A command of the `bodies` group of `bot/cli/bodies.py` (list/add/alias/rename/merge), which
registers the group.
"""

from __future__ import annotations

import typer

from bot.app import build_app
from bot.cli.bodies import bodies
from bot.config import load_settings
from handlers import vara_texts as t
from storage import bodies as body_store
from storage.db import unit_of_work
from storage.vara_settings import Settings, apply

ONOFF = {"on": True, "på": True, "off": False, "av": False}


def _onoff(value: str | None) -> bool | None:
    if value is None:
        return None
    if value.lower() not in ONOFF:
        raise typer.BadParameter(t.BODIES_SET_BAD_ONOFF.format(value=value))
    return ONOFF[value.lower()]


def _fraction(value: str | None) -> float | None:
    if value is None:
        return None
    if value.lower() in ("off", "av"):
        return 0.0
    try:
        fraction = float(value.replace(",", "."))
    except ValueError:
        fraction = -1.0
    if not 0 < fraction <= 1:
        raise typer.BadParameter(t.BODIES_SET_BAD_FRACTION.format(value=value))
    return fraction


@bodies.command("set")
def bodies_set(
    body: str = typer.Argument(..., help="Organets navn."),
    vara_chain: str = typer.Option(None, "--vara-chain", help="on | off: spør vara i chatten etter forfall."),
    quorum: str = typer.Option(
        None, "--quorum", help="Andel av setene som må være til stede (0.5), eller off."
    ),
    answer_hours: int = typer.Option(None, "--answer-hours", min=1, help="Timer en vara har på å svare."),
    cutoff_hours: int = typer.Option(None, "--cutoff-hours", min=0, help="Siste frist: timer før møtet."),
    ask_days: int = typer.Option(
        None, "--ask-days", min=0, help="Dager før møtet «Kommer du?» sendes; 0 = av."
    ),
) -> None:
    """Endre et organs innstillinger for vara, vedtaksførhet og «Kommer du?»."""
    settings = Settings(_onoff(vara_chain), _fraction(quorum), answer_hours, cutoff_hours, ask_days)
    if settings.empty():
        typer.echo(t.BODIES_SET_NOTHING, err=True)
        raise typer.Exit(2)
    app = build_app(load_settings())
    with unit_of_work(app.services.factory) as session:
        found = body_store.find_body(session, name=body)
        if found is None:
            typer.echo(t.BODIES_SET_UNKNOWN.format(body=body), err=True)
            raise typer.Exit(2)
        apply(session, body=found, settings=settings)
        summary = t.settings_summary(
            chain=found.vara_chain, quorum=found.quorum_fraction, answer=found.vara_answer_hours,
            cutoff=found.vara_cutoff_hours, ask=found.ask_days,
        )  # fmt: skip
        typer.echo(t.BODIES_SET_DONE.format(body=found.name, settings=summary))
