"""manifest.json: every command we route, the events we listen to, and no scope more than we use."""

from __future__ import annotations

import json
from pathlib import Path

from bot.slack.adapter import COMMAND_PATTERN, SLASH_COMMANDS

MANIFEST = json.loads((Path(__file__).resolve().parents[3] / "manifest.json").read_text(encoding="utf-8"))


def test_every_slash_command_and_its_ascii_twin_is_declared() -> None:
    declared = [c["command"] for c in MANIFEST["features"]["slash_commands"]]
    assert sorted(declared) == sorted(SLASH_COMMANDS)
    assert all(COMMAND_PATTERN.match(c) for c in declared)
    assert all(
        c["description"] and len(c["description"]) <= 100 for c in MANIFEST["features"]["slash_commands"]
    )


def test_events_interactivity_socket_mode_and_home() -> None:
    settings = MANIFEST["settings"]
    assert sorted(settings["event_subscriptions"]["bot_events"]) == [
        "app_home_opened",
        "app_mention",
        "app_uninstalled",  # a workspace removing the app deletes its installation (OAuth)
        "message.im",
        "tokens_revoked",
    ]
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["socket_mode_enabled"] is True
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    assert MANIFEST["features"]["app_home"]["messages_tab_enabled"] is True


def test_least_scopes() -> None:
    # Each one is used: see docs/slack.md («Scopes») for which call needs it.
    assert sorted(MANIFEST["oauth_config"]["scopes"]["bot"]) == [
        "app_mentions:read",
        "channels:history",
        "chat:write",
        "commands",
        "files:read",  # files shared with the bot by the secretariat (files.info, url_private)
        "groups:history",
        "im:history",
        "users:read",
        "users:read.email",
    ]


def test_socket_mode_serves_no_http_route(tmp_path: Path) -> None:
    from pydantic import SecretStr

    from bot.app import build_app
    from bot.config import Settings
    from bot.slack.app import slack_part

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite:///{tmp_path}/m.db",
        slack_bot_token=SecretStr("xoxb-x"),
        slack_app_token=SecretStr("xapp-x"),
    )
    socket = slack_part(build_app(settings))
    assert socket is not None and socket.routes == [] and socket.lifespan is not None
    http = slack_part(
        build_app(
            settings.model_copy(update={"slack_app_token": None, "slack_signing_secret": SecretStr("s")})
        ),
    )
    assert http is not None and [r.path for r in http.routes] == ["/slack/events"]  # type: ignore[attr-defined]
    assert slack_part(build_app(settings.model_copy(update={"slack_bot_token": None}))) is None
