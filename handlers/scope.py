"""What a request is about: who asks, their local day, and the bodies the text names or they belong to."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from handlers import texts
from handlers.types import Asker, NotAllowed, Request
from language.folding import body_stem, fold  # one folding of body names for the whole bot
from storage.models import Body


def today(req: Request, tz: ZoneInfo) -> dt.date:
    """The asker's local date."""
    return req.now.astimezone(tz).date()


def require_asker(req: Request) -> Asker:
    """The asker; the registry answers unlinked users before a handler runs, so this is a guard."""
    if req.asker is None:
        raise NotAllowed(texts.UNLINKED_SHORT)
    return req.asker


def _names(body: Body, folded: str) -> bool:
    """Whether the folded text names the body by its name or by an alias the database holds for it.

    An alias of a few letters («NRR») must stand as a word; a longer stem takes endings.
    """
    for name in body.names:
        stem = body_stem(name)
        end = r"(?![a-z])" if len(stem) <= 4 else ""
        if re.search(rf"(?<![a-z]){re.escape(stem)}{end}", folded):
            return True
    return False


def mentioned_bodies(text: str, bodies: Sequence[Body]) -> list[Body]:
    """The bodies named in `text` by name or alias, in the order given."""
    folded = fold(text)
    return [b for b in bodies if _names(b, folded)]


def pick_bodies(
    text: str, *, mine: Sequence[Body], every: Sequence[Body], only_mine: bool = True
) -> list[Body]:
    """The bodies the text names (with `only_mine`, each one of `mine`), else all of `mine`."""
    named = mentioned_bodies(text, every)
    if not named:
        return list(mine)
    if not only_mine:
        return named
    mine_ids = {b.id for b in mine}
    foreign = [b for b in named if b.id not in mine_ids]
    if foreign:
        raise NotAllowed(texts.NOT_MEMBER.format(body=foreign[0].name))
    return named
