"""One typed settings object, read once from the environment (and .env)."""

from __future__ import annotations

from functools import cached_property
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from storage.clock import Clock, fixed_clock, parse_when, system_clock


class Settings(BaseSettings):
    """The environment of CONTRACTS.md; tokens are SecretStr so they never print."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(default="sqlite:///motebot.db")
    motebot_now: str | None = None
    motebot_timezone: str = "Europe/Oslo"

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str | None = None
    # One app for many workspaces (Slack's OAuth installation flow): both set switch it on.
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    slack_scopes: str | None = None  # comma-separated bot scopes; default: the manifest's
    slack_redirect_uri: str | None = None  # https://HOST/slack/oauth_redirect, when the app has several

    port: int = 3000

    teams_app_id: str | None = None
    teams_app_password: SecretStr | None = None
    teams_tenant_id: str | None = None
    teams_allow_anonymous: bool = False

    @field_validator("teams_allow_anonymous", mode="before")
    @classmethod
    def _empty_is_off(cls, value: object) -> object:
        # `TEAMS_ALLOW_ANONYMOUS=` (set but empty, as .env templates leave it) means «not allowed»;
        # pydantic would refuse the empty string and stop start-up.
        return False if isinstance(value, str) and not value.strip() else value

    motebot_log_format: Literal["json", "text"] | None = None  # unset: JSON unless stderr is a terminal

    @field_validator("motebot_log_format", mode="before")
    @classmethod
    def _format_word(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip().lower() or None
        return value

    @property
    def slack_configured(self) -> bool:
        """A Slack bot token is set (not empty), or the OAuth installation flow (client id and
        secret, for many workspaces): `motebot run` serves Slack and imports its SDK."""
        many = bool((self.slack_client_id or "").strip()) and _is_set(self.slack_client_secret)
        return _is_set(self.slack_bot_token) or many

    @property
    def teams_mentioned(self) -> bool:
        """Any Teams setting is given: the Teams part is built (and judges them); otherwise the
        Agents SDK is not even imported."""
        return (
            bool((self.teams_app_id or "").strip())
            or _is_set(self.teams_app_password)
            or (self.teams_allow_anonymous)
        )

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.motebot_timezone)

    def clock(self, now: str | None = None) -> Clock:
        """The injected clock: `now` (e.g. --now) wins over MOTEBOT_NOW, else the real time."""
        fixed = now or self.motebot_now
        if fixed:
            return fixed_clock(parse_when(fixed, self.tz))
        return system_clock


def _is_set(value: SecretStr | None) -> bool:
    return value is not None and bool(value.get_secret_value().strip())


def load_settings(**overrides: object) -> Settings:
    """Read the settings once; overrides come from command-line options."""
    return Settings(**overrides)  # type: ignore[arg-type]


__all__ = ["Settings", "load_settings"]
