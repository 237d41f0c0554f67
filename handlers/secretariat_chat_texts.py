"""The Norwegian (bokmål) the secretariat reads when it runs the møteplan, channels and imports in chat."""

from __future__ import annotations

# --- Who may
STAFF_ONLY = (
    "Dette kan bare sekretariatet gjøre. Vil du endre møteplanen, ta kontakt med sekretariatet i organet."
)
STAFF_ONLY_FALLBACK = "Bare sekretariatet kan gjøre dette."

# --- Which body
WHICH_BODY = "Hvilket organ gjelder det? Skriv navnet, f.eks. «{example}»."
NO_BODY_KNOWN = "Jeg kjenner ingen organer ennå; les inn et referat først."

# --- Dates, times, places in a chat command
CHAT_NO_DATE = "Jeg fant ingen dato i «{text}». Skriv f.eks. «{example}»."
CHAT_BAD_DATE = "«{value}» er ikke en dato som finnes."
CHAT_MOVE_NO_TARGET = (
    "Hva skal møtet flyttes til? Skriv f.eks. «flytt møtet 7.12 til 8.12» eller «… til kl 13»."
)
CHAT_BAD_CLOCK = "«{value}» er ikke et klokkeslett. Skriv f.eks. «kl 10» eller «kl 10.00–12.30»."
EXAMPLE_NEW = "nytt møte i Styringsgruppen 14.6 kl 10 på Kleivstua"
EXAMPLE_MOVE = "flytt møtet 7.12 til 8.12"
EXAMPLE_CANCEL = "avlys møtet 15.3"

# --- Confirmations (a move or a cancellation is done only after the button)
CONFIRM_MOVE = "Flytte {meeting} til {new}? Medlemmene får beskjed i kanalen, og påminnelsene følger møtet."
CONFIRM_CANCEL = "Avlyse {meeting}? Medlemmene får beskjed i kanalen, og det kommer ingen flere påminnelser."
BUTTON_MOVE = "Flytt møtet"
BUTTON_CANCEL_MEETING = "Avlys møtet"
BUTTON_ABORT = "Nei, la være"
ABORTED = "Greit, ingenting er endret."
CONFIRM_STALE = "Denne knappen gjelder ikke lenger. Ingenting er endret."

# --- Reminders: where and when
HERE_IN_DM = (
    "Skriv «påminnelser her» i kanalen som skal få påminnelsene (legg meg til i kanalen først), "
    "ikke i en direktemelding."
)
HERE_CONSOLE = "I terminalen: motebot channels set ORGAN slack:KANAL-ID"
SCHEDULE_BAD = (
    "Jeg forstod ikke tidene. Skriv f.eks. «påminnelser 7 og 1 dager før kl 9» "
    "(høyst {most} påminnelser, mellom 0 og {days} dager før)."
)
SCHEDULE_SET = "Påminnelser for {body}: {days} før møtet, kl. {time}."
SCHEDULE_UNCHANGED = "Påminnelsene for {body} er allerede {days} før møtet, kl. {time}."
SCHEDULE_DAYS = "{days} dager"
SCHEDULE_DAY_BEFORE = "1 dag"
SCHEDULE_SAME_DAY = "samme dag"

# --- Help lines
HELP_NEW = "Legg et møte inn i møteplanen (sekretariatet)."
HELP_MOVE = "Flytt et møte; medlemmene får beskjed og påminnelsene følger (sekretariatet)."
HELP_CANCEL = "Avlys et møte; medlemmene får beskjed (sekretariatet)."
HELP_HERE = "Skrevet i en kanal: organets påminnelser kommer hit (sekretariatet)."
HELP_SCHEDULE = "Når påminnelsene sendes, f.eks. «påminnelser 7 og 1 dager før kl 9» (sekretariatet)."

# --- The channel summary after a meeting
SUMMARY_HEADING = "Referat: {body}, {date}"
SUMMARY_VEDTAK_TITLE = "Vedtak"
SUMMARY_VEDTAK_ITEM = "Sak {sak} {title}: {vedtak}"
SUMMARY_NO_VEDTAK = "Referatet har ingen vedtak."
SUMMARY_OPEN_TITLE = "Saker som fortsatt er åpne"
SUMMARY_OPEN_ITEM = "Sak {number:02d}/{year} {title}: {reason} «{quote}»"
SUMMARY_NEXT = "Neste møte: {meeting}."
SUMMARY_NO_NEXT = "Neste møte er ikke satt opp ennå."
SUMMARY_MORE = "… og {count} til: skriv «vedtak» og saksnummeret for å se resten."
SUMMARY_FALLBACK = "Referat fra {body} {date}: {count} vedtak"
BUTTON_SHOW_VEDTAK = "Vis vedtak {sak}"
BUTTON_PUBLISH = "Publiser"

# --- Publishing and the per-body setting
PUBLISH_QUEUED = "Oppsummeringen av {meeting} sendes til {channels}."
PUBLISH_ALREADY = "Oppsummeringen av {meeting} er allerede sendt (eller på vei). Ingenting er endret."
PUBLISH_NOT_HELD = "Møtet {meeting} har ikke noe referat ennå, så det er ingenting å publisere."
PUBLISH_NO_CHANNEL = "{body} har ingen kanal ennå. Skriv «påminnelser her» i kanalen først."
PUBLISH_NO_MEETING = "Jeg fant ikke møtet. Skriv f.eks. «publiser Styringsgruppen 7.12»."
SUMMARY_MODE_SET = {
    "on": "{body}: en oppsummering sendes til kanalen når referatet er lest inn.",
    "off": "{body}: ingen oppsummering i kanalen etter møtene.",
    "publish": "{body}: oppsummeringen sendes først når sekretariatet trykker «Publiser».",
}
SUMMARY_MODE_BAD = "Skriv «oppsummering på», «oppsummering av» eller «oppsummering ved publisering»."
HELP_PUBLISH = "Send oppsummeringen av et møte til organets kanal (sekretariatet)."
HELP_SUMMARY_MODE = "Oppsummering etter møtene: på, av eller ved publisering (sekretariatet)."
REMINDERS_WHAT_SUMMARY = "oppsummering etter møtet"
AFTER_IMPORT_QUEUED = "Oppsummering av møtet sendes til kanalen ({channels})."
AFTER_IMPORT_PUBLISH = (
    "Oppsummeringen venter på «Publiser» (eller skriv «publiser {body} {date}» til meg i chat)."
)

# --- Imports through chat (the report itself is the command line's)
BUTTON_UNDO_IMPORT = "Angre importen"
UNDO_DONE = "Importen av {file} er angret: det dokumentet brakte, er fjernet."
UNDO_STALE = (
    "Denne importen finnes ikke lenger (angret, eller dokumentet er lest inn på nytt). Ingenting er endret."
)
HELP_UNDO_IMPORT = "Angre en import gjort i chat (sekretariatet)."
UPLOAD_STAFF_ONLY = (
    "Takk! Men bare sekretariatet kan lese inn dokumenter og medlemslister. Jeg har ikke lagret noe. "
    "Send dokumentet til sekretariatet i organet, så legger de det inn."
)
UPLOAD_HEADING = "Innlesing"
UPLOAD_BAD_TYPE = "{file}: IKKE importert. Jeg leser .pdf, .docx, .txt og .md (og medlemslister som .csv)."
UPLOAD_TOO_LARGE = "{file}: IKKE importert. Filen er større enn {limit} MB."
UPLOAD_FETCH_FAILED = "{file}: IKKE importert. Jeg fikk ikke lastet ned filen; prøv å sende den igjen."
UPLOAD_TOO_MANY = "Jeg leser høyst {count} filer om gangen; de andre er ikke lest inn."
UPLOAD_ROSTER_DONE = "{file}: medlemsliste med {count} personer er lest inn."
UPLOAD_ROSTER_FAILED = (
    "{file}: medlemslisten er IKKE lest inn; ingenting er endret. Rett linjene under og send den igjen."
)
UPLOAD_ROSTER_LINE = "Linje {line}: {problem}"
UPLOAD_ROSTER_NOT_UTF8 = (
    "{file}: medlemslisten er ikke UTF-8-tekst; lagre den som «CSV UTF-8» og send den igjen."
)
UPLOAD_FALLBACK = "Innlesing: {done} av {total} filer lest inn"
