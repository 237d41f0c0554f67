"""Norwegian of the terminal chat: the prompt and the banner."""

from __future__ import annotations

CONSOLE_PROMPT = "> "
CONSOLE_BANNER = (
    "Møtebot i terminalen. Du chatter som {name}. Skriv «hjelp»; skriv et nummer for å trykke på "
    "knappen [1], [2] …; avslutt med Ctrl-D."
)
CONSOLE_NOBODY = "en ukjent bruker (velg person med --as «Fullt Navn»)"
