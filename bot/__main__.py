"""`motebot` / `python -m bot`: the command line of CONTRACTS.md."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Collection

import typer

import bot.cli


def build(only: Collection[str] | None = None) -> typer.Typer:
    """The command line: every module in bot/cli/ adds its commands with `register(app)`.

    `only` loads just the named modules (`motebot run` needs no other command's imports).
    """
    cli = typer.Typer(
        name="motebot",
        help="Møtebot: møter, saker, vedtak og forfall for interkommunale organer.",
        no_args_is_help=True,
        add_completion=False,
    )
    for info in sorted(pkgutil.iter_modules(bot.cli.__path__), key=lambda m: m.name):
        if only is not None and info.name not in only:
            continue
        register = getattr(importlib.import_module(f"bot.cli.{info.name}"), "register", None)
        if register is not None:
            register(cli)
    if only is not None:
        cli.callback()(_group)  # keeps `motebot run` a subcommand when it is the only one
    return cli


def _group() -> None:
    """Møtebot: møter, saker, vedtak og forfall for interkommunale organer."""


# `motebot run` starts the server without importing the other commands (and what they import).
app = build({"run"} if sys.argv[1:2] == ["run"] else None)


def main() -> None:
    """Entry point of the `motebot` script."""
    app()


if __name__ == "__main__":
    main()
