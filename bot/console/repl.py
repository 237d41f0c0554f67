"""The terminal chat: a REPL with history on a terminal, one message per line otherwise."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.console import texts as console_texts
from bot.console.render import render
from handlers.registry import handle
from handlers.services import Services
from handlers.types import Button, Invocation, Reply

HISTORY = Path.home() / ".motebot_history"
QUIT_WORDS = frozenset({"avslutt", "exit", "quit", "slutt"})


def invocation_for(line: str, user: str, buttons: tuple[Button, ...]) -> Invocation:
    """A typed line as an Invocation; a bare number presses that button of the last reply."""
    if line.isdigit() and 1 <= int(line) <= len(buttons):
        button = buttons[int(line) - 1]
        return Invocation(platform="console", user_id=user, text=button.value, command=button.action)
    return Invocation(platform="console", user_id=user, text=line)


def run_console(
    services: Services,
    *,
    user: str,
    banner: str | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    answer: Callable[[Invocation, Services], Reply] = handle,
) -> int:
    """Chat until end of input (or «avslutt»); returns the exit code."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    interactive = stdin.isatty() and stdout.isatty()
    if banner:
        # On a pipe the answers are the output; the banner goes to the human on stderr.
        print(banner, file=stdout if interactive else stderr)
    if interactive:
        _load_history()
    buttons: tuple[Button, ...] = ()
    try:
        while True:
            line = _read(stdin, interactive)
            if line is None:
                break
            line = line.strip()
            if not line:
                continue
            if line.lower() in QUIT_WORDS:
                break
            if not interactive:
                print(f"> {line}", file=stdout)
            shown = render(answer(invocation_for(line, user, buttons), services))
            buttons = shown.buttons
            print(shown.text + "\n", file=stdout, flush=True)
    except KeyboardInterrupt:
        print(file=stdout)
    finally:
        if interactive:
            _save_history()
    return 0


def _read(stdin: TextIO, interactive: bool) -> str | None:
    if interactive:
        try:
            return input(console_texts.CONSOLE_PROMPT)
        except EOFError:
            print()
            return None
    line = stdin.readline()
    return line if line else None


def _load_history() -> None:
    with contextlib.suppress(ImportError, OSError):
        import readline

        readline.set_history_length(1000)
        if HISTORY.exists():
            readline.read_history_file(HISTORY)


def _save_history() -> None:
    with contextlib.suppress(ImportError, OSError):
        import readline

        readline.write_history_file(HISTORY)
