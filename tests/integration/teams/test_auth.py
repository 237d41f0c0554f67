"""Who may post to /api/messages: Entra-signed requests, or anyone only with the local-testing switch."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from sqlalchemy import Engine

from handlers.services import Services
from tests.integration.teams import activities as act
from tests.integration.teams.conftest import TeamsClient, settings
from tests.integration.teams.standin import Connector, serve


def test_no_credentials_and_switch_off_gets_401(make_teams: Callable[..., TeamsClient]) -> None:
    teams = make_teams(teams_allow_anonymous=False)
    assert teams.bot is None
    response = teams.post(act.personal_message(teams.connector.url, "neste møte"))
    assert response.status_code == 401
    assert teams.connector.sent == []


def test_with_credentials_a_request_without_a_token_gets_401(make_teams: Callable[..., TeamsClient]) -> None:
    teams = make_teams(
        teams_app_id="00000000-1111-2222-3333-444444444444",
        teams_app_password="s3cret",
        teams_allow_anonymous=False,
    )
    assert teams.bot is not None
    response = teams.post(act.personal_message(teams.connector.url, "neste møte"))
    assert response.status_code == 401
    assert teams.connector.sent == []


def test_with_credentials_a_forged_token_gets_401(make_teams: Callable[..., TeamsClient]) -> None:
    teams = make_teams(
        teams_app_id="00000000-1111-2222-3333-444444444444",
        teams_app_password="s3cret",
        teams_allow_anonymous=False,
    )
    forged = {"Authorization": "Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0."}
    assert teams.post(act.personal_message(teams.connector.url, "neste møte"), forged).status_code == 401
    assert (
        teams.post(act.personal_message(teams.connector.url, "x"), {"Authorization": "Basic a"}).status_code
        == 401
    )
    assert teams.connector.sent == []


def test_switch_on_accepts_a_request_without_a_token(make_teams: Callable[..., TeamsClient]) -> None:
    teams = make_teams(teams_allow_anonymous=True)
    assert teams.post(act.personal_message(teams.connector.url, "hjelp")).status_code == 202
    assert len(teams.connector.sent) == 1


def test_get_is_not_allowed(make_teams: Callable[..., TeamsClient]) -> None:
    teams = make_teams()
    assert httpx.get(f"{teams.url}/api/messages").status_code == 405


def test_motebot_run_serves_teams_beside_the_other_parts(
    connector: Connector, services: Services, engine: Engine
) -> None:
    from bot.app import App
    from bot.server import build_asgi

    for switch, status in ((False, 401), (True, 202)):
        app = App(settings=settings(teams_allow_anonymous=switch), engine=engine, services=services)
        with serve(build_asgi(app)) as url:
            assert httpx.get(f"{url}/healthz").status_code == 200
            response = httpx.post(f"{url}/api/messages", json=act.personal_message(connector.url, "hjelp"))
            assert response.status_code == status
    assert len(connector.sent) == 1


def test_bodies_are_bounded_and_malformed_ones_are_400_not_500(
    make_teams: Callable[..., TeamsClient],
) -> None:
    recorder_seen: list[object] = []
    teams = make_teams(handle=lambda inv, _services: recorder_seen.append(inv) or None)
    url = f"{teams.url}/api/messages"
    big = act.personal_message(teams.connector.url, "x" * 300_000)
    assert httpx.post(url, json=big, timeout=20).status_code == 413
    for body in (b"{not json", b"[1, 2]", b'{"type": "message"}', b"\xff\xfe"):
        response = httpx.post(url, content=body, headers={"Content-Type": "application/json"}, timeout=20)
        assert response.status_code == 400, body
    assert recorder_seen == [] and teams.connector.sent == []


def test_with_credentials_no_body_is_read_before_the_token_is_checked(
    make_teams: Callable[..., TeamsClient],
) -> None:
    teams = make_teams(
        teams_app_id="00000000-1111-2222-3333-444444444444",
        teams_app_password="s3cret",
        teams_allow_anonymous=False,
    )
    response = httpx.post(
        f"{teams.url}/api/messages", content=b"{" * 400_000, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 401  # not 413 or 400: refused before the body was looked at
