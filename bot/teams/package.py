"""The Teams app package: appPackage/manifest.json with the app's ids filled in, and its icons, zipped."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

APP_PACKAGE = Path(__file__).resolve().parents[2] / "appPackage"
ICONS = ("color.png", "outline.png")
DEVELOPER_NAME_MAX = 32  # Teams manifest schema 1.19: developer.name maxLength
# Teams manifest schema 1.19 (MicrosoftTeams.schema.json): the string limits of what we fill in.
LIMITS: dict[tuple[str, ...], int] = {
    ("name", "short"): 30,
    ("name", "full"): 100,
    ("description", "short"): 80,
    ("description", "full"): 4000,
    ("developer", "name"): DEVELOPER_NAME_MAX,
    ("developer", "websiteUrl"): 2048,
    ("developer", "privacyUrl"): 2048,
    ("developer", "termsOfUseUrl"): 2048,
}
COMMAND_LISTS_MAX, COMMANDS_MAX, COMMAND_TITLE_MAX, COMMAND_DESCRIPTION_MAX = 3, 10, 32, 128
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


def manifest(
    *, app_id: str, developer_name: str, developer_url: str, source: Path = APP_PACKAGE
) -> dict[str, object]:
    """The manifest with its placeholders («${{TEAMS_APP_ID}}» …) replaced."""
    if not _GUID.match(app_id):
        raise ValueError(f"TEAMS_APP_ID is not an Entra application id (a GUID): {app_id!r}")
    if not developer_url.startswith("https://"):
        raise ValueError(f"the developer URL must start with https://: {developer_url!r}")
    name = developer_name.strip()
    if not name or len(name) > DEVELOPER_NAME_MAX:
        # Teams refuses the whole package at upload otherwise; say so here, with the limit.
        raise ValueError(
            f"the developer name must be 1–{DEVELOPER_NAME_MAX} characters (Teams' limit), "
            f"{developer_name!r} has {len(name)}"
        )
    text = (source / "manifest.json").read_text(encoding="utf-8")
    values = {"TEAMS_APP_ID": app_id, "DEVELOPER_NAME": developer_name, "DEVELOPER_URL": developer_url}
    for name, value in values.items():
        text = text.replace("${{" + name + "}}", json.dumps(value)[1:-1])
    data: dict[str, object] = json.loads(text)
    problems = limit_problems(data)
    if problems:
        raise ValueError("; ".join(problems))
    return data


def limit_problems(data: dict[str, Any]) -> list[str]:
    """Where the manifest breaks the schema's limits (Teams refuses the upload): «field: n > max»."""
    found = []
    for path, most in LIMITS.items():
        value: Any = data
        for step in path:
            value = value.get(step) if isinstance(value, dict) else None
        if isinstance(value, str) and len(value) > most:
            found.append(f"{'.'.join(path)} has {len(value)} characters, at most {most}")
    for bot in data.get("bots") or []:
        lists = bot.get("commandLists") or []
        if len(lists) > COMMAND_LISTS_MAX:
            found.append(f"bots.commandLists has {len(lists)}, at most {COMMAND_LISTS_MAX}")
        for listed in lists:
            commands = listed.get("commands") or []
            if len(commands) > COMMANDS_MAX:
                found.append(f"a command list has {len(commands)} commands, at most {COMMANDS_MAX}")
            for command in commands:
                for key, most in (("title", COMMAND_TITLE_MAX), ("description", COMMAND_DESCRIPTION_MAX)):
                    if len(str(command.get(key, ""))) > most:
                        found.append(f"command {command.get('title')!r}: {key} over {most} characters")
    return found


def build_package(
    *, app_id: str, developer_name: str, developer_url: str, source: Path = APP_PACKAGE
) -> bytes:
    """The .zip Teams takes: manifest.json and the two icons at its root."""
    filled = manifest(
        app_id=app_id, developer_name=developer_name, developer_url=developer_url, source=source
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(filled, ensure_ascii=False, indent=2))
        for icon in ICONS:
            zf.write(source / icon, icon)
    return buffer.getvalue()
