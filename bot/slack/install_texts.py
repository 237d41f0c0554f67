"""What a person installing møtebot in a Slack workspace reads: the pages after Slack's consent."""

INSTALL_TITLE = "Møtebot i Slack"
INSTALL_DONE_HEADING = "Møtebot er lagt til i {team}"
INSTALL_DONE = (
    "Møtebot er klar. Åpne Møtebot under Apper i Slack og skriv «hjelp», eller inviter boten til "
    "organets kanal med /invite @Møtebot. Sekretariatet kobler medlemmene til personene i møtebot."
)
INSTALL_DONE_LINK = "Åpne Slack"
INSTALL_THIS_WORKSPACE = "arbeidsområdet"
INSTALL_FAILED_HEADING = "Møtebot ble ikke lagt til"
INSTALL_FAILED = "Installasjonen ble ikke fullført: {why} Ingenting er endret."
INSTALL_TRY_AGAIN = "Prøv igjen"
# Why, by the reason bolt's OAuth flow gives.
INSTALL_REASONS = {
    "access_denied": "du avbrøt i Slack.",
    "invalid_browser": "lenken ble åpnet i en annen nettleser enn den installasjonen startet i.",
    "invalid_state": "lenken er utløpt eller allerede brukt.",
    "missing_code": "Slack sendte ingen kode tilbake.",
    "invalid_code": "Slack godtok ikke koden (den kan være brukt fra før).",
    "storage_error": "installasjonen kunne ikke lagres. Prøv igjen om litt.",
}
INSTALL_REASON_OTHER = "Slack svarte «{reason}»."
NOT_INSTALLED = (
    "Møtebot er ikke installert i dette arbeidsområdet (eller er fjernet). "
    "En administrator kan legge den til fra møtebots adresse {url}."
)
