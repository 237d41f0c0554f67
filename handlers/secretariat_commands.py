"""The secretariat's side (docs/secretariat.md): who comes, habilitet, vara answers; command table rows."""

from __future__ import annotations

from handlers import habilitet, vara_answer, who_comes
from handlers import vara_texts as stexts
from handlers.routing import Command

# «inhabil i sak 03/2018» must not be read as a vedtak question («sak 3»), so its pattern goes first.
SECRETARIAT_SIDE: tuple[Command, ...] = (
    Command(
        "hvem-kommer",
        "hvem kommer [dato] [organ]",
        stexts.HELP_HVEM,
        who_comes.who_comes,
        aliases=("hvem kommer", "hvem-kommer", "oppmøte"),
        patterns=(r"^hvem (kommer|moter|stiller)\b",),
        precedence=9,
    ),
    Command(
        "inhabil",
        "inhabil i sak <nummer>",
        stexts.HELP_INHABIL,
        habilitet.inhabil,
        aliases=("inhabil", "habilitet"),
        patterns=(r"\binhabil\b",),
        precedence=9,
        writes=True,
    ),
    Command("vara-svar", "vara-svar", stexts.HELP_VARA_SVAR, vara_answer.answer, listed=False, writes=True),
    Command("kommer", "kommer", stexts.HELP_KOMMER, vara_answer.coming, listed=False, writes=True),
)
