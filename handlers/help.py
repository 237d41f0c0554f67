"""Hjelp: the list of commands, generated from the registry's table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from handlers import texts
from handlers.types import BulletList, Element, Heading, Note, Reply, Request
from language.folding import fold


class Documented(Protocol):
    """What help needs of a registry entry."""

    @property
    def word(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def usage(self) -> str: ...
    @property
    def help(self) -> str: ...
    @property
    def listed(self) -> bool: ...
    @property
    def secretariat(self) -> bool: ...


def help_reply(req: Request, commands: Sequence[Documented]) -> Reply:
    """Every listed command with its usage and one line; «hjelp forfall» shows just that one."""
    wanted = fold(req.args.strip().removeprefix("/"))
    chosen = [c for c in commands if wanted and wanted in {fold(c.word), *map(fold, c.aliases)}]
    if not chosen:
        chosen = [c for c in commands if c.listed]
    is_secretariat = req.asker is not None and req.asker.is_secretariat
    members = tuple(_item(c) for c in chosen if not c.secretariat)
    staff = tuple(_item(c) for c in chosen if c.secretariat)
    elements: list[Element] = [Heading(texts.HELP_HEADING)]
    if members:
        elements.append(BulletList(members))
    if staff and (is_secretariat or len(chosen) == 1):
        elements.append(BulletList(staff, title=texts.HELP_SECRETARIAT_TITLE))
    elements.append(Note(texts.HELP_NOTE))
    return Reply(tuple(elements), fallback=texts.HELP_HEADING)


def _item(command: Documented) -> str:
    return texts.HELP_ITEM.format(usage=command.usage, help=command.help)
