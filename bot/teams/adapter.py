"""Teams activity → Invocation: a 1:1 message, a channel @mention, a card submit or invoke."""

from __future__ import annotations

import hashlib
import html
import re
from typing import Any

from microsoft_agents.activity import Activity, ActivityTypes

from bot.teams.forms import FORM_ID
from handlers.types import Invocation

CARD_ACTION_INVOKE = "adaptiveCard/action"
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t\u00a0]+")
_MAX_KEY = 300  # processed_events.key


def base_conversation_id(conversation_id: str) -> str:
    """A channel thread «19:x@thread.tacv2;messageid=1» → the channel itself, where new posts go."""
    return conversation_id.split(";messageid=", 1)[0]


def is_personal(activity: Activity) -> bool:
    """True in a 1:1 chat with the bot."""
    conversation = activity.conversation
    if conversation is None:
        return False
    if conversation.conversation_type:
        return conversation.conversation_type == "personal"
    return not conversation.is_group


def strip_mentions(activity: Activity) -> str:
    """The message text without the bot's @mention; other people's mentions keep their names."""
    text = activity.text or ""
    bot_id = activity.recipient.id if activity.recipient else None
    for mention in activity.get_mentions():
        tag = getattr(mention, "text", None)
        mentioned = getattr(mention, "mentioned", None)
        if not tag:
            continue
        if mentioned is not None and mentioned.id == bot_id:
            text = text.replace(tag, " ")
        else:
            text = text.replace(tag, getattr(mentioned, "name", None) or " ")
    # Teams sends light HTML (<at>, <p>, &nbsp;) even in «plain» messages.
    text = html.unescape(_TAG.sub(" ", text))
    lines = [_SPACE.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def event_key(activity: Activity) -> str | None:
    """A key for this delivery, unique across conversations (Teams message ids are per channel)."""
    if not activity.id or activity.conversation is None:
        return None
    key = f"teams:{base_conversation_id(activity.conversation.id)}:{activity.id}"
    if len(key) > _MAX_KEY:
        key = "teams:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def is_delivery(activity: Activity) -> bool:
    """A member's message or card button: what is written down and answered once (bot.teams.durable)."""
    if activity.type == ActivityTypes.invoke:
        return activity.name == CARD_ACTION_INVOKE
    return activity.type == ActivityTypes.message


def user_id(activity: Activity) -> str | None:
    """The Entra object id of the sender (what `members link --teams` takes), else the Teams user id."""
    sender = activity.from_property
    if sender is None:
        return None
    return sender.aad_object_id or sender.id


def card_data(activity: Activity) -> dict[str, Any] | None:
    """The data of a card button: Action.Submit's message value, or Action.Execute's invoke data."""
    value = activity.value
    if not isinstance(value, dict):
        return None
    if activity.type == ActivityTypes.invoke:
        action = value.get("action")
        if not isinstance(action, dict):
            return None
        data = dict(action.get("data") or {})
        if action.get("verb") and "action" not in data:
            data["action"] = action["verb"]
        return data
    return dict(value)


def to_invocation(activity: Activity) -> Invocation | None:
    """The Invocation for a member's message or button press; None when there is nothing to answer."""
    uid = user_id(activity)
    if uid is None or activity.conversation is None:
        return None
    common: dict[str, Any] = {
        "platform": "teams",
        "user_id": uid,
        "channel_id": base_conversation_id(activity.conversation.id),
        "is_direct": is_personal(activity),
        "event_key": event_key(activity),
    }
    is_card_invoke = activity.type == ActivityTypes.invoke and activity.name == CARD_ACTION_INVOKE
    if is_card_invoke or (activity.type == ActivityTypes.message and not activity.text):
        data = card_data(activity)
        if not data or not isinstance(data.get("action"), str):
            return None
        # A submitted form's text is its meeting; the app turns the whole form into a sentence.
        text = data.get("meeting") if data.get("form") == FORM_ID else data.get("value")
        return Invocation(command=data["action"], text=str(text or ""), **common)
    if activity.type != ActivityTypes.message:
        return None
    return Invocation(text=strip_mentions(activity), **common)
