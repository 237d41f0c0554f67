"""The Teams app package: appPackage/manifest.json with the app's ids filled in, and its icons, zipped."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

APP_PACKAGE = Path(__file__).resolve().parents[2] / "appPackage"
ICONS = ("color.png", "outline.png")
DEVELOPER_NAME_MAX = 32  # Teams manifest schema 1.19: developer.name maxLength
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
    return data


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
