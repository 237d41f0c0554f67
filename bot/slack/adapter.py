"""Slack payloads → Invocation, the place the answer goes, and the keys that make effects happen once.

No raw payload goes past this module: listeners hand a body in and get typed values out.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from slack_bolt.request.internals import extract_enterprise_id, extract_team_id

from bot.slack.files import UPLOAD_COMMAND, file_refs
from bot.slack.render import command_of
from handlers import registry
from handlers.types import Invocation

# Every slash command the registry's table offers, in one pattern; the ASCII twins exist because
# Slack does not document whether it accepts «ø» in a command name. Both fold to one command.
SLASH_COMMANDS = tuple(name for c in registry.COMMANDS for name in c.slash_names)
COMMAND_PATTERN = re.compile("^(?:" + "|".join(map(re.escape, SLASH_COMMANDS)) + ")$")

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+\|([^>]*)>")
_LINK = re.compile(r"<([^>|]+)(?:\|([^>]*))?>")
CLICK_WINDOW = 1  # seconds: two presses of one button this close together are one press


@dataclass(frozen=True)
class Target:
    """Where the answer to an invocation goes."""

    user_id: str
    channel_id: str | None = None
    response_url: str | None = None  # slash commands and message buttons: answer here
    thread_ts: str | None = None  # an @mention is answered in its thread
    is_direct: bool = False  # the app's DM with the member
    team_id: str | None = None  # the workspace: whose bot token posts the answer (many workspaces)


def address(team_id: str | None, conversation: str) -> str:
    """A channel or user as the rest of møtebot names it: «T123/C456» with many workspaces (a
    channel link, a reminder post's channel, a notice's DM), plain «C456» with one."""
    return f"{team_id}/{conversation}" if team_id else conversation


def split_address(value: str) -> tuple[str | None, str]:
    """(team id or None, conversation id) of an address made by `address`."""
    team, sep, conversation = value.rpartition("/")
    return (team or None, conversation) if sep else (None, value)


@dataclass(frozen=True)
class Place:
    """The workspace a request came from: its team, and its Enterprise Grid org if any."""

    team_id: str | None
    enterprise_id: str | None = None

    @classmethod
    def of(cls, body: dict[str, Any]) -> Place:
        return cls(extract_team_id(body), extract_enterprise_id(body))


def place(
    body: dict[str, Any], invocation: Invocation, target: Target, *, many: bool
) -> tuple[Invocation, Target]:
    """Say which workspace a delivery came from: its team goes with the answer (whose token posts
    it, also after a restart); with `many` workspaces (OAuth) it also keys the asker's identity (the
    Enterprise Grid org, whose user ids are org-wide, or else the team) and names the channel."""
    where = Place.of(body)
    channel, workspace = invocation.channel_id, None
    if many:
        workspace = where.enterprise_id or where.team_id
        if channel and where.team_id:
            channel = address(where.team_id, channel)  # as channel links name it: TEAM/CHANNEL
    invocation = dataclasses.replace(invocation, workspace=workspace, channel_id=channel)
    return invocation, dataclasses.replace(target, team_id=where.team_id)


def clean_text(text: str) -> str:
    """Slack's message markup as plain text: mentions dropped, links and channels as their labels."""
    text = _MENTION.sub(" ", text)
    text = _CHANNEL.sub(r"#\1", text)
    text = _LINK.sub(lambda m: m[2] or m[1], text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def command_invocation(body: dict[str, Any]) -> tuple[Invocation, Target]:
    """A slash command's form body (already decoded by bolt)."""
    channel = str(body.get("channel_id") or "") or None
    direct = body.get("channel_name") == "directmessage" or (channel or "").startswith("D")
    invocation = Invocation(
        platform="slack",
        user_id=str(body["user_id"]),
        text=clean_text(str(body.get("text") or "")),
        command=str(body["command"]).lstrip("/"),
        channel_id=channel,
        is_direct=direct,
        event_key=f"slack:command:{body.get('trigger_id') or body.get('response_url')}",
    )
    target = Target(user_id=invocation.user_id, channel_id=channel, response_url=body.get("response_url"))
    return invocation, target


def message_invocation(
    event: dict[str, Any], *, event_id: str, bot_user_id: str | None
) -> tuple[Invocation, Target] | None:
    """A DM (message.im) or an @mention (app_mention); None for what is not a member writing."""
    user = event.get("user")
    if not user or event.get("bot_id") or user == bot_user_id:
        return None
    if event.get("type") == "message" and event.get("channel_type") != "im":
        return None
    if event.get("type") == "app_mention" and str(event.get("channel") or "").startswith("D"):
        return None  # a DM already arrives as message.im: one answer, not two
    # Edits, deletions, joins and bot posts are not a member writing to us.
    if event.get("subtype") not in (None, "file_share", "thread_broadcast"):
        return None
    text = clean_text(str(event.get("text") or ""))
    files = file_refs(event)  # a shared file is read in by bot.upload, whatever the text says
    if not text and files is None:
        return None
    channel = str(event.get("channel") or "") or None
    direct = event.get("channel_type") == "im" or (channel or "").startswith("D")
    invocation = Invocation(
        platform="slack",
        user_id=str(user),
        text=files if files is not None else text,
        command=UPLOAD_COMMAND if files is not None else None,
        channel_id=channel,
        is_direct=direct,
        event_key=f"slack:event:{event_id}",
    )
    thread = None if direct else str(event.get("thread_ts") or event.get("ts") or "") or None
    return invocation, Target(user_id=str(user), channel_id=channel, thread_ts=thread, is_direct=direct)


def action_invocation(body: dict[str, Any], action: dict[str, Any]) -> tuple[Invocation, Target] | None:
    """A button press: its action id carries the command word, its value the argument text."""
    command = command_of(str(action.get("action_id") or ""))
    if command is None:
        return None
    user = str(body["user"]["id"])
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    direct = str(channel or "").startswith("D")
    invocation = Invocation(
        platform="slack",
        user_id=user,
        text=str(action.get("value") or ""),
        command=command,
        channel_id=channel,
        is_direct=direct,
        event_key=f"slack:action:{action.get('action_ts')}:{user}",
    )
    target = Target(user_id=user, channel_id=channel, response_url=body.get("response_url"), is_direct=direct)
    return invocation, target


def click_keys(body: dict[str, Any], action: dict[str, Any]) -> list[str]:
    """Keys for one button press: the same button pressed twice within ~a second claims one of them.

    Each press claims the second it happened in and the next one, so two presses less than a
    second apart always share a key; a press a few seconds later is a new request.
    """
    user = str(body["user"]["id"])
    container = body.get("container") or {}
    where = container.get("message_ts") or container.get("view_id") or ""
    value = hashlib.sha1(str(action.get("value") or "").encode()).hexdigest()[:12]
    second = int(float(action.get("action_ts") or 0)) // CLICK_WINDOW
    base = f"slack:click:{user}:{where}:{action.get('action_id')}:{value}"
    return [f"{base}:{second}", f"{base}:{second + 1}"]
