"""The manifests' command menus are made from the registry's table, and drift is caught."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot import manifests
from bot.__main__ import app
from bot.manifests import menu_commands
from bot.slack.adapter import SLASH_COMMANDS
from handlers.registry import route
from handlers.types import Invocation

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the two manifests, to spoil."""
    (tmp_path / "appPackage").mkdir()
    for path in (manifests.SLACK, manifests.TEAMS):
        shutil.copy(ROOT / path, tmp_path / path)
    return tmp_path


def _load(root: Path, path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((root / path).read_text(encoding="utf-8"))


def test_the_committed_manifests_are_the_generated_ones() -> None:
    assert manifests.drifted() == []


def test_a_hand_edit_is_found_and_rewritten(checkout: Path) -> None:
    slack = _load(checkout, manifests.SLACK)
    slack["features"]["slash_commands"].pop()  # a command forgotten
    (checkout / manifests.SLACK).write_text(json.dumps(slack), encoding="utf-8")
    teams = _load(checkout, manifests.TEAMS)
    teams["bots"][0]["commandLists"][0]["commands"][1]["description"] = "gammel tekst"
    (checkout / manifests.TEAMS).write_text(json.dumps(teams), encoding="utf-8")
    assert manifests.drifted(checkout) == [manifests.SLACK, manifests.TEAMS]
    assert manifests.write(checkout) == [manifests.SLACK, manifests.TEAMS]
    assert manifests.drifted(checkout) == []
    # What is not a command menu is kept as it was.
    assert _load(checkout, manifests.SLACK)["oauth_config"] == _load(ROOT, manifests.SLACK)["oauth_config"]
    assert _load(checkout, manifests.TEAMS) == _load(ROOT, manifests.TEAMS)


def test_check_exits_1_on_drift(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(manifests, "ROOT", checkout)
    runner = CliRunner()
    assert runner.invoke(app, ["manifests", "--check"]).exit_code == 0
    teams = _load(checkout, manifests.TEAMS)
    teams["bots"][0]["commandLists"][0]["commands"].append({"title": "x", "description": "y"})
    (checkout / manifests.TEAMS).write_text(json.dumps(teams), encoding="utf-8")
    result = runner.invoke(app, ["manifests", "--check"])
    assert result.exit_code == 1
    assert "appPackage/manifest.json er utdatert" in result.output


def test_slack_declares_what_the_adapter_listens_for() -> None:
    declared = [c["command"] for c in _load(ROOT, manifests.SLACK)["features"]["slash_commands"]]
    assert declared == list(SLASH_COMMANDS)


def test_every_teams_menu_entry_routes_to_its_command() -> None:
    commands = _load(ROOT, manifests.TEAMS)["bots"][0]["commandLists"][0]["commands"]
    assert len(commands) <= 10  # Teams shows at most ten
    for entry, command in zip(commands, menu_commands(), strict=True):
        assert len(entry["title"]) <= 32 and len(entry["description"]) <= 128
        found = route(Invocation(platform="teams", user_id="u", text=entry["title"]))
        assert found is not None and found[0] is command, entry
