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
    # a command of higher precedence whose pattern matches it.
    defers: bool = False
    # Free-text patterns of higher precedence are tried first («trekk forfall» before «forfall»,
    # «Jeg har forfall til neste møte» before «neste møte»); equal ones in the table's order.
    precedence: int = 0
    # Regexes over the message as written (case kept), tried before anything else.
    exact_patterns: tuple[str, ...] = ()
    # Folded regexes tried only when no word or pattern of any command fits.
    last_patterns: tuple[str, ...] = ()
    # One line for the platforms' command menus (Slack's slash commands, Teams' command list);
    # empty: not in the menus.
    summary: str = ""
    # Set: also a Slack slash command, `/word` and its ASCII twin, with this usage hint.
    slash_hint: str | None = None

    @property
    def title(self) -> str:
        """The command as a member types it: «neste møte»."""
        return self.word.replace("-", " ")

    @property
    def slash_names(self) -> tuple[str, ...]:
        """«/neste-møte», «/neste-mote»: the slash command and its ASCII twin; none when not one."""
        if self.slash_hint is None:
            return ()
        names = (f"/{self.word}", f"/{fold(self.word)}")
        return tuple(dict.fromkeys(names))


class Router:
    """Words and aliases (folded, so `neste-mote` meets `neste-møte`), then free-text patterns."""

    def __init__(self, commands: Sequence[Command]) -> None:
        self.words: dict[str, Command] = {}
        for command in commands:
            for word in (command.word, *command.aliases):
                self.words.setdefault(fold(word), command)
        # Longest first, so «trekk forfall» wins over «trekk» and «neste møte» over «neste».
        self.by_length = sorted(self.words, key=len, reverse=True)
        ranked = sorted(enumerate(commands), key=lambda ic: (-ic[1].precedence, ic[0]))
        self.rank = {c.word: r for r, (_, c) in enumerate(ranked)}
        self.patterns = [(re.compile(p), c) for _, c in ranked for p in c.patterns]
        self.exact = [(re.compile(p), c) for c in commands for p in c.exact_patterns]
        self.last = [(re.compile(p), c) for c in commands for p in c.last_patterns]

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
        exact = next((c for p, c in self.exact if p.match(text)), None)
        if exact is not None:
            return exact, text
        bare = folded.strip(" ?!.")
        by_pattern = next((c for p, c in self.patterns if p.search(bare)), None)
        for word in self.by_length:
            if folded == word or folded.startswith(word + " "):
                command = self.words[word]
                if command.defers and by_pattern and self.rank[by_pattern.word] < self.rank[command.word]:
                    return by_pattern, text
                return command, _rest(text, len(word.split()))
        if by_pattern is not None:
            return by_pattern, text
        last = next((c for p, c in self.last if p.match(bare)), None)
        return (last, text) if last is not None else None


def _rest(text: str, words: int) -> str:
    """`text` without its first `words` words (the command word, as the member wrote it)."""
    parts = text.split(maxsplit=words)
    return parts[words] if len(parts) > words else ""
