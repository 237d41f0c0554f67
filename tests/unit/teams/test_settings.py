"""TEAMS_* settings checked at start-up with a message that says what to change."""

from __future__ import annotations

from typing import Any

import pytest

from bot.config import Settings
from bot.teams.settings import TeamsSettingsError, check, is_loopback_url, tenant_list

APP = "5b0c3f2e-1a2b-4c3d-8e9f-0a1b2c3d4e5f"
T1 = "72f988bf-86f1-41af-91ab-2d7cd011db47"
T2 = "11111111-2222-3333-4444-555555555555"


def _settings(**values: Any) -> Settings:
    base: dict[str, Any] = {
        "teams_app_id": None,
        "teams_app_password": None,
        "teams_tenant_id": None,
        "teams_allow_anonymous": False,
    }
    return Settings(_env_file=None, **{**base, **values})  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("values", "says"),
    [
        (
            {"teams_app_id": APP, "teams_app_password": "x", "teams_allow_anonymous": True},
            "TEAMS_ALLOW_ANONYMOUS",
        ),
        ({"teams_app_id": "motebot", "teams_app_password": "x"}, "«motebot» er ikke en Microsoft App ID"),
        ({"teams_app_id": APP}, "ikke TEAMS_APP_PASSWORD"),
        ({"teams_app_password": "x"}, "ikke TEAMS_APP_ID"),
        ({"teams_app_id": APP, "teams_app_password": "x", "teams_tenant_id": "contoso"}, "«contoso»"),
        ({"teams_allow_anonymous": True, "teams_tenant_id": f"{T1},not-a-guid"}, "«not-a-guid»"),
    ],
)
def test_bad_settings_stop_start_up_with_what_to_change(values: dict[str, Any], says: str) -> None:
    with pytest.raises(TeamsSettingsError) as caught:
        check(_settings(**values))
    assert says in str(caught.value)
    assert str(caught.value).startswith("Teams-innstillingene kan ikke brukes")


def test_good_settings() -> None:
    config = check(
        _settings(teams_app_id=APP, teams_app_password="x", teams_tenant_id=f" {T1.upper()} , {T2},")
    )
    assert config.tenants == (T1, T2)
    assert config.single_tenant is None and config.home_tenant == T1
    assert config.allows_tenant(T2.upper()) and not config.allows_tenant(None)
    assert not config.allows_tenant("99999999-2222-3333-4444-555555555555")
    anyone = check(_settings(teams_allow_anonymous=True))
    assert anyone.anonymous and anyone.allows_tenant("99999999-2222-3333-4444-555555555555")
    assert tenant_list(T1) == (T1,) and check(_settings(teams_tenant_id=T1)).single_tenant == T1


def test_motebot_run_stops_with_the_message_not_a_traceback(tmp_path: Any) -> None:
    from bot.app import build_app
    from bot.teams.endpoint import teams_part

    settings = _settings(
        database_url=f"sqlite:///{tmp_path}/m.db",
        teams_app_id=APP,
        teams_app_password="x",
        teams_allow_anonymous=True,
    )
    with pytest.raises(SystemExit) as caught:
        teams_part(build_app(settings))
    assert "TEAMS_ALLOW_ANONYMOUS" in str(caught.value.code)


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:3978/", True),
        ("http://127.9.9.9/", True),
        ("http://[::1]:3978", True),
        ("http://localhost:3978", True),
        ("https://smba.trafficmanager.net/emea/", False),
        ("http://127.0.0.1.nip.io/", False),
        ("http://10.0.0.1/", False),
        ("file:///etc/passwd", False),
        ("http://[::1", False),
        (None, False),
    ],
)
def test_loopback_urls(url: str | None, loopback: bool) -> None:
    assert is_loopback_url(url) is loopback
