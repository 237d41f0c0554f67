"""`motebot` / `python -m bot`: the command line of CONTRACTS.md."""

from __future__ import annotations

import importlib
import pkgutil

import typer

import bot.cli

app = typer.Typer(
    name="motebot",
    help="Møtebot: møter, saker, vedtak og forfall for interkommunale organer.",
    no_args_is_help=True,
    add_completion=False,
)

# Each module in bot/cli/ adds its commands with a `register(app)` function.
for info in sorted(pkgutil.iter_modules(bot.cli.__path__), key=lambda m: m.name):
    module = importlib.import_module(f"bot.cli.{info.name}")
    register = getattr(module, "register", None)
    if register is not None:
        register(app)


def main() -> None:
    """Entry point of the `motebot` script."""
    app()


if __name__ == "__main__":
    main()
