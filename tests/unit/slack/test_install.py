"""Which workspace a Slack request belongs to, and how its channels are named, in both modes."""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr

from bot.config import Settings
from bot.manifests import BOT_SCOPES
from bot.slack.adapter import address, command_invocation, split_address
from bot.slack.install import Workspaces, oauth_configured, scopes


def _settings(**kw: Any) -> Settings:
    return Settings(_env_file=None, **kw)  # type: ignore[call-arg]


MANY = _settings(slack_client_id="1.2", slack_client_secret=SecretStr("s"))
ONE = _settings(slack_bot_token=SecretStr("xoxb-1"))


def _command(**extra: str) -> dict[str, Any]:
    return {
        "user_id": "U123", "command": "/neste-møte", "text": "", "channel_id": "C0STYRING",
        "response_url": "https://hooks.slack.test/r", "trigger_id": "1.2", "team_id": "T0KOMMUNEA", **extra,
    }  # fmt: skip


def test_oauth_is_on_only_with_both_client_id_and_secret() -> None:
    assert oauth_configured(MANY) and not oauth_configured(ONE)
    assert not oauth_configured(_settings(slack_client_id="1.2", slack_client_secret=SecretStr("  ")))
    assert not oauth_configured(_settings(slack_client_id=" ", slack_client_secret=SecretStr("s")))


def test_scopes_are_the_manifests_unless_given() -> None:
    assert scopes(MANY) == list(BOT_SCOPES)
    assert scopes(_settings(slack_scopes=" chat:write, commands ,")) == ["chat:write", "commands"]


def test_with_many_workspaces_a_request_names_its_team_channel_and_identity_workspace() -> None:
    body = _command()
    invocation, target = Workspaces(MANY, None).place(body, *command_invocation(body))  # type: ignore[arg-type]
    assert (invocation.workspace, invocation.channel_id) == ("T0KOMMUNEA", "T0KOMMUNEA/C0STYRING")
    assert (target.team_id, target.channel_id) == ("T0KOMMUNEA", "C0STYRING")  # posted to the bare id


def test_on_enterprise_grid_identities_are_keyed_by_the_org_whose_user_ids_are_org_wide() -> None:
    body = _command(enterprise_id="E0FYLKE")
    invocation, target = Workspaces(MANY, None).place(body, *command_invocation(body))  # type: ignore[arg-type]
    assert (invocation.workspace, target.team_id) == ("E0FYLKE", "T0KOMMUNEA")


def test_with_one_token_nothing_changes_but_the_team_written_down() -> None:
    body = _command()
    invocation, target = Workspaces(ONE, None).place(body, *command_invocation(body))  # type: ignore[arg-type]
    assert (invocation.workspace, invocation.channel_id) == (None, "C0STYRING")
    assert target.team_id == "T0KOMMUNEA"
    assert Workspaces(ONE, None).token("T0ANY") == "xoxb-1"  # type: ignore[arg-type]


def test_addresses() -> None:
    assert address("T0A", "C0B") == "T0A/C0B" and address(None, "C0B") == "C0B"
    assert split_address("T0A/C0B") == ("T0A", "C0B") and split_address("C0B") == (None, "C0B")
