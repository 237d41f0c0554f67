"""Slack's request bodies, in the shapes Slack sends them, and its request signature."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.parse
from typing import Any

TEAM = "T0TEST"
APP = "A0TEST"
BOT_USER = "UBOT0001"


def sign(secret: str, body: bytes, *, timestamp: int | None = None) -> dict[str, str]:
    """The two headers Slack signs every request with (v0, HMAC-SHA256 over «v0:ts:body»)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    base = b"v0:" + ts.encode() + b":" + body
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


TRIGGER_END = ".a1b2c3d4e5f6"
TRIGGER = "1.2.3" + TRIGGER_END  # a slash command's trigger_id by default


def slash_command(
    command: str,
    text: str,
    *,
    user: str,
    channel: str,
    response_url: str,
    trigger: str = "1.2.3",
    team: str = TEAM,
) -> bytes:
    """application/x-www-form-urlencoded, as Slack posts a slash command."""
    fields = {
        "token": "verification-token-unused",
        "team_id": team,
        "team_domain": "test",
        "channel_id": channel,
        "channel_name": "directmessage" if channel.startswith("D") else "styringsgruppen",
        "user_id": user,
        "user_name": "kjersti",
        "command": command,
        "text": text,
        "api_app_id": APP,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": f"{trigger}{TRIGGER_END}",
    }
    return urllib.parse.urlencode(fields).encode()


def event_callback(event: dict[str, Any], *, event_id: str, team: str = TEAM) -> bytes:
    """application/json, an Events API delivery (from the workspace `team`)."""
    envelope = {
        "token": "verification-token-unused",
        "team_id": team,
        "context_team_id": team,
        "api_app_id": APP,
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": 1506940000,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team,
                "user_id": BOT_USER,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": "4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiJUMFRFU1QifQ",
    }
    return json.dumps(envelope).encode()


def im_message(text: str, *, user: str, channel: str, ts: str = "1506940000.000100") -> dict[str, Any]:
    """A message.im event: a member writing to the app in its DM."""
    return {
        "client_msg_id": "5b2b4d5c-0000-4000-8000-000000000001",
        "type": "message",
        "text": text,
        "user": user,
        "ts": ts,
        "blocks": [
            {
                "type": "rich_text",
                "block_id": "Qz1",
                "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}],
            }
        ],
        "team": TEAM,
        "channel": channel,
        "event_ts": ts,
        "channel_type": "im",
    }


def app_mention(text: str, *, user: str, channel: str, ts: str = "1506940000.000200") -> dict[str, Any]:
    """An app_mention event: «@Møtebot …» in a channel."""
    return {
        "client_msg_id": "5b2b4d5c-0000-4000-8000-000000000002",
        "type": "app_mention",
        "text": f"<@{BOT_USER}> {text}",
        "user": user,
        "ts": ts,
        "team": TEAM,
        "channel": channel,
        "event_ts": ts,
    }


def home_opened(*, user: str, channel: str) -> dict[str, Any]:
    return {
        "type": "app_home_opened",
        "user": user,
        "channel": channel,
        "tab": "home",
        "event_ts": "1506940000.000300",
    }


def _interactive(payload: dict[str, Any]) -> bytes:
    """Interactivity is a form with one field, `payload`, holding JSON."""
    return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()


def block_actions(
    action_id: str,
    value: str,
    *,
    user: str,
    channel: str,
    response_url: str,
    action_ts: str,
    message_ts: str = "1506940000.000400",
    label: str = "Meld forfall",
) -> bytes:
    """A button press on a message (an ephemeral one: Slack then sends no `message`)."""
    return _interactive(
        {
            "type": "block_actions",
            "user": {"id": user, "username": "kjersti", "name": "kjersti", "team_id": TEAM},
            "api_app_id": APP,
            "token": "verification-token-unused",
            "container": {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": channel,
                "is_ephemeral": True,
            },
            "trigger_id": f"{action_ts.replace('.', '')}.123456.abcdef",
            "team": {"id": TEAM, "domain": "test"},
            "enterprise": None,
            "is_enterprise_install": False,
            "channel": {"id": channel, "name": "styringsgruppen"},
            "state": {"values": {}},
            "response_url": response_url,
            "actions": [
                {
                    "action_id": action_id,
                    "block_id": "b1",
                    "text": {"type": "plain_text", "text": label, "emoji": False},
                    "value": value,
                    "type": "button",
                    "action_ts": action_ts,
                }
            ],
        }
    )


def view_submission(
    view: dict[str, Any], values: dict[str, Any], *, user: str, view_id: str = "V0MODAL01"
) -> bytes:
    """A modal submitted: the view as opened, with Slack's id and the state of its inputs."""
    submitted = {
        **view,
        "id": view_id,
        "team_id": TEAM,
        "state": {"values": values},
        "hash": "1506940000.a1b2c3",
        "previous_view_id": None,
        "root_view_id": view_id,
        "app_id": APP,
        "bot_id": "B0BOT001",
    }
    return _interactive(
        {
            "type": "view_submission",
            "team": {"id": TEAM, "domain": "test"},
            "user": {"id": user, "username": "kjersti", "name": "kjersti", "team_id": TEAM},
            "api_app_id": APP,
            "token": "verification-token-unused",
            "trigger_id": "1506940002.123456.abcdef",
            "view": submitted,
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }
    )


def modal_values(meeting: str | None, reason: str | None = None, vara: str | None = None) -> dict[str, Any]:
    """The `state.values` of the forfall modal as Slack sends them."""
    option = (
        {"text": {"type": "plain_text", "text": "…", "emoji": True}, "value": meeting} if meeting else None
    )
    return {
        "meeting": {"value": {"type": "static_select", "selected_option": option}},
        "reason": {"value": {"type": "plain_text_input", "value": reason}},
        "vara": {"value": {"type": "plain_text_input", "value": vara}},
    }


def file_share(
    files: list[dict[str, Any]], *, user: str, channel: str, text: str = "", ts: str = "1506940000.000500"
) -> dict[str, Any]:
    """A message.im event with a file a member shared in the app's DM (subtype file_share)."""
    event = im_message(text, user=user, channel=channel, ts=ts)
    event.update({"subtype": "file_share", "files": files, "upload": False, "display_as_bot": False})
    if not text:
        event.pop("blocks")
    return event


def mention_with_files(
    files: list[dict[str, Any]], text: str, *, user: str, channel: str, ts: str = "1506940000.000600"
) -> dict[str, Any]:
    """«@Møtebot …» in a channel with a file attached: app_mention carries the files."""
    event = app_mention(text, user=user, channel=channel, ts=ts)
    event["files"] = files
    return event
