"""Norwegian messages for the operator when the TEAMS_* settings cannot be used (start-up stops)."""

from __future__ import annotations

TEAMS_SETTINGS_PREFIX = "Teams-innstillingene kan ikke brukes: "
TEAMS_ANONYMOUS_WITH_CREDENTIALS = (
    "TEAMS_ALLOW_ANONYMOUS er slått på samtidig som TEAMS_APP_ID og TEAMS_APP_PASSWORD er satt. "
    "Anonym modus er bare for lokal testing; fjern TEAMS_ALLOW_ANONYMOUS (eller sett den til false)."
)
TEAMS_APP_ID_WITHOUT_PASSWORD = "TEAMS_APP_ID er satt, men ikke TEAMS_APP_PASSWORD (klienthemmeligheten)."
TEAMS_PASSWORD_WITHOUT_APP_ID = "TEAMS_APP_PASSWORD er satt, men ikke TEAMS_APP_ID."
TEAMS_APP_ID_NOT_GUID = (
    "TEAMS_APP_ID «{value}» er ikke en Microsoft App ID (en GUID som 5b0c3f2e-1a2b-4c3d-8e9f-0a1b2c3d4e5f)."
)
TEAMS_TENANT_NOT_GUID = (
    "TEAMS_TENANT_ID: «{value}» er ikke en tenant-ID (en GUID som 72f988bf-86f1-41af-91ab-2d7cd011db47). "
    "Flere tenanter skilles med komma; la den stå tom for å tillate alle."
)
