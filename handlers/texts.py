"""Norwegian (bokmål) shown to a member by every command: date and time formats, errors, routing,
identity and help. Each subject has its own module beside this one: `meeting_texts` (neste møte,
møteplan, saker), `forfall_texts`, `vedtak_texts` and `secretariat_texts` (møteplan admin, channels,
plan import, calendar feed, reminders). Platform strings live in `bot/slack/texts.py`,
`bot/teams/texts.py`; command-line text in `bot/cli/`.
"""

from __future__ import annotations

import datetime as _dt

from babel.dates import format_date as _format_date

LOCALE = "nb"


def weekday_date(day: _dt.date) -> str:
    """«torsdag 23. november 2017»."""
    return _format_date(day, "EEEE d. MMMM y", locale=LOCALE)


def short_date(day: _dt.date) -> str:
    """«23.11.2017»."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def month_year(year: int, month: int) -> str:
    """«desember 2017»."""
    return _format_date(_dt.date(year, month, 1), "MMMM y", locale=LOCALE)


def clock(moment: _dt.time) -> str:
    """«09.00»."""
    return f"{moment.hour:02d}.{moment.minute:02d}"


def time_span(start: _dt.time | None, end: _dt.time | None) -> str:
    """«kl. 09.00–11.30», «kl. 09.00», or an empty string when the time is not known."""
    if start is None:
        return ""
    if end is None:
        return f"kl. {clock(start)}"
    return f"kl. {clock(start)}–{clock(end)}"


def days_until(days: int) -> str:
    """«i dag», «i morgen», «om 52 dager»; «for 3 dager siden» for the past."""
    if days == 0:
        return "i dag"
    if days == 1:
        return "i morgen"
    if days == -1:
        return "i går"
    if days < 0:
        return f"for {-days} dager siden"
    return f"om {days} dager"


def join_names(names: list[str]) -> str:
    """«A, B og C»."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " og " + names[-1]


ERROR = "Beklager, noe gikk galt hos meg. Prøv igjen om litt, eller gi sekretariatet feilkoden {code}."
ERROR_FALLBACK = "Noe gikk galt (feilkode {code})"
SUGGESTIONS_TITLE = "Mente du"
MORE_ITEMS = "… og {count} til"
# --- routing, identity and help
NOT_UNDERSTOOD = "Jeg forsto ikke helt. Skriv «hjelp» for å se hva jeg kan svare på."
NOT_UNDERSTOOD_FALLBACK = "Jeg forsto ikke meldingen"
UNKNOWN_COMMAND = "Jeg kjenner ikke kommandoen «{word}». Skriv «hjelp» for å se hva jeg kan."
UNLINKED_HEADING = "Hei! Jeg vet ikke hvem du er ennå"
UNLINKED = (
    "Før jeg kan svare på møter og forfall, må brukeren din kobles til navnet ditt i "
    "medlemslisten. Skriv «jeg er» og fullt navn, for eksempel «jeg er Kari Nordmann», så ber "
    "jeg sekretariatet bekrefte det. Sekretariatet kan også koble deg direkte."
)
UNLINKED_CONSOLE = "I terminalen velger du hvem du er med --as «Fullt Navn»."
UNLINKED_SHORT = "Jeg vet ikke hvem du er ennå. Skriv «jeg er» og fullt navn."
LINK_ALREADY = "Du er allerede koblet til {name}."
LINK_REQUESTED = (
    "Takk! Jeg har bedt sekretariatet bekrefte at du er {name}. Du får svar på møter og forfall "
    "så snart det er gjort."
)
LINK_REQUESTED_AGAIN = "Forespørselen om å koble deg til {name} venter allerede på sekretariatet."
LINK_NO_SUCH_PERSON = "Jeg finner ingen med navnet «{name}» i medlemslisten."
LINK_NEED_NAME = "Skriv «jeg er» og fullt navn, for eksempel «jeg er Kari Nordmann»."
LINK_PENDING_HEADING = "Koblinger som venter på bekreftelse"
LINK_PENDING_NONE = "Ingen koblinger venter på bekreftelse."
LINK_PENDING_ITEM = "{name} ({platform}: {external_id})"
LINK_CONFIRM_BUTTON = "Bekreft {name}"
LINK_CONFIRMED = "{name} er nå koblet til {platform}-brukeren {external_id}."
LINK_REQUEST_GONE = "Den forespørselen finnes ikke lenger."
SECRETARIAT_ONLY = "Bare sekretariatet kan gjøre dette."
HELP_HEADING = "Dette kan du spørre meg om"
HELP_ITEM = "{usage}: {help}"
HELP_NOTE = "Du kan også skrive vanlige setninger, for eksempel «når er neste møte?»."
HELP_SECRETARIAT_TITLE = "For sekretariatet"
HELP_HJELP = "denne oversikten"
HELP_NESTE = "neste møte i organene dine (eller det du nevner), med saksliste og forfall"
HELP_PLAN = "kommende møter i organene dine"
HELP_SAKER = "saker som ikke er avsluttet, og hvorfor"
HELP_VEDTAK = "finn vedtak på saksnummer eller ord, for eksempel «vedtak 24/2016»"
HELP_VEDTAK_MORE = "flere treff fra forrige vedtakssøk"
HELP_FORFALL = "meld forfall, for eksempel «forfall 7.12 pga sykdom, Kari Nordmann møter for meg»"
HELP_TREKK = "trekk et forfall du har meldt, for eksempel «trekk forfall 7.12»"
HELP_MINE = "forfallene du har meldt til kommende møter"
HELP_JEG_ER = "koble chatbrukeren din til navnet ditt, for eksempel «jeg er Kari Nordmann»"
HELP_KOBLINGER = "koblinger som venter på bekreftelse (sekretariatet)"
HELP_BEKREFT = "bekreft en kobling (sekretariatet)"

# --- the platforms' command menus (Slack's slash commands, Teams' command list)
MENU_NESTE = "Neste møte i organene dine, med saksliste og forfall"
MENU_PLAN = "Kommende møter i organene dine"
MENU_SAKER = "Saker som ikke er avsluttet, og hvorfor"
MENU_VEDTAK = "Finn vedtak på saksnummer eller ord"
MENU_FORFALL = "Meld forfall til et møte"
MENU_TREKK = "Trekk et forfall du har meldt"
MENU_MINE = "Forfallene du har meldt til kommende møter"
MENU_HJELP = "Alt Møtebot kan"
SLASH_HINT_BODY = "[organ]"
SLASH_HINT_VEDTAK = "24/2016 | kunst rett vest"
SLASH_HINT_FORFALL = "7.12 pga sykdom, Kari Nordmann møter for meg"
NOT_MEMBER = "Du er ikke medlem av {body}."
NO_BODIES = "Du er ikke registrert som medlem av noe organ ennå. Kontakt sekretariatet."


def meeting_date(day: _dt.date) -> str:
    """«15. september 2016» (the meeting a vedtak was made at)."""
    return _format_date(day, "d. MMMM y", locale=LOCALE)


FAILURE_NOT_DONE = (
    "Beklager, noe gikk galt hos oss, og det du ba om ble ikke utført. Prøv igjen om litt. "
    "Oppgi feilkode {error_id} hvis du kontakter sekretariatet."
)
# The conformance kit reads the failure notice under its old name, as `handlers.texts.SLACK_FAILURE`.
SLACK_FAILURE = FAILURE_NOT_DONE


# --- The old import path `texts.X` for every member text. Branches written before the split still
# read them here; their home is the subject module (new code imports that one).
from handlers.forfall_texts import *  # noqa: E402, F403
from handlers.meeting_texts import *  # noqa: E402, F403
from handlers.secretariat_texts import *  # noqa: E402, F403
from handlers.vedtak_texts import *  # noqa: E402, F403
