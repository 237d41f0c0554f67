"""Free text about forfall, understood first (handlers.forfall_message), and its answer buttons."""

from __future__ import annotations

from handlers import forfall_message, forfall_texts, texts
from handlers.routing import Command

UNDERSTOOD_FORFALL: tuple[Command, ...] = (
    Command(
        "forfall-melding",
        "forfall-melding <melding>",
        texts.HELP_FORFALL,
        forfall_message.handle,
        writes=True,
        listed=False,
    ),
    Command(
        "forfall-flere",
        "forfall-flere",
        texts.HELP_FORFALL,
        forfall_message.several,
        writes=True,
        listed=False,
    ),
    Command(
        "nei", "nei", forfall_texts.NOTHING_DONE, forfall_message.nothing, needs_asker=False, listed=False
    ),
    Command(
        "småprat",
        "småprat",
        forfall_texts.SMALL_TALK,
        forfall_message.nothing,
        needs_asker=False,
        listed=False,
    ),
)
