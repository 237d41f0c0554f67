"""The project's own docs are kept current: every command and setting is in docs/contract.md, and
nothing in the repository points outside it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import typer

from bot.__main__ import app
from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")


def _commands(group: typer.Typer, prefix: str = "motebot") -> list[str]:
    found = [
        f"{prefix} {c.name or (c.callback.__name__ if c.callback else '')}" for c in group.registered_commands
    ]
    for sub in group.registered_groups:
        assert sub.typer_instance is not None and sub.name
        found += _commands(sub.typer_instance, f"{prefix} {sub.name}")
    return found


def test_every_command_is_in_the_contract() -> None:
    commands = _commands(app)
    assert "motebot manifests" in commands and "motebot members link" in commands
    # A subcommand may be listed with its siblings («plan add|move|cancel»).
    missing = [c for c in commands if c not in CONTRACT and not _in_group(c)]
    assert missing == []


def _in_group(command: str) -> bool:
    group, _, name = command.rpartition(" ")
    return bool(re.search(rf"`{re.escape(group)} [^`]*\b{re.escape(name)}\b", CONTRACT))


def test_every_setting_is_in_the_contract_and_the_example() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`{name.upper()}`" in CONTRACT, name
        assert re.search(rf"^#?\s*{name.upper()}=", example, re.M), name


def test_nothing_points_outside_the_repository() -> None:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    outside = re.compile(r"\.\./(shared|CONTRACTS\.md)|/work/" + "shared")  # split, so this line is no hit
    offenders = []
    for name in tracked:
        path = ROOT / name
        if path.suffix in {".png", ".zip", ".pdf", ".docx"} or not path.is_file():
            continue
        if outside.search(path.read_text(encoding="utf-8", errors="ignore")):
            offenders.append(name)
    assert offenders == []


def test_readme_and_env_example_point_to_the_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/architecture.md" in readme and "docs/contract.md" in readme
    assert "docs/contract.md" in (ROOT / ".env.example").read_text(encoding="utf-8")
