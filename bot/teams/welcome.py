"""The card Møtebot greets a new conversation with."""

from __future__ import annotations

from typing import Any

from microsoft_agents.activity import Activity

from bot.teams import texts as teams_texts
from bot.teams.adapter import is_personal
from handlers.types import Heading, Note, Reply, Text


def welcome(activity: Activity, conversation_id: str | None) -> Reply:
    """A 1:1 chat hears what to ask; a channel also hears its id, for `motebot channels set`."""
    if is_personal(activity):
        body: tuple[Any, ...] = (Text(teams_texts.TEAMS_WELCOME_PERSONAL),)
    else:
        body = (Text(teams_texts.TEAMS_WELCOME_CHANNEL),)
        if conversation_id:
            body += (Note(teams_texts.TEAMS_WELCOME_CHANNEL_ID.format(conversation_id=conversation_id)),)
    return Reply(
        (Heading(teams_texts.TEAMS_WELCOME_HEADING), *body),
        private=False,
        fallback=teams_texts.TEAMS_WELCOME_FALLBACK,
    )
