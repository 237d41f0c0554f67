"""Every Norwegian (bokmål) string and every date/time format a member or the secretariat reads.

Several parts of the bot add to this module: keep to your own section (marked below), add with
small edits, and never rewrite the file wholesale.
"""

from __future__ import annotations

# === Section: common (dates, times, errors) ======================================================
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
REFUSAL_HEADING = "Det gikk ikke"
SUGGESTIONS_TITLE = "Mente du"
MORE_ITEMS = "… og {count} til"

# === Section: import and export (ingest reports) =================================================
IMPORT_KINDS = {"referat": "Referat", "saksframlegg": "Saksframlegg"}
IMPORT_DOCUMENT = "{file}: {kind} fra {body} {date}"
IMPORT_UNCHANGED = "{file}: uendret (samme innhold er allerede importert)"
IMPORT_FAILED = "{file}: IKKE importert. {reason}"
IMPORT_WARNING_AT = "  advarsel, linje {line}: {text}"
IMPORT_WARNING = "  advarsel: {text}"
# After the first warnings of a document, the rest only counted by kind (a broken document can
# have thousands).
IMPORT_WARNINGS_MORE = "  … og {count} advarsler til: {kinds}"
IMPORT_WARNINGS_KIND = "{count} × {text}"
IMPORT_SUMMARY = "{done} av {total} dokumenter importert, {unchanged} uendret, {failed} feilet."
IMPORT_PROGRESS = "Importerer"
IMPORT_NO_FILES = "Ingen filer oppgitt."


def _amount(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def import_counts(
    *, meetings: int, saker: int, vedtak: int, proposals: int, attendance: int, plan_lines: int
) -> str:
    """«1 møte, 12 saker, 11 vedtak, 0 forslag til vedtak, 21 i oppmøtelisten, 0 møteplanlinjer»."""
    return ", ".join(
        [
            _amount(meetings, "møte", "møter"),
            _amount(saker, "sak", "saker"),
            _amount(vedtak, "vedtak", "vedtak"),
            _amount(proposals, "forslag til vedtak", "forslag til vedtak"),
            f"{attendance} i oppmøtelisten",
            _amount(plan_lines, "møteplanlinje", "møteplanlinjer"),
        ]
    )


# Why a document was not imported, by the stable code the reader, parser or loader gives
# (ingest.parse.ERROR_CODES and ingest.load's own).
IMPORT_ERRORS = {
    "file_not_found": "Finner ikke filen.",
    "file_unreadable": "Filen kan ikke åpnes ({detail}).",
    "internal_error": "En intern feil stoppet importen ({detail}); ingenting fra dokumentet er lagret.",
    "empty": "Filen er tom.",
    "unreadable": (
        "Filen kan ikke leses: den er skadet, eller innholdet passer ikke til filtypen"
        " (.md, .txt, .pdf, .docx)."
    ),
    "no_text": "Dokumentet har ingen tekst å lese (en skannet PDF?). Lagre det med tekst, eller som .docx.",
    "unsupported_type": "Filtypen støttes ikke; bruk .md, .txt, .pdf eller .docx.",
    "too_large": (
        "Dokumentet er for stort til å være et referat eller saksframlegg ({detail});"
        " ingenting er lagret. Del det opp, eller lagre det uten bilder."
    ),
    "no_meeting": "Fant ikke noe møte i dokumentet: verken organ og dato i overskriften.",
}
IMPORT_ERROR_UNKNOWN = "Dokumentet kunne ikke importeres (feilkode {code}{detail})."

# What the parser or loader noticed but could not use, by stable code (ingest.parse.WARNING_CODES).
IMPORT_WARNINGS = {
    "chat_attendance_kept": (
        "{detail} har meldt forfall i chat; den registreringen beholdes framfor referatets."
    ),
    "unknown_attendance_entry": "Forsto ikke denne delen av deltakerlisten: «{detail}».",
    "attendance_without_organisation": "Mangler kommune/organisasjon for {detail}.",
    "plan_line_without_body": "Møteplanlinjen nevner ikke noe kjent organ: «{detail}».",
    "plan_line_bad_date": "Møteplanlinjen har en dato jeg ikke forstår: «{detail}».",
    "sak_without_title": "Sak {detail} mangler tittel.",
    "duplicate_sak": "Sak {detail} står to ganger i dokumentet; den første er brukt.",
    "empty_vedtak": "Sak {detail}: «Vedtak:» uten tekst etter.",
    "date_mismatch": "Datoene i dokumentet stemmer ikke overens ({detail}); den i overskriften er brukt.",
    "time_not_found": "Fant ikke klokkeslett for møtet.",
}
IMPORT_WARNING_UNKNOWN = "{code}{detail}"


def _with_detail(template: str, code: str, detail: str) -> str:
    return template.format(code=code, detail=f": {detail}" if detail else "")


def import_error_text(code: str, detail: str = "") -> str:
    """The Norwegian reason a document was not imported; the code itself for an unknown one."""
    known = IMPORT_ERRORS.get(code)
    if known is None:
        return _with_detail(IMPORT_ERROR_UNKNOWN, code, detail)
    return known.format(detail=detail or code)


def import_warning_text(code: str, detail: str = "") -> str:
    """The Norwegian text of a parser or loader warning; the code itself for an unknown one."""
    known = IMPORT_WARNINGS.get(code)
    if known is None:
        return _with_detail(IMPORT_WARNING_UNKNOWN, code, detail)
    return known.format(detail=detail)


# === Section: member commands (neste møte, møteplan, saker, forfall, hjelp, members) =============

# --- routing, identity and help
BAD_BUTTON_VALUE = "Knappen eller skjemaet viser til noe som ikke finnes. Be om et nytt svar og prøv igjen."
MESSAGE_CUT = "Meldingen var over 4 000 tegn lang, så jeg leste bare de første 4 000."
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
LINK_NO_SUCH_PERSON_HINT = "Skriv fullt navn slik det står i referatene, eller kontakt sekretariatet."
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

# --- meetings
MEETING_LABEL = "{body}, {when}"
NOT_MEMBER = "Du er ikke medlem av {body}."
NO_BODIES = "Du er ikke registrert som medlem av noe organ ennå. Kontakt sekretariatet."
NEXT_NONE = "{body} har ingen planlagte møter framover."
NEXT_HEADING = "Neste møte i {body}"
NEXT_FALLBACK = "Neste møte: {labels}"
LABEL_WHEN = "Når"
LABEL_TIME = "Tid"
LABEL_PLACE = "Sted"
WHEN_COUNTDOWN = "{day} ({countdown})"
LABEL_STATUS = "Status"
TIME_UNKNOWN = "ikke fastsatt"
AGENDA_TITLE = "Saksliste"
AGENDA_ITEM = "Sak {number:02d}/{year}: {title}"
AGENDA_UNKNOWN = "Sakslisten er ikke kjent ennå."
ABSENT_TITLE = "Forfall så langt"
ABSENT_NONE = "Ingen har meldt forfall så langt."
ABSENT_ITEM_REASON = "{name} ({reason})"
ABSENT_ITEM_SUBSTITUTE = "{name}, {substitute} møter"
YOU_HAVE_FORFALL = "Du har meldt forfall til dette møtet."
BUTTON_FORFALL = "Meld forfall"
BUTTON_UNDO = "Angre"
BUTTON_WITHDRAW = "Trekk forfall {meeting}"

PLAN_HEADING = "Møteplan for {body}"
PLAN_NONE = "Ingen kommende møter er kjent."
PLAN_ITEM = "{when}"
PLAN_ITEM_PLACE = "{when}, {place}"
PLAN_CANCELLED = "{item} (avlyst)"
PLAN_FALLBACK = "Møteplan: {count} kommende møter"

# --- open saker
SAKER_HEADING = "Åpne saker"
SAKER_HEADING_BODY = "Åpne saker i {body}"
SAKER_NONE = "Ingen åpne saker i {bodies}."
SAKER_ITEM = "Sak {number:02d}/{year} {title} ({body}, {date}): {reason} «{quote}»"
SAKER_REASON_PROPOSAL = "forslag til vedtak, ikke vedtatt ennå:"
SAKER_REASON_RECOMMENDS = "anbefaling som venter på vedtak i {body}:"
SAKER_REASON_RECOMMENDS_UNKNOWN = "anbefaling som venter på vedtak:"
SAKER_REASON_TASK = "oppfølging som venter på {body}s neste referat:"
SAKER_NOTE = "En sak er åpen til vedtaket eller referatet den venter på, er lest inn."
SAKER_MORE = "… og {count} til (de eldste vises først)"
SAKER_MORE_OVER = "… og over {count} til (de eldste vises først)"
SAKER_FALLBACK = "{count} åpne saker"
SAKER_FALLBACK_OVER = "over {count} åpne saker"

# --- forfall
FORFALL_DONE_HEADING = "Forfall registrert"
FORFALL_DONE = "Jeg har registrert forfall for {who} til {meeting}."
FORFALL_UPDATED_HEADING = "Forfall oppdatert"
FORFALL_UPDATED = "Jeg har oppdatert forfallet for {who} til {meeting}."
FORFALL_DONE_FALLBACK = "Forfall registrert: {meeting}"
FORFALL_ALREADY = "{who_cap} har allerede meldt forfall til {meeting}. Jeg har ikke endret noe."
FORFALL_LABEL_REASON = "Grunn (bare du og sekretariatet ser den)"
FORFALL_LABEL_REASON_SECRETARIAT = "Grunn"
FORFALL_LABEL_SUBSTITUTE = "Vara"
FORFALL_WHO_YOU = "deg"
FORFALL_WHO_YOU_CAP = "Du"
FORFALL_CHECK = "Stemmer ikke møtet? Trykk «Angre»."
FORFALL_INVALID_DATE = "«{date}» er ikke en gyldig dato, så jeg har ikke registrert noe."
FORFALL_PAST = "{meeting} har allerede vært, så jeg har ikke registrert noe."
FORFALL_PAST_DAY = "{date} har allerede vært, så jeg har ikke registrert noe."
FORFALL_NO_MEETING_DAY = "{who_cap} har ikke noe møte {date}, så jeg har ikke registrert noe."
FORFALL_NO_MEETING_MONTH = "{who_cap} har ikke noe møte i {month}, så jeg har ikke registrert noe."
FORFALL_NEAREST = "Nærmeste møter:"
FORFALL_NO_UPCOMING = "{who_cap} har ingen kommende møter, så jeg har ikke registrert noe."
FORFALL_WHICH = "Hvilket møte gjelder forfallet? Jeg har ikke registrert noe ennå."
FORFALL_WHICH_SAME_DAY = "Det er flere møter {date}. Hvilket gjelder forfallet? Jeg har ikke registrert noe."
FORFALL_WHICH_MONTH = "Det er flere møter i {month}. Hvilket gjelder forfallet? Jeg har ikke registrert noe."
FORFALL_NO_SUCH_MEETING = "Jeg finner ikke det møtet."
FORFALL_OTHERS_NOT_ALLOWED = "Bare sekretariatet kan melde forfall for andre."
FORFALL_UNKNOWN_PERSON = "Jeg finner ingen med navnet «{name}»."
FORFALL_PERSON_NOT_MEMBER = "{name} er ikke medlem av {body}."
FORFALL_WHO_OTHER_NOT_MEMBER = "{name} er ikke medlem av noe organ."
WITHDRAWN_HEADING = "Forfall trukket"
WITHDRAWN = "Jeg har trukket forfallet for {who} til {meeting}."
WITHDRAWN_FALLBACK = "Forfall trukket: {meeting}"
WITHDRAW_NONE = "{who_cap} har ikke meldt forfall til {meeting}, så det er ingenting å trekke."
WITHDRAW_NONE_AT_ALL = "{who_cap} har ingen forfall til kommende møter."
WITHDRAW_WHICH = "Hvilket forfall vil du trekke?"
WITHDRAW_FROM_MINUTES = "Forfallet til {meeting} står i referatet og kan ikke trekkes her."
WITHDRAW_PAST = "{meeting} har allerede vært, så forfallet kan ikke trekkes."
MINE_HEADING = "Dine forfall til kommende møter"
MINE_HEADING_OTHER = "Forfall for {name} til kommende møter"
MINE_NONE = "Du har ikke meldt forfall til noen kommende møter."
MINE_ITEM = "{meeting} ({details})"
MINE_REASON = "grunn: {reason}"
MINE_SUBSTITUTE = "vara: {name}"
MINE_FALLBACK = "{count} forfall"

# --- members (terminal)
MEMBERS_LINKED = "{name} er koblet til {platform}:{external_id}."
MEMBERS_IMPORTED = "Lest inn {count} personer fra {file}."
MEMBERS_BAD_ROW = "Linje {line}: {problem}"
MEMBERS_NOTHING_IMPORTED = "Ingenting er lest inn. Rett linjene over og prøv igjen."
MEMBERS_CANNOT_READ = "Kan ikke lese {file}: {error}"
MEMBERS_MISSING_COLUMNS = "overskriftslinjen mangler {columns} (kolonner: name, email, role, bodies)"
MEMBERS_NO_NAME = "mangler navn"
MEMBERS_BAD_EMAIL = "«{email}» er ikke en e-postadresse"
MEMBERS_DUPLICATE_EMAIL = "e-posten {email} står også på linje {other}"
MEMBERS_EMAIL_TAKEN = "e-posten {email} tilhører allerede {name}"
MEMBERS_BAD_ROLE = "ukjent rolle «{role}» (bruk member, chair eller secretariat)"
MEMBERS_UNKNOWN_BODY = "ukjent organ «{body}»"
MEMBERS_PENDING = "Venter på bekreftelse: {name} ({platform}:{external_id})"
ROLE_NAMES = {"member": "medlem", "chair": "leder", "secretariat": "sekretariat"}

# --- the terminal (console, ask, demo)
CONSOLE_PROMPT = "> "
CONSOLE_BANNER = (
    "Møtebot i terminalen. Du chatter som {name}. Skriv «hjelp»; skriv et nummer for å trykke på "
    "knappen [1], [2] …; avslutt med Ctrl-D."
)
CONSOLE_NOBODY = "en ukjent bruker (velg person med --as «Fullt Navn»)"
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

# === Section: vedtak and search ==================================================================

VEDTAK_USAGE = (
    "Skriv et saksnummer eller noen ord om saken, for eksempel «vedtak 24/2016» eller "
    "«vedtak kunst rett vest»."
)
VEDTAK_NEED_YEAR = "Skriv saksnummeret med år, for eksempel «vedtak {number}/{year}»."
VEDTAK_NUMBER_NOT_FOUND = "Jeg finner ingen sak {number:02d}/{year}."
VEDTAK_NUMBER_NOT_IN_BODY = "Jeg finner ingen sak {number:02d}/{year} i {bodies}."
VEDTAK_NUMBER_HINT = "Sjekk nummeret, eller søk med ord, for eksempel «vedtak kunst rett vest»."
VEDTAK_NO_HITS = "Jeg finner ingen saker om «{query}»."
VEDTAK_NO_HITS_HINT = "Prøv andre eller færre ord, eller et saksnummer som «24/2016»."
VEDTAK_MORE_USAGE = "Søk først, for eksempel «vedtak kunst rett vest»; da kan du be om flere treff."
VEDTAK_NO_MORE = "Ingen flere treff for «{query}»."
VEDTAK_SEARCH_HEADING = "Treff for «{query}»"
VEDTAK_SEARCH_MORE_HEADING = "Flere treff for «{query}»"
VEDTAK_IN_BODIES = "Sak {number:02d}/{year} finnes i {count} organer."
VEDTAK_SAK_HEADING = "Sak {number:02d}/{year}: {title}"
VEDTAK_LABEL_BODY = "Organ"
VEDTAK_LABEL_MEETING = "Møte"
VEDTAK_TEXT = "Vedtak: {text}"
VEDTAK_PROPOSAL_TEXT = "Forslag til vedtak (ikke vedtatt ennå): {text}"
VEDTAK_NONE_RECORDED = "Det er ikke registrert noe vedtak eller forslag til vedtak i denne saken."
VEDTAK_SOURCE = "Kilde: {file}"
VEDTAK_BUTTON_SHOW = "Vis vedtak {number:02d}/{year}"
VEDTAK_BUTTON_MORE = "Flere treff"
VEDTAK_FALLBACK_ONE = "Sak {number:02d}/{year}: {title}"
VEDTAK_FALLBACK_MANY = "Treff for «{query}»: {numbers}"


def meeting_date(day: _dt.date) -> str:
    """«15. september 2016» (the meeting a vedtak was made at)."""
    return _format_date(day, "d. MMMM y", locale=LOCALE)


# === Section: Slack ==============================================================================

SLACK_FALLBACK = "Svar fra Møtebot"
SLACK_FAILURE = (
    "Beklager, noe gikk galt hos oss, og det du ba om ble ikke utført. Prøv igjen om litt. "
    "Oppgi feilkode {error_id} hvis du kontakter sekretariatet."
)
SLACK_BUSY = "Jeg har veldig mye å gjøre akkurat nå. Prøv igjen om et minutt."
SLACK_NO_TOKEN = "SLACK_BOT_TOKEN er ikke satt (se docs/slack.md)."
SLACK_ROSTER_LINKED = "Koblet {name} til Slack-brukeren {user}."
SLACK_ROSTER_NOT_IN_SLACK = "Ikke funnet i Slack: {names}"
SLACK_ROSTER_UNCONFIRMED = "E-posten er ikke bekreftet i Slack: {names}"
SLACK_ROSTER_SUMMARY = "{linked} koblet, {missing} ikke funnet i Slack, {unconfirmed} uten bekreftet e-post."
SLACK_MODAL_TITLE = "Meld forfall"
SLACK_MODAL_SUBMIT = "Meld forfall"
SLACK_MODAL_CLOSE = "Avbryt"
SLACK_MODAL_MEETING = "Møte"
SLACK_MODAL_MEETING_PLACEHOLDER = "Velg møte"
SLACK_MODAL_REASON = "Grunn"
SLACK_MODAL_REASON_HINT = "Valgfritt. Grunnen ser bare du og sekretariatet."
SLACK_MODAL_VARA = "Vara"
SLACK_MODAL_VARA_HINT = "Valgfritt. Den som møter for deg, f.eks. Ola Nordmann."
SLACK_MODAL_NO_MEETINGS = "Du har ingen kommende møter å melde forfall til."
SLACK_MEETING_OPTION = "{body}, {date}"
SLACK_ERR_MEETING = "Velg et av møtene i listen."
SLACK_ERR_REASON_LONG = "Grunnen kan være på høyst {n} tegn."
SLACK_ERR_VARA = "Skriv bare navnet på den som møter for deg, f.eks. Ola Nordmann."
SLACK_ERR_VARA_LONG = "Navnet kan være på høyst {n} tegn."
SLACK_HOME_NEXT = "Mine neste møter"
SLACK_HOME_FORFALL = "Mine forfall"
SLACK_HOME_SAKER = "Åpne saker i mine organer"
SLACK_HOME_UPDATED = "Oppdatert {when}. Skriv «hjelp» i en melding til meg for å se alt jeg kan."
# The modal's values as the forfall sentence a member could type (not shown; read by forfall).

# === Section: reminders and møteplan (secretariat) ===============================================

# --- møteplan: refusals (nothing is changed when one of these is shown)
PLAN_BAD_DATE = "«{value}» er ikke en gyldig dato. Skriv datoen som 2027-01-14 eller 14.01.2027."
PLAN_BAD_TIME = "«{value}» er ikke et gyldig klokkeslett. Skriv tiden som 10:00-12:30 (eller bare 10:00)."
PLAN_END_BEFORE_START = "Møtet kan ikke slutte kl. {end} når det begynner kl. {start}."
PLAN_TIME_GAP = "Klokka {time} finnes ikke {date}: da stilles klokka fram til sommertid."
PLAN_UNKNOWN_BODY = "Jeg kjenner ikke organet «{name}»."
PLAN_KNOWN_BODIES = "Kjente organer: {names}."
PLAN_NO_BODIES = "Det finnes ingen organer ennå; les inn et referat først (motebot import)."
PLAN_PAST = "{date} har allerede vært. Møteplanen gjelder kommende møter."
PLAN_NO_MEETING = "{body} har ikke noe møte {date}."
PLAN_HELD = "Møtet i {body} {date} er allerede holdt (referatet er lest inn)."
PLAN_IS_CANCELLED = "Møtet i {body} {date} er avlyst. Legg det inn på nytt med «motebot plan add»."
PLAN_MOVE_NOTHING = "Si hva som skal endres: ny dato (--to), tid (--time) eller sted (--place)."
PLAN_TARGET_TAKEN = "{body} har allerede et møte {date}."
PLAN_NOTHING_CHANGED = "Ingenting er endret."

# --- møteplan: done
PLAN_ADDED = "Lagt til: {meeting}."
PLAN_UPDATED = "Oppdatert: {meeting}."
PLAN_REINSTATED = "Lagt inn igjen: {meeting} (var avlyst)."
PLAN_UNCHANGED = "Uendret: {meeting} står allerede slik i møteplanen."
PLAN_MOVED = "Flyttet: {body} {old} er nå {meeting}."
PLAN_CANCELLED_DONE = "Avlyst: {meeting}."
PLAN_NOTICE_QUEUED = "Melding om endringen sendes til {channels}."
PLAN_REMINDER_QUEUED = "En påminnelse som alt er forfalt, sendes til {channels}."
PLAN_NO_CHANNEL = "{body} har ingen kanal for påminnelser ennå (motebot channels set)."
PLAN_LIST_HEADING = "Møteplan"
PLAN_LIST_HEADING_BODY = "Møteplan for {body}"
PLAN_LIST_NONE = "Ingen kommende møter i møteplanen."
PLAN_LIST_ITEM = "{when}: {body}{place} [{status}]"
PLAN_STATUS = {"planned": "planlagt", "cancelled": "avlyst", "held": "holdt"}
PLAN_BY_SECRETARIAT = "satt av sekretariatet"
PLAN_LIST_FALLBACK = "Møteplan: {count} møter"

# --- channels
CHANNEL_BAD = "«{value}» er ikke en kanal. Skriv slack:C0123456789 eller teams:<samtale-id>."
CHANNEL_SET = "Påminnelser for {body} går nå til {channel}."
CHANNEL_REPLACED = "Påminnelser for {body} går nå til {channel} (før: {previous})."
CHANNEL_TEAMS_UNKNOWN = (
    "Merk: Teams-samtalen er ikke kjent ennå. Legg appen til i kanalen, så blir den lagret."
)
CHANNEL_LIST_ITEM = "{body}: {channel}"
CHANNEL_LIST_NONE = "Ingen kanaler for påminnelser er satt."

# --- plan import (.ics / .csv)
IMPORT_PLAN_BAD_TYPE = "Møteplanen må være en .ics- eller .csv-fil, ikke «{name}»."
IMPORT_PLAN_UNREADABLE = "Kunne ikke lese filen «{name}»."
IMPORT_PLAN_FAILED = "Møteplanen i {name} ble ikke lest inn; ingenting er endret."
IMPORT_PLAN_LINE = "Linje {line}: {problem}"
IMPORT_PLAN_EMPTY = "fant ingen møter i filen"
IMPORT_PLAN_NOT_UTF8 = "filen er ikke UTF-8-tekst"
IMPORT_PLAN_CSV_HEADER = (
    "overskriftslinjen mangler {columns} (kolonner: organ, dato, start, slutt, sted, status)"
)
IMPORT_PLAN_CSV_FIELDS = "har {found} felt, overskriften har {expected}"
IMPORT_PLAN_CSV_END_ONLY = "har slutt, men ikke start"
IMPORT_PLAN_CSV_STATUS = "ukjent status «{value}» (bruk planlagt eller avlyst)"
IMPORT_PLAN_ICS_SYNTAX = "kan ikke tolkes som iCalendar: «{text}»"
IMPORT_PLAN_ICS_UNCLOSED = "BEGIN:{name} avsluttes aldri med END:{name}"
IMPORT_PLAN_ICS_UNOPENED = "END:{name} uten BEGIN:{name} foran"
IMPORT_PLAN_ICS_NO_CALENDAR = "filen begynner ikke med BEGIN:VCALENDAR"
IMPORT_PLAN_ICS_NO_START = "hendelsen mangler DTSTART"
IMPORT_PLAN_ICS_BAD_VALUE = "{name} har en ugyldig verdi: {problem}"
IMPORT_PLAN_ICS_NO_BODY = "finner ikke noe organ i «{summary}» (oppgi organet med --body)"
IMPORT_PLAN_ICS_RRULE = "gjentakende hendelser (RRULE) leses ikke inn; legg inn hvert møte for seg"
IMPORT_PLAN_ICS_MULTIDAY = "hendelsen varer over flere dager"
IMPORT_PLAN_DUPLICATE = "samme møte som linje {other}"
IMPORT_PLAN_DONE = (
    "Lest inn {name}: {created} nye, {updated} endret, {cancelled} avlyst, {unchanged} uendret."
)
IMPORT_PLAN_SKIPPED_PAST = "Hoppet over {count} møter som allerede har vært."
IMPORT_PLAN_SKIPPED_HELD = "Hoppet over {count} møter som allerede er holdt."
IMPORT_PLAN_CANCEL_WORDS = ("avlyst", "cancelled", "kansellert")
IMPORT_PLAN_PLANNED_WORDS = ("", "planlagt", "planned")

# --- iCalendar feed
ICS_CALENDAR_NAME = "Møteplan: {body}"
ICS_CALENDAR_NAME_ALL = "Møteplan"
ICS_SUMMARY = "Møte i {body}"
ICS_SUMMARY_CANCELLED = "AVLYST: møte i {body}"
ICS_AGENDA = "Saksliste:"

# --- the reminder and the notices posted in a body's channel
REMINDER_HEADING = "Påminnelse: møte i {body} {countdown}"
REMINDER_FALLBACK = "Påminnelse: møte i {body} {when}"
REMINDER_FORFALL_HINT = "Kan du ikke komme? Trykk «Meld forfall»."
MOVED_HEADING = "Møtet i {body} er flyttet"
MOVED_TEXT = "Møtet {old} er flyttet til {new}."
MOVED_FALLBACK = "Møtet i {body} er flyttet til {new}"
CANCELLED_HEADING = "Møtet i {body} er avlyst"
CANCELLED_TEXT = "Møtet {date} er avlyst. Det kommer ingen flere påminnelser om det."
CANCELLED_FALLBACK = "Møtet i {body} {date} er avlyst"

# --- motebot reminders (terminal)
REMINDERS_DUE_HEADING = "Postes ved neste runde ({now}):"
REMINDERS_LATER_HEADING = "Senere (de neste {days} dagene):"
REMINDERS_NONE_DUE = "Ingenting skal postes nå."
REMINDERS_NONE_LATER = "Ingen påminnelser de neste {days} dagene."
REMINDERS_ITEM = "{when}  {channel}  {body} {date}: {what}"
REMINDERS_RETRY = " (nytt forsøk {when}; sist: {error})"
REMINDERS_WHAT_BEFORE = "påminnelse {days} dager før"
REMINDERS_WHAT_DAY_BEFORE = "påminnelse dagen før"
REMINDERS_WHAT_SAME_DAY = "påminnelse samme dag"
REMINDERS_WHAT_MOVED = "melding om flytting"
REMINDERS_WHAT_CANCELLED = "melding om avlysning"
REMINDERS_NO_CHANNELS = "Ingen organer har en kanal for påminnelser (motebot channels set)."
REMINDERS_PASS = (
    "Postet {posted}, funnet allerede postet {recovered}, hoppet over {skipped}, "
    "{failed} feilet og prøves igjen senere."
)
REMINDERS_NO_POSTERS = "Ingen plattform er satt opp (SLACK_BOT_TOKEN mangler), så ingenting kan postes."
REMINDERS_RUNNING = "Påminnelser kjører (stopp med Ctrl+C)."

# === Section: Teams ==============================================================================

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
TEAMS_FORM_HEADING = "Meld forfall"
TEAMS_FORM_MEETING = "Møte"
TEAMS_FORM_MEETING_REQUIRED = "Velg et møte."
TEAMS_FORM_REASON = "Grunn (valgfri; bare du og sekretariatet ser den)"
TEAMS_FORM_REASON_HINT = "For eksempel sykdom"
TEAMS_FORM_VARA = "Vara som møter for deg (valgfri)"
TEAMS_FORM_VARA_HINT = "Fullt navn"
TEAMS_FORM_SUBMIT = "Send forfall"
TEAMS_FORM_GONE = "Jeg finner ikke det møtet lenger. Skriv for eksempel «forfall 7.12» i stedet."
# What a submitted form becomes: the sentence the forfall command reads («… pga sykdom, Kari møter for meg»).
TEAMS_PACKAGE_NO_APP_ID = (
    "TEAMS_APP_ID mangler: sett Entra-appens id i .env eller miljøet først (se docs/teams.md)."
)
TEAMS_PACKAGE_BAD_INPUT = "Kan ikke lage pakken: {problem}"
TEAMS_PACKAGE_WRITTEN = "Skrev {path}. Last den opp i Teams administrasjonssenter (se docs/teams.md)."
