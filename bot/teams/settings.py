"""The TEAMS_* settings checked at start-up: what the Teams part may do, or why it cannot start.

- TEAMS_APP_ID and TEAMS_APP_PASSWORD go together; the app id is a GUID.
- TEAMS_TENANT_ID is unset (any tenant: a multi-tenant bot registration) or a comma list of tenant
  GUIDs (only those tenants' activities are served). One tenant means a single-tenant registration:
  the outgoing token is asked for in that tenant.
- TEAMS_ALLOW_ANONYMOUS is for local testing only: refused beside credentials, and then only
  loopback service URLs are accepted and posted to.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.config import Settings
from bot.teams import settings_texts as texts

_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
LOOPBACK_NAMES = frozenset({"localhost"})


class TeamsSettingsError(ValueError):
    """The TEAMS_* settings cannot be used; the message tells the operator what to change."""

    def __init__(self, problem: str) -> None:
        super().__init__(texts.TEAMS_SETTINGS_PREFIX + problem)


@dataclass(frozen=True)
class TeamsConfig:
    """The checked settings: credentials or anonymous, and the tenants served (empty: any)."""

    app_id: str | None
    anonymous: bool
    tenants: tuple[str, ...]

    @property
    def single_tenant(self) -> str | None:
        """The tenant of a single-tenant registration (where the bot's own token is asked for)."""
        return self.tenants[0] if len(self.tenants) == 1 else None

    @property
    def home_tenant(self) -> str | None:
        """The first tenant listed: where links made before tenants were told apart belong."""
        return self.tenants[0] if self.tenants else None

    def allows_tenant(self, tenant: str | None) -> bool:
        """Whether an activity from `tenant` is served (any, when no list is configured)."""
        if not self.tenants:
            return True
        return tenant is not None and tenant.lower() in self.tenants


def tenant_list(value: str | None) -> tuple[str, ...]:
    """TEAMS_TENANT_ID as lower-case GUIDs; raises TeamsSettingsError for anything else."""
    found = []
    for part in (value or "").split(","):
        tenant = part.strip().lower()
        if not tenant:
            continue
        if not _GUID.match(tenant):
            raise TeamsSettingsError(texts.TEAMS_TENANT_NOT_GUID.format(value=part.strip()))
        if tenant not in found:
            found.append(tenant)
    return tuple(found)


def check(settings: Settings) -> TeamsConfig:
    """The Teams settings, checked; raises TeamsSettingsError with what to change."""
    app_id = (settings.teams_app_id or "").strip() or None
    password = settings.teams_app_password.get_secret_value() if settings.teams_app_password else ""
    if app_id and not password:
        raise TeamsSettingsError(texts.TEAMS_APP_ID_WITHOUT_PASSWORD)
    if password and not app_id:
        raise TeamsSettingsError(texts.TEAMS_PASSWORD_WITHOUT_APP_ID)
    if app_id and not _GUID.match(app_id):
        raise TeamsSettingsError(texts.TEAMS_APP_ID_NOT_GUID.format(value=app_id))
    if app_id and settings.teams_allow_anonymous:
        raise TeamsSettingsError(texts.TEAMS_ANONYMOUS_WITH_CREDENTIALS)
    return TeamsConfig(
        app_id=app_id, anonymous=settings.teams_allow_anonymous, tenants=tenant_list(settings.teams_tenant_id)
    )


def is_loopback_url(url: str | None) -> bool:
    """True for an http(s) URL on 127.0.0.0/8, ::1 or localhost (all anonymous mode may talk to)."""
    if not url:
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
