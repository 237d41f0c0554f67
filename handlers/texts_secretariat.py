"""Every Norwegian string of the secretariat's side: roster, vara chain, who comes, habilitet."""

from __future__ import annotations

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
