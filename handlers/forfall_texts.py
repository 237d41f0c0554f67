"""Norwegian shown when a member sends, withdraws or lists forfall."""

from __future__ import annotations

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
FORFALL_PERSON_NOT_MEMBER = "{name} er ikke medlem av {body}."
FORFALL_WHO_OTHER_NOT_MEMBER = "{name} er ikke medlem av noe organ."
WITHDRAWN_HEADING = "Forfall trukket"
WITHDRAWN = "Jeg har trukket forfallet for {who} til {meeting}."
WITHDRAW_NONE = "{who_cap} har ikke meldt forfall til {meeting}, så det er ingenting å trekke."
WITHDRAW_NONE_AT_ALL = "{who_cap} har ingen forfall til kommende møter."
WITHDRAW_WHICH = "Hvilket forfall vil du trekke?"
WITHDRAW_FROM_MINUTES = "Forfallet til {meeting} står i referatet og kan ikke trekkes her."
WITHDRAW_PAST = "{meeting} har allerede vært, så forfallet kan ikke trekkes."
MINE_HEADING = "Dine forfall til kommende møter"
MINE_NONE = "Du har ikke meldt forfall til noen kommende møter."
MINE_ITEM = "{meeting} ({details})"
MINE_REASON = "grunn: {reason}"
MINE_SUBSTITUTE = "vara: {name}"
MINE_FALLBACK = "{count} forfall"

# --- messages understood before acting (handlers.forfall_message)
CONFIRM_REGISTER = "Vil du melde forfall til {meeting}? Jeg har ikke registrert noe ennå."
CONFIRM_REGISTER_FOR = "Vil du melde forfall for {name} til {meeting}? Jeg har ikke registrert noe ennå."
CONFIRM_REGISTER_SEVERAL = "Vil du melde forfall til disse {count} møtene? Jeg har ikke registrert noe ennå."
CONFIRM_WITHDRAW = "Vil du trekke forfallet til {meeting}? Jeg har ikke endret noe ennå."
CONFIRM_CONDITIONAL = (
    "Det høres ut som du ikke vet sikkert ennå. Du kan melde forfall når du vet det, eller nå: "
    "vil du melde forfall til {meeting}? Jeg har ikke registrert noe."
)
CONDITIONAL_LATER = "Det høres ut som du ikke vet sikkert ennå. Skriv «forfall» og datoen når du vet det; jeg har ikke registrert noe."
BUTTON_YES = "Ja"
BUTTON_NO = "Nei"
NOTHING_DONE = "Greit, jeg har ikke registrert noe."
OTHERS_OWN = (
    "Hver deltaker melder sitt eget forfall, så jeg har ikke registrert noe for {name}. "
    "{name} kan skrive for eksempel «forfall 7.12» til meg, eller bruke /forfall. "
    "Sekretariatet kan melde forfall for andre."
)
OTHERS_OWN_UNNAMED = (
    "Hver deltaker melder sitt eget forfall, så jeg har ikke registrert noe. "
    "Be vedkommende skrive for eksempel «forfall 7.12» til meg, eller bruke /forfall."
)
WHO_HEADING = "Forfall til {meeting}"
WHO_NONE = "Ingen har meldt forfall til {meeting} ennå."
WHO_ITEM_REASON = "{name} ({reason})"
WHO_WHICH = "Hvilket møte spør du om? Skriv for eksempel «hvem har meldt forfall til 7.12?»."
HOW = (
    "Skriv «forfall» og møtets dato til meg, for eksempel «forfall 7.12 pga sykdom, Kari Nordmann møter for meg», "
    "eller bruk /forfall. Jeg registrerer det med en gang, og du kan angre. «trekk forfall 7.12» trekker det igjen."
)
DEADLINE = (
    "Meld forfall så tidlig du kan, og senest før møtet begynner, så sekretariatet rekker å kalle inn vara. "
    "Skriv «forfall» og datoen til meg."
)
SMALL_TALK = "Bare hyggelig! Skriv «hjelp» for å se hva jeg kan."
