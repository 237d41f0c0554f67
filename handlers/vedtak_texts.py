"""Norwegian shown by the vedtak lookup and search."""

from __future__ import annotations

VEDTAK_USAGE = (
    "Skriv et saksnummer eller noen ord om saken, for eksempel «vedtak 24/2016» eller "
    "«vedtak kunst rett vest»."
)
VEDTAK_NEED_YEAR = "Skriv saksnummeret med år, for eksempel «vedtak {number}/{year}»."
VEDTAK_NUMBER_NOT_FOUND = "Jeg finner ingen sak {sak}."
VEDTAK_NUMBER_NOT_IN_BODY = "Jeg finner ingen sak {sak} i {bodies}."
VEDTAK_NO_HITS = "Jeg finner ingen saker om «{query}»."
VEDTAK_NO_HITS_HINT = "Prøv andre eller færre ord, eller et saksnummer som «24/2016»."
VEDTAK_MORE_USAGE = "Søk først, for eksempel «vedtak kunst rett vest»; da kan du be om flere treff."
VEDTAK_NO_MORE = "Ingen flere treff for «{query}»."
VEDTAK_SEARCH_HEADING = "Treff for «{query}»"
VEDTAK_SEARCH_MORE_HEADING = "Flere treff for «{query}»"
VEDTAK_IN_BODIES = "Sak {sak} finnes i {count} organer."
VEDTAK_SAK_HEADING = "Sak {sak}: {title}"
VEDTAK_LABEL_BODY = "Organ"
VEDTAK_LABEL_MEETING = "Møte"
VEDTAK_TEXT = "Vedtak: {text}"
VEDTAK_PROPOSAL_TEXT = "Forslag til vedtak (ikke vedtatt ennå): {text}"
VEDTAK_NONE_RECORDED = "Det er ikke registrert noe vedtak eller forslag til vedtak i denne saken."
VEDTAK_SOURCE = "Kilde: {file}"
VEDTAK_BUTTON_SHOW = "Vis vedtak {sak}"
VEDTAK_BUTTON_MORE = "Flere treff"
VEDTAK_FALLBACK_ONE = "Sak {sak}: {title}"
VEDTAK_FALLBACK_MANY = "Treff for «{query}»: {numbers}"
