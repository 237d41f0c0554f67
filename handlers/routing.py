"""Routing: a slash-command word, a button action or a plain message → a command and its argument text."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from handlers.services import Context
from handlers.types import Invocation, Reply, Request
from language.folding import fold

Handler = Callable[[Request, Context], Reply]


@dataclass(frozen=True)
class Command:
    """One command: its word, aliases (ASCII twins too), help, free-text patterns and handler."""

    word: str
    usage: str
    help: str
    handler: Handler
    aliases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()  # regexes over the folded (lowercase ASCII) message
    needs_asker: bool = True
    listed: bool = True  # shown by «hjelp» (button-only commands are not)
    secretariat: bool = False
    # The command may write: its unit of work then takes SQLite's write lock at the start.
    writes: bool = False
    # A message that merely starts with this command's word («neste møte har jeg forfall») goes to
    # an earlier command in the table whose pattern matches it.
    defers: bool = False


# «jeg er Per Kierulf» needs two capitalised words in the original text: «jeg er syk» is not a name.
_JEG_ER_NAME = re.compile(r"^\s*(jeg|eg)\s+er\s+([A-ZÆØÅ]\S*)(\s+[A-ZÆØÅ]\S*)+\s*[.!]?\s*$")
# Written in lower case it is a name only when nothing else fits: «jeg er per kierulf».
_JEG_ER_LOWER = re.compile(r"^(jeg|eg) er [a-z.'-]+( [a-z.'-]+){1,4}$")


class Router:
    """Words and aliases (folded, so `neste-mote` meets `neste-møte`), then free-text patterns."""

    def __init__(self, commands: Sequence[Command]) -> None:
        self.words: dict[str, Command] = {}
        for command in commands:
            for word in (command.word, *command.aliases):
                self.words.setdefault(fold(word), command)
        # Longest first, so «trekk forfall» wins over «trekk» and «neste møte» over «neste».
        self.by_length = sorted(self.words, key=len, reverse=True)
        self.order = {c.word: i for i, c in enumerate(commands)}
        self.patterns = [(re.compile(p), c) for c in commands for p in c.patterns]

    def command_for(self, word: str) -> Command | None:
        """The command a slash-command word or button action names (aliases and ASCII twins too)."""
        return self.words.get(fold(word.strip().lstrip("/")))

    def route(self, invocation: Invocation) -> tuple[Command, str] | None:
        """The command and its argument text for an invocation; None when nothing fits."""
        if invocation.command:
            command = self.command_for(invocation.command)
            if command is not None:
                return command, invocation.text.strip()
            if not invocation.text.strip():
                return None
        text = invocation.text.strip()
        folded = " ".join(fold(text).split())
        jeg_er = self.words.get("jeg-er")
        if jeg_er is not None and _JEG_ER_NAME.match(text):
            return jeg_er, text
        bare = folded.strip(" ?!.")
        by_pattern = next((c for p, c in self.patterns if p.search(bare)), None)
        for word in self.by_length:
            if folded == word or folded.startswith(word + " "):
                command = self.words[word]
                if command.defers and by_pattern and self.order[by_pattern.word] < self.order[command.word]:
                    return by_pattern, text
                return command, _rest(text, len(word.split()))
        if by_pattern is not None:
            return by_pattern, text
        if jeg_er is not None and _JEG_ER_LOWER.match(bare):
            return jeg_er, text
        return None


def _rest(text: str, words: int) -> str:
    """`text` without its first `words` words (the command word, as the member wrote it)."""
    parts = text.split(maxsplit=words)
    return parts[words] if len(parts) > words else ""
