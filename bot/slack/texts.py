"""Norwegian strings of the Slack adapter: fallbacks, the forfall modal, the Home tab."""

from __future__ import annotations

SLACK_FALLBACK = "Svar fra Møtebot"
SLACK_BUSY = "Jeg har veldig mye å gjøre akkurat nå. Prøv igjen om et minutt."
SLACK_MODAL_CLOSE = "Avbryt"
SLACK_HOME_NEXT = "Mine neste møter"
SLACK_HOME_FORFALL = "Mine forfall"
SLACK_HOME_SAKER = "Åpne saker i mine organer"
SLACK_HOME_UPDATED = "Oppdatert {when}. Skriv «hjelp» i en melding til meg for å se alt jeg kan."
