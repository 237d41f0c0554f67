"""Every Norwegian string of the secretariat's side: roster, vara chain, who comes, habilitet."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any

from babel.dates import format_date as _format_date

LOCALE = "nb"

# --- the roster (`motebot members import`)
ROSTER_BAD_ROLE = "ukjent rolle «{role}» (bruk medlem, leder, nestleder, vara eller sekretariat)"
ROSTER_NO_BODY = "mangler organ"
ROSTER_UNKNOWN_BODY = "ukjent organ «{body}» (bruk --create-bodies for å opprette det)"
ROSTER_BAD_ORDER = "varanummer «{order}» er ikke et helt tall fra 1 og oppover"
ROSTER_VARA_NEEDS = "en vara må ha gruppe og varanummer"
ROSTER_ORDER_NOT_VARA = "bare en vara har varanummer"
ROSTER_DUPLICATE_ORDER = "vara nr. {order} for {group} i {body} står også på linje {other}"
ROLE_NAMES = {
    "member": "medlem",
    "chair": "leder",
    "vice_chair": "nestleder",
    "vara": "vara",
    "secretariat": "sekretariat",
}


def meeting_phrase(body: str, day: _dt.date, start: _dt.time | None, place: str | None) -> str:
    """«Styringsgruppen torsdag 7. desember kl. 09.00 (Drammen rådhus)»."""
    text = f"{body} {_format_date(day, 'EEEE d. MMMM', locale=LOCALE)}"
    if start is not None:
        text += f" kl. {start.hour:02d}.{start.minute:02d}"
    return f"{text} ({place})" if place else text


def deadline_text(moment: _dt.datetime) -> str:
    """«mandag 4. desember kl. 09.00» (a local moment)."""
    return f"{_format_date(moment.date(), 'EEEE d. MMMM', locale=LOCALE)} kl. {moment:%H.%M}"


# --- direct messages (the notices the scheduler sends)
VARA_ASK = "{member} har forfall til {meeting}. Kan du møte? Svar innen {deadline}."
VARA_ASK_SAK = (
    "{member} er inhabil i sak {sak} på {meeting}. Kan du møte for denne saken? Svar innen {deadline}."
)
VARA_YES_MEMBER = "{vara} møter for deg på {meeting}."
VARA_YES_SECRETARIAT = "{vara} møter som vara for {member} på {meeting}."
VARA_NONE = "Ingen flere vara å spørre for {member} til {meeting}. Sekretariatet må finne vara."
VARA_LATE = (
    "Det er for sent å spørre vara i chatten for {member} til {meeting}. Sekretariatet må ringe rundt."
)
VARA_OFF = "{member} har trukket forfallet til {meeting}. Du trengs ikke som vara likevel – takk!"
QUORUM_LOST = "{body} blir ikke vedtaksført på {meeting}: {present} av {seats} til stede etter forfallene, minst {needed} trengs."
QUORUM_OK = "{body} er vedtaksført igjen på {meeting}: {present} av {seats} til stede, minst {needed} trengs."
QUORUM_SAK = "Sak {sak} blir ikke vedtaksført på {meeting}: {present} til stede uten de inhabile, minst {needed} trengs."
INHABIL_SECRETARIAT = "{member} har meldt seg inhabil i sak {sak} på {meeting}."
ASK_COMING = "Kommer du på {meeting}?"
BUTTON_YES = "Ja"
BUTTON_NO = "Nei"
BUTTON_FORFALL = "Meld forfall"
BUTTON_YES_FOR = "Ja for {name}"
BUTTON_NO_FOR = "Nei for {name}"

# --- answers to the buttons
VARA_THANKS_YES = "Takk! Du er registrert som vara for {member} på {meeting}."
VARA_THANKS_YES_FOR = "Registrert: {vara} møter som vara for {member} på {meeting}."
VARA_THANKS_NO = "Takk for svaret. Vi spør neste vara."
VARA_TOO_LATE = "Fristen for å svare er ute, og neste vara er spurt. Kontakt sekretariatet om du likevel kan."
VARA_GONE = "Denne forespørselen gjelder ikke lenger."
VARA_NOT_YOURS = "Denne forespørselen er sendt til en annen vara."
VARA_BAD_VALUE = "Jeg forstod ikke svaret. Trykk på Ja eller Nei i meldingen."
COMING_DONE = "Takk! Du er ført opp som kommende til {meeting}."
COMING_ALREADY = "Du er allerede ført opp som kommende til {meeting}."
COMING_HAS_FORFALL = "Du har meldt forfall til {meeting}. Skriv «trekk forfall» først om du likevel kommer."
COMING_UNKNOWN = "Jeg finner ikke det møtet."

# --- «hvem kommer»
WHO_HEADING = "Hvem kommer: {meeting}"
WHO_NOT_ALLOWED = "Bare sekretariatet og lederen kan se hvem som kommer."
WHO_NO_MEETING = "Jeg finner ikke noe kommende møte {when}i organene du er sekretariat for."
WHO_ON_DAY = "den {day} "
WHO_SEATS = "Seter"
WHO_PRESENT = "Til stede etter meldingene"
WHO_PRESENT_VALUE = "{present} av {seats} (minst {needed} trengs)"
WHO_QUORUM = "Vedtaksført"
WHO_QUORUM_YES = "ja"
WHO_QUORUM_NO = "nei – for mange forfall"
WHO_QUORUM_OFF = "sjekkes ikke for dette organet"
WHO_FORFALL = "Forfall"
WHO_FORFALL_ITEM = "{name}{reason}: {vara}"
WHO_REASON = " (grunn: {reason})"
WHO_NAMED = "oppgitt vara {name}"
WHO_VARA_NONE = "ingen vara spurt"
WHO_VARA_STATES = {
    "asked": "{name} er spurt (svar innen {deadline})",
    "yes": "{name} kommer",
    "no": "{name} sa nei",
    "timeout": "{name} svarte ikke",
    "withdrawn": "{name} trengs ikke",
}
WHO_COMING = "Har svart at de kommer"
WHO_NO_ANSWER = "Har ikke svart"
WHO_INHABIL = "Inhabil"
WHO_INHABIL_ITEM = "sak {sak}: {names} – {quorum}"
WHO_SAK_OK = "vedtaksført ({present} av {seats})"
WHO_SAK_NOT_OK = "ikke vedtaksført ({present} av {seats}, minst {needed} trengs)"
WHO_FALLBACK = "Hvem kommer til {meeting}"

# --- habilitet
INHABIL_DONE = "Registrert: du er inhabil i sak {sak} ({title}) på {meeting}. Sekretariatet er varslet."
INHABIL_ALREADY = "Du er allerede registrert som inhabil i sak {sak} på {meeting}."
INHABIL_VARA = "Jeg spør {vara} om å møte for deg i denne saken."
INHABIL_NO_NUMBER = "Skriv saksnummeret, for eksempel «jeg er inhabil i sak 03/2018»."
INHABIL_UNKNOWN_SAK = "Jeg finner ingen sak {sak} på et kommende møte i organene dine."


# --- `motebot bodies set`
BODIES_SET_DONE = "{body}: {settings}."
BODIES_SET_NOTHING = "Ingenting å endre: gi minst én innstilling."
BODIES_SET_UNKNOWN = "Ukjent organ «{body}»."
BODIES_SET_BAD_ONOFF = "Bruk on eller off, ikke «{value}»."
BODIES_SET_BAD_FRACTION = "Brøken må være mellom 0 og 1 (eller off), ikke «{value}»."

# --- help lines
HELP_HVEM = (
    "Sekretariatet: hvem kommer, forfall med grunn, vara spurt/ja/nei, og om organet blir vedtaksført."
)
HELP_INHABIL = "Meld deg inhabil i en sak; sekretariatet varsles og vara kan kalles inn for saken."
HELP_VARA_SVAR = "Svar på en forespørsel om å møte som vara."
HELP_KOMMER = "Svar ja på «Kommer du?»."


def settings_summary(*, chain: bool, quorum: float | None, answer: int, cutoff: int, ask: int) -> str:
    """«varakjede på (svar innen 24 t, senest 24 t før møtet), vedtaksført med 50 % av setene, …»."""
    parts = [
        f"varakjede på (svar innen {answer} t, senest {cutoff} t før møtet)" if chain else "varakjede av",
        f"vedtaksført med {round((quorum or 0) * 100)} % av setene"
        if quorum
        else "vedtaksførhet sjekkes ikke",
        f"«Kommer du?» {ask} dager før" if ask else "«Kommer du?» av",
    ]
    return ", ".join(parts)


ABSENT_WITH_VARA = "{name} (vara: {vara})"


def absent_with_vara(absences: Sequence[Any], varas: dict[int, str]) -> tuple[str, ...]:
    """«Per Kierulf (vara: Vera Vik)» for each forfall: the confirmed vara, else the one named."""
    out = []
    for a in absences:
        vara = varas.get(a.person_id) or a.substitute_name
        out.append(ABSENT_WITH_VARA.format(name=a.person.name, vara=vara) if vara else a.person.name)
    return tuple(out)


NOTICES_PASS = (
    "Direktemeldinger: sendt {sent}, hoppet over {skipped}, {failed} feilet; "
    "{timeouts} vara uten svar i tide, {asks} «Kommer du?» lagt i kø."
)
