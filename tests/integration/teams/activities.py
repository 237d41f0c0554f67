"""Bot Framework activities as Teams sends them (shapes taken from real Teams deliveries)."""

from __future__ import annotations

import itertools
from typing import Any

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
BOT_ID = "28:9e7f1c2a-5b3d-4e8f-a1c2-3d4e5f6a7b8c"
BOT_NAME = "Møtebot"
USER_ID = "29:1Xk9mQ4rPz7vL2wN8tY3uB6cD5eF0gH"
USER_AAD = "6a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d"
USER_NAME = "Per Kierulf"
PERSONAL_CONVERSATION = "a:1Hq0WbqzP9y2Vm7cNkR4sT6uJ8xL3aE5dF"
TEAM_ID = "19:Xy7aB3cD9eF1gH5iJ2kL8mN4oP6qR0sT@thread.tacv2"
GENERAL_CHANNEL = TEAM_ID  # the General channel shares the team's id
CHANNEL = "19:a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3@thread.tacv2"

_ids = itertools.count(1_700_000_000_000)


def _base(service_url: str, conversation: dict[str, Any], **extra: Any) -> dict[str, Any]:
    activity_id = str(next(_ids))
    return {
        "id": activity_id,
        "channelId": "msteams",
        "serviceUrl": service_url,
        "timestamp": "2017-10-02T10:00:00.000Z",
        "localTimestamp": "2017-10-02T12:00:00.000+02:00",
        "locale": "nb-NO",
        "from": {"id": USER_ID, "name": USER_NAME, "aadObjectId": USER_AAD},
        "recipient": {"id": BOT_ID, "name": BOT_NAME},
        "conversation": conversation,
        **extra,
    }


def personal() -> dict[str, Any]:
    return {"conversationType": "personal", "tenantId": TENANT, "id": PERSONAL_CONVERSATION}


def channel_thread(channel: str = CHANNEL) -> dict[str, Any]:
    return {
        "isGroup": True,
        "conversationType": "channel",
        "tenantId": TENANT,
        "id": f"{channel};messageid={next(_ids)}",
    }


def _channel_data(channel: str = CHANNEL, **extra: Any) -> dict[str, Any]:
    return {
        "teamsChannelId": channel,
        "teamsTeamId": TEAM_ID,
        "channel": {"id": channel},
        "team": {"id": TEAM_ID},
        "tenant": {"id": TENANT},
        **extra,
    }


def personal_message(service_url: str, text: str) -> dict[str, Any]:
    return _base(
        service_url,
        personal(),
        type="message",
        text=text,
        textFormat="plain",
        channelData={"tenant": {"id": TENANT}},
        entities=[{"type": "clientInfo", "locale": "nb-NO", "country": "NO", "platform": "Web"}],
    )


def channel_mention(service_url: str, text: str, *, channel: str = CHANNEL) -> dict[str, Any]:
    """«@Møtebot <text>» in a channel: Teams puts the mention in the text and in an entity."""
    tag = f"<at>{BOT_NAME}</at>"
    return _base(
        service_url,
        channel_thread(channel),
        type="message",
        text=f"{tag} {text}\n",
        textFormat="plain",
        channelData=_channel_data(channel),
        entities=[
            {"type": "mention", "mentioned": {"id": BOT_ID, "name": BOT_NAME}, "text": tag},
            {"type": "clientInfo", "locale": "nb-NO", "country": "NO", "platform": "Web"},
        ],
    )


def card_submit(service_url: str, data: dict[str, Any], *, in_channel: bool = False) -> dict[str, Any]:
    """Action.Submit: a message with the button's data (and any inputs) as its value, and no text."""
    conversation = channel_thread() if in_channel else personal()
    channel_data = _channel_data() if in_channel else {"tenant": {"id": TENANT}}
    return _base(
        service_url,
        conversation,
        type="message",
        value=data,
        replyToId=str(next(_ids)),
        channelData=channel_data,
    )


def card_invoke(service_url: str, verb: str, data: dict[str, Any]) -> dict[str, Any]:
    """Action.Execute: an invoke named adaptiveCard/action."""
    return _base(
        service_url,
        personal(),
        type="invoke",
        name="adaptiveCard/action",
        value={"action": {"type": "Action.Execute", "verb": verb, "data": data}, "trigger": "manual"},
        replyToId=str(next(_ids)),
        channelData={"tenant": {"id": TENANT}},
    )


def bot_added_to_team(service_url: str) -> dict[str, Any]:
    """The conversationUpdate Teams sends when the app is added to a team."""
    activity = _base(
        service_url,
        {"isGroup": True, "conversationType": "channel", "tenantId": TENANT, "id": GENERAL_CHANNEL},
        type="conversationUpdate",
        membersAdded=[{"id": BOT_ID}],
        channelData={
            "team": {"id": TEAM_ID, "name": "Interkommunalt samarbeid", "aadGroupId": "0b1c2d3e"},
            "eventType": "teamMemberAdded",
            "tenant": {"id": TENANT},
        },
    )
    activity.pop("id")
    return activity


def installation_update(service_url: str, action: str = "add") -> dict[str, Any]:
    return _base(
        service_url,
        {"isGroup": True, "conversationType": "channel", "tenantId": TENANT, "id": GENERAL_CHANNEL},
        type="installationUpdate",
        action=action,
        channelData={"team": {"id": TEAM_ID}, "tenant": {"id": TENANT}, "source": {"name": "message"}},
    )


def channel_created(service_url: str, channel: str) -> dict[str, Any]:
    return _base(
        service_url,
        {"isGroup": True, "conversationType": "channel", "tenantId": TENANT, "id": GENERAL_CHANNEL},
        type="conversationUpdate",
        channelData={
            "channel": {"id": channel, "name": "Styringsgruppen"},
            "team": {"id": TEAM_ID},
            "eventType": "channelCreated",
            "tenant": {"id": TENANT},
        },
    )


def personal_file(service_url: str, name: str, download_url: str) -> dict[str, Any]:
    """A file sent in the 1:1 chat (the app has supportsFiles): a file.download.info attachment."""
    return _base(
        service_url,
        personal(),
        type="message",
        text="",
        textFormat="plain",
        attachments=[
            {
                "contentType": "application/vnd.microsoft.teams.file.download.info",
                "contentUrl": f"https://contoso.sharepoint.com/personal/sekretariat/Documents/Files/{name}",
                "name": name,
                "content": {
                    "downloadUrl": download_url,
                    "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
                    "fileType": name.rsplit(".", 1)[-1],
                },
            },
            {"contentType": "text/html", "content": "<div></div>"},
        ],
        channelData={"tenant": {"id": TENANT}},
    )
