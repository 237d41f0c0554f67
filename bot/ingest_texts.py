"""Norwegian texts of `motebot bodies` and of the import report (bodies, saksliste, replaced documents)."""

from __future__ import annotations

# --- motebot bodies ---------------------------------------------------------------------------------
BODIES_NONE = "Ingen organer ennå. Les inn et referat eller en innkalling (motebot import), eller bruk «motebot bodies add»."
BODIES_LINE = "{name}"
BODIES_LINE_ALIASES = "{name} (også: {aliases})"
BODIES_ADDED = "La til organet {name}."
BODIES_ADDED_ALIASES = "La til organet {name} (også: {aliases})."
BODIES_EXISTS = "Organet finnes allerede: {name}."
BODIES_ALIAS_ADDED = "{name} kan nå også kalles «{alias}»."
BODIES_ALIAS_SAME = "«{alias}» er allerede et navn på {name}."
BODIES_RENAMED = "{old} heter nå {new} («{old}» gjelder fortsatt som kortnavn)."
BODIES_MERGED = "{gone} er slått sammen med {keep}: møter, saker, medlemmer og navn er flyttet."
BODIES_UNKNOWN = "Fant ikke noe organ som heter «{name}»."
BODIES_KNOWN = "Kjente organer: {names}."
BODIES_EMPTY_NAME = "Navnet kan ikke være tomt."
BODIES_CONFLICTS = {
    "name_taken": "Navnet «{detail}» brukes allerede av et annet organ.",
    "same_body": "Et organ kan ikke slås sammen med seg selv ({detail}).",
    "meeting_clash": "Begge organene har møte samme dag ({detail}); rett eller slett det ene møtet først.",
    "sak_clash": "Begge organene har sak med samme nummer ({detail}); ingenting er endret.",
}

# --- the import report ------------------------------------------------------------------------------
IMPORT_NEW_BODY = "  nytt organ: {name}"
IMPORT_NEW_BODY_ALIASES = "  nytt organ: {name} (kortnavn: {aliases})"
IMPORT_MEETING_HELD = "  møte {date}{time}{place}: holdt"
IMPORT_MEETING_PLANNED = "  møte {date}{time}{place}: planlagt"
IMPORT_AGENDA_ALL = "  {listed} saker i sakslisten, alle lest med vedtak"
IMPORT_AGENDA_SOME = "  {listed} saker i sakslisten, {read} lest med vedtak; {missing} uten vedtak: {numbers}"
IMPORT_AGENDA_PLANNED = "  {listed} saker i sakslisten (møtet er ikke holdt ennå)"
IMPORT_SAKER_NO_VEDTAK = "  {count} saker uten vedtak: {numbers}"
IMPORT_AGENDA_UNREAD = "  {count} saker i sakslisten ble ikke funnet i dokumentet: {numbers}"
IMPORT_PEOPLE = "  {present} til stede, {absent} med forfall"
IMPORT_PLAN_DATES = "  møteplan: {dates}"
IMPORT_REPLACES = "  erstatter {file} (samme {what}): {meetings}"
IMPORT_SAME_FILE_NAME = (
    "  merk: et annet dokument med samme filnavn ({file}) er også importert; begge beholdes"
)
IMPORT_BY_OTHER = "{file}: uendret (en annen import la inn det samme dokumentet samtidig)"
IMPORT_DRY_RUN = "Prøvekjøring: ingenting er lagret."
IMPORT_INCOMPLETE = "{file}: importert, men ufullstendig (se over)"
IMPORT_WHAT = {"referat": "møtereferat", "innkalling": "møteinnkalling", "saksframlegg": "saksframlegg"}
