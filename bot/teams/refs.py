"""Conversation references and member look-ups: what the Teams turns read from an activity."""

from __future__ import annotations

import logging
from typing import Any

from microsoft_agents.activity import (
    Activity,
    ChannelAccount,
    ConversationAccount,
    ConversationParameters,
    ConversationReference,
)
from microsoft_agents.hosting.core.connector import ConnectorClientBase

from bot.teams.adapter import base_conversation_id, is_personal

log = logging.getLogger(__name__)


def channel_data(activity: Activity) -> dict[str, Any]:
    """Teams' channelData as a plain dict (the Teams extension may have parsed it into a model)."""
    data = activity.channel_data
    if data is None:
        return {}
    if isinstance(data, dict):
        return data
    dump = getattr(data, "model_dump", None)
    return dump(by_alias=True, exclude_none=True) if callable(dump) else {}


def event_type(activity: Activity) -> str | None:
    """channelData.eventType: «channelCreated», «teamMemberAdded» …"""
    value = channel_data(activity).get("eventType")
    return value if isinstance(value, str) else None


def created_channel_id(activity: Activity) -> str | None:
    """The id of the channel a «channelCreated» update is about."""
    channel = channel_data(activity).get("channel") or {}
    value = channel.get("id") if isinstance(channel, dict) else None
    return value if isinstance(value, str) else None


def tenant_id(activity: Activity) -> str | None:
    """The Entra tenant the activity comes from."""
    if activity.conversation is not None and activity.conversation.tenant_id:
        return activity.conversation.tenant_id
    tenant = channel_data(activity).get("tenant") or {}
    value = tenant.get("id") if isinstance(tenant, dict) else None
    return value if isinstance(value, str) else None


def reference_of(
    activity: Activity, *, channel_id: str | None = None
) -> tuple[str, str, dict[str, Any]] | None:
    """(conversation id, service URL, reference JSON) for posting here later as a new message.

    A channel thread is stored as its channel, without the activity or the sender, so that a
    reminder starts its own post instead of replying to whoever spoke last.
    """
    if activity.conversation is None or not activity.service_url:
        return None
    reference: ConversationReference = activity.get_conversation_reference().model_copy(deep=True)
    conversation_id = channel_id or base_conversation_id(activity.conversation.id)
    assert reference.conversation is not None
    reference.conversation.id = conversation_id
    reference.activity_id = None
    if channel_id is not None:
        reference.conversation.name = None
    if not is_personal(activity):
        reference.user = None
    data = reference.model_dump(mode="json", by_alias=True, exclude_none=True)
    return conversation_id, activity.service_url, data


async def member_email(
    connector: ConnectorClientBase | None, activity: Activity, *, trusted_tenants: tuple[str, ...]
) -> str | None:
    """The sender's e-mail from the directory, only from a tenant listed in TEAMS_TENANT_ID (an
    administrator of any other tenant could give anyone a roster member's address); None when
    unknown."""
    sender = activity.from_property
    if connector is None or sender is None or activity.conversation is None or not trusted_tenants:
        return None
    if (tenant_id(activity) or "").lower() not in {t.lower() for t in trusted_tenants}:
        return None
    get_member = getattr(connector, "get_conversation_member", None)
    if get_member is None:
        return None
    try:
        member = await get_member(base_conversation_id(activity.conversation.id), sender.id)
    except Exception:
        log.warning("Teams member look-up failed for %s", sender.id, exc_info=True)
        return None
    email = getattr(member, "email", None) or getattr(member, "user_principal_name", None)
    return email.strip().lower() if isinstance(email, str) and "@" in email else None


async def send_in_personal_chat(
    connector: ConnectorClientBase | None, incoming: Activity, activity: Activity
) -> None:
    """Send `activity` to the sender of `incoming` in a 1:1 chat (opened if need be); Teams lets a
    bot do so with any member of a team it is in."""
    sender, bot = incoming.from_property, incoming.recipient
    if connector is None or sender is None or bot is None:
        raise LookupError("no connector or no sender to write to")
    tenant = tenant_id(incoming)
    if tenant is None:
        raise LookupError("a 1:1 chat needs the tenant")
    params = ConversationParameters.model_validate(
        {
            "is_group": False,
            "bot": bot,
            "members": [ChannelAccount(id=sender.id)],
            "tenant_id": tenant,
            "channel_data": {"tenant": {"id": tenant}},
        }
    )
    created = await connector.conversations.create_conversation(params)
    outgoing = activity.model_copy(deep=True)
    outgoing.conversation = ConversationAccount(id=created.id, conversation_type="personal", tenant_id=tenant)
    outgoing.from_property, outgoing.recipient = bot, sender
    outgoing.channel_id, outgoing.service_url = incoming.channel_id, incoming.service_url
    await connector.conversations.send_to_conversation(created.id, outgoing)
