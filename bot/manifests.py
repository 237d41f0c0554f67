"""The command menus of manifest.json (Slack) and appPackage/manifest.json (Teams), made from the
registry's table: `motebot manifests` writes them, `--check` (and a test) finds them drifted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from handlers.registry import COMMANDS
from handlers.routing import Command

ROOT = Path(__file__).resolve().parents[1]
SLACK = Path("manifest.json")
TEAMS = Path("appPackage") / "manifest.json"

# The bot scopes, least first: docs/slack.md («Scopes») says which call needs each. The manifest
# declares them and the OAuth installation flow asks for them (bot/slack/install.py).
BOT_SCOPES = (
    "app_mentions:read",
    "chat:write",
    "commands",
    "files:read",
    "im:history",
    "users:read",
    "users:read.email",
    "channels:history",
    "groups:history",
)
# Events that need no scope: a workspace removing the app (or its token) deletes its installation.
UNINSTALL_EVENTS = ("app_uninstalled", "tokens_revoked")


def menu_commands() -> tuple[Command, ...]:
    """The commands the platforms' menus offer (those with a summary), in help order."""
    return tuple(c for c in COMMANDS if c.summary)


def slack_manifest(current: dict[str, Any]) -> dict[str, Any]:
    """`current` with its slash commands (each with its ASCII twin) from the table."""
    commands = [
        {"command": name, "description": c.summary, "usage_hint": c.slash_hint, "should_escape": False}
        for c in menu_commands()
        for name in c.slash_names
    ]
    settings = current["settings"]
    events = settings["event_subscriptions"]
    wanted = [e for e in events["bot_events"] if e not in UNINSTALL_EVENTS] + list(UNINSTALL_EVENTS)
    oauth = current.get("oauth_config", {})
    return {
        **current,
        "features": {**current["features"], "slash_commands": commands},
        "oauth_config": {**oauth, "scopes": {**oauth.get("scopes", {}), "bot": list(BOT_SCOPES)}},
        "settings": {**settings, "event_subscriptions": {**events, "bot_events": wanted}},
    }


def slack_manifest_for(current: dict[str, Any], public_url: str) -> dict[str, Any]:
    """The manifest of an HTTP deployment at `public_url` that many workspaces install (OAuth):
    every request URL at /slack/events, the redirect URL at /slack/oauth_redirect, no Socket Mode."""
    base = public_url.strip().rstrip("/")
    events_url = f"{base}/slack/events"
    made = slack_manifest(current)
    features = {
        **made["features"],
        "slash_commands": [{**c, "url": events_url} for c in made["features"]["slash_commands"]],
    }
    settings = made["settings"]
    return {
        **made,
        "features": features,
        "oauth_config": {**made["oauth_config"], "redirect_urls": [f"{base}/slack/oauth_redirect"]},
        "settings": {
            **settings,
            "event_subscriptions": {**settings["event_subscriptions"], "request_url": events_url},
            "interactivity": {**settings["interactivity"], "request_url": events_url},
            "socket_mode_enabled": False,
        },
    }


def teams_manifest(current: dict[str, Any]) -> dict[str, Any]:
    """`current` with each bot's command list (every scope the bot has) from the table."""
    commands = [{"title": c.title, "description": c.summary} for c in menu_commands()]
    bots = [
        {**bot, "commandLists": [{"scopes": list(bot["scopes"]), "commands": commands}]}
        for bot in current["bots"]
    ]
    return {**current, "bots": bots}


def _as_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def generated(root: Path | None = None) -> dict[Path, str]:
    """Each manifest's path under `root` (the checkout) → the text it should have."""
    root = root or ROOT
    out: dict[Path, str] = {}
    for path, make in ((SLACK, slack_manifest), (TEAMS, teams_manifest)):
        current = json.loads((root / path).read_text(encoding="utf-8"))
        out[path] = _as_text(make(current))
    return out


def drifted(root: Path | None = None) -> list[Path]:
    """The manifests under `root` whose command menus differ from the table."""
    root = root or ROOT
    return [p for p, text in generated(root).items() if (root / p).read_text(encoding="utf-8") != text]


def write(root: Path | None = None) -> list[Path]:
    """Rewrite the drifted manifests under `root`; the paths written."""
    root = root or ROOT
    changed = drifted(root)
    texts = generated(root)
    for path in changed:
        (root / path).write_text(texts[path], encoding="utf-8")
    return changed
