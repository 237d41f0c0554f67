"""Norwegian printed by the command line: members, console, demo, reminders, Slack roster, Teams package."""

from __future__ import annotations

# --- members (terminal)
MEMBERS_LINKED = "{name} er koblet til {platform}:{external_id}."
MEMBERS_IMPORTED = "Lest inn {count} personer fra {file}."
MEMBERS_BAD_ROW = "Linje {line}: {problem}"
MEMBERS_NOTHING_IMPORTED = "Ingenting er lest inn. Rett linjene over og prøv igjen."
MEMBERS_CANNOT_READ = "Kan ikke lese {file}: {error}"
MEMBERS_BAD_ROLE = "ukjent rolle «{role}» (bruk member, chair eller secretariat)"
MEMBERS_UNKNOWN_BODY = "ukjent organ «{body}»"
MEMBERS_PENDING = "Venter på bekreftelse: {name} ({platform}:{external_id})"
ROLE_NAMES = {"member": "medlem", "chair": "leder", "secretariat": "sekretariat"}
# --- the terminal (console, ask, demo)
DEMO_BANNER = (
    "Møtebot – demo\n"
    "Klokka er satt til mandag 2. oktober 2017, så møteplanen i eksempelreferatene ligger foran deg.\n"
    "{count} eksempeldokumenter er lest inn i demo.db. Du er {name}, medlem av både Rådmannsgruppen "
    "og Styringsgruppen.\n"
    "Prøv for eksempel:\n"
    "  når er neste møte?\n"
    "  møteplan\n"
    "  åpne saker\n"
    "  hva ble vedtatt i sak 24/2016?\n"
    "  Jeg har forfall til møtet 7.12, Kari Nordmann møter for meg\n"
    "  mine forfall\n"
    "  hjelp\n"
    "Skriv et nummer for å trykke på knappen [1], [2] … i forrige svar. Avslutt med Ctrl-D."
)
DEMO_NO_EXAMPLES = "Finner ikke examples/referater/. Kjør demoen fra prosjektmappen."
DEMO_IMPORT_FAILED = "Kunne ikke lese inn {file} ({code})."
CLI_UNKNOWN_PERSON = "Finner ingen person som heter «{name}». Se `motebot members list`."
CLI_BAD_NOW = "«{value}» er ikke en dato (YYYY-MM-DD) eller et ISO-tidspunkt."
CLI_LINK_ONE_PLATFORM = "Oppgi nøyaktig én av --slack og --teams."
SLACK_NO_TOKEN = "SLACK_BOT_TOKEN er ikke satt (se docs/slack.md)."
SLACK_ROSTER_LINKED = "Koblet {name} til Slack-brukeren {user}."
SLACK_ROSTER_NOT_IN_SLACK = "Ikke funnet i Slack: {names}"
SLACK_ROSTER_UNCONFIRMED = "E-posten er ikke bekreftet i Slack: {names}"
SLACK_ROSTER_SUMMARY = "{linked} koblet, {missing} ikke funnet i Slack, {unconfirmed} uten bekreftet e-post."
REMINDERS_PASS = (
    "Postet {posted}, funnet allerede postet {recovered}, hoppet over {skipped}, "
    "{failed} feilet og prøves igjen senere."
)
REMINDERS_NO_POSTERS = "Ingen plattform er satt opp (SLACK_BOT_TOKEN mangler), så ingenting kan postes."
REMINDERS_RUNNING = "Påminnelser kjører (stopp med Ctrl+C)."
# What a submitted form becomes: the sentence the forfall command reads («… pga sykdom, Kari møter for meg»).
TEAMS_PACKAGE_NO_APP_ID = (
    "TEAMS_APP_ID mangler: sett Entra-appens id i .env eller miljøet først (se docs/teams.md)."
)
TEAMS_PACKAGE_BAD_INPUT = "Kan ikke lage pakken: {problem}"
TEAMS_PACKAGE_WRITTEN = "Skrev {path}. Last den opp i Teams administrasjonssenter (se docs/teams.md)."
MANIFEST_STALE = "{path} er utdatert: kjør «motebot manifests» og legg endringen inn."
MANIFEST_WRITTEN = "Skrev {path}."
MANIFEST_NEEDS_HTTPS = "Slack godtar bare https-adresser, ikke «{url}»."
SLACK_BAD_TEAM = "«{team}» er ikke et team-ID fra Slack (T…, se Slack: Om arbeidsområdet)."
SLACK_ADOPTED = (
    "Knyttet til {team}: {chat_identities} koblinger, {link_requests} koblingsforespørsler, "
    "{channels} kanaler, {reminder_posts} påminnelser og {notices} varsler."
)
SLACK_TEAM_NEEDED = "Møtebot er installert i flere arbeidsområder: oppgi arbeidsområdet med --slack-team T…."
SLACK_TEAM_UNUSED = (
    "--slack-team brukes bare når møtebot er installert i flere arbeidsområder (SLACK_CLIENT_ID)."
)
