"""Norwegian strings of the Teams adapter: welcome cards, private answers, the forfall form."""

from __future__ import annotations

TEAMS_WELCOME_HEADING = "Hei! Jeg er Møtebot"
TEAMS_WELCOME_PERSONAL = (
    "Spør meg om neste møte, møteplanen, åpne saker og vedtak, eller meld forfall. "
    "Skriv «hjelp» for å se alt."
)
TEAMS_WELCOME_CHANNEL = (
    "Nevn meg (@Møtebot) i en melding her, så svarer jeg. Skriv «@Møtebot hjelp» for å se alt."
)
TEAMS_WELCOME_CHANNEL_ID = (
    "Sekretariatet kan sende påminnelser hit med: motebot channels set ORGAN teams:{conversation_id}"
)
TEAMS_WELCOME_FALLBACK = "Møtebot er lagt til"
TEAMS_PRIVATE_ELSEWHERE = (
    "Svaret er bare for deg, og jeg fikk ikke vist det privat her. "
    "Skriv til meg i en 1:1-chat, så svarer jeg der."
)
TEAMS_ANSWERED_PRIVATELY = "Jeg har svart deg i en privat chat."
TEAMS_FORM_MEETING_REQUIRED = "Velg et møte."
