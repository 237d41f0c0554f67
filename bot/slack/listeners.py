"""The bolt listener groups: each acknowledges at once and hands the rest to a job.

Nothing here touches the database: a listener reads the payload (through the adapter), calls
ack(), and spawns the job. With `process_before_response=True` the HTTP response goes out as
soon as the listener returns, so Slack hears from us in well under its three seconds.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.slack import home, modal
from bot.slack import texts as slack_texts
from bot.slack.adapter import (
    COMMAND_PATTERN,
    Target,
    action_invocation,
    click_keys,
    command_invocation,
    message_invocation,
)
from bot.slack.render import ACTION_PREFIX

if TYPE_CHECKING:
    from bot.slack.app import SlackBot

_OUR_BUTTONS = re.compile(rf"^{ACTION_PREFIX}:")


def register(bolt: AsyncApp, bot: SlackBot) -> None:
    """Every listener group of the app."""
    register_commands(bolt, bot)
    register_events(bolt, bot)
    register_actions(bolt, bot)
    register_views(bolt, bot)


def register_commands(bolt: AsyncApp, bot: SlackBot) -> None:
    """/neste-møte, /møteplan, /saker, /vedtak, /forfall and the ASCII twins, by one pattern."""

    @bolt.command(COMMAND_PATTERN)
    async def on_command(ack: AsyncAck, body: dict[str, Any]) -> None:
        if bot.jobs.pending >= bot.max_backlog:
            # Overloaded: say so at once rather than answer minutes late.
            await ack(text=slack_texts.SLACK_BUSY)
            return
        # An empty acknowledgement shows nothing; the answer follows on the response_url.
        await ack()
        invocation, target = command_invocation(body)
        bot.jobs.spawn(bot.answer(invocation, target, keys=[str(invocation.event_key)]))


def register_events(bolt: AsyncApp, bot: SlackBot) -> None:
    """DMs and @mentions are member messages; opening the Home tab publishes it."""

    async def on_message(ack: AsyncAck, body: dict[str, Any], event: dict[str, Any]) -> None:
        await ack()
        found = message_invocation(event, event_id=str(body.get("event_id")), bot_user_id=bot.bot_user_id)
        if found is not None:
            invocation, target = found
            bot.jobs.spawn(bot.answer(invocation, target, keys=[str(invocation.event_key)]))

    # DMs come as message events (the adapter keeps channel_type «im» only: edits, joins and
    # other channels are ignored); a channel @mention comes as app_mention.
    bolt.event("message")(on_message)
    bolt.event("app_mention")(on_message)

    @bolt.event("app_home_opened")
    async def on_home_opened(ack: AsyncAck, body: dict[str, Any], event: dict[str, Any]) -> None:
        await ack()
        if event.get("tab", "home") == "home" and event.get("user"):
            key = f"slack:event:{body.get('event_id')}"
            bot.jobs.spawn(home.publish(bot, str(event["user"]), keys=[key]))


def register_actions(bolt: AsyncApp, bot: SlackBot) -> None:
    """Our buttons: «Meld forfall» opens the modal, every other press becomes an Invocation."""

    @bolt.action(_OUR_BUTTONS)
    async def on_button(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        keys = click_keys(body, action)
        if modal.opens_modal(action):
            bot.jobs.spawn(modal.open_modal(bot, body, action, keys=keys))
            return
        found = action_invocation(body, action)
        if found is not None:
            invocation, target = found
            bot.jobs.spawn(_answer_then_refresh(bot, invocation, target, keys, body))


async def _answer_then_refresh(
    bot: SlackBot, invocation: Any, target: Target, keys: list[str], body: dict[str, Any]
) -> None:
    await bot.answer(invocation, target, keys=keys)
    # A press on the Home tab (an «Angre» there) changes what Home shows: publish it anew.
    if (body.get("view") or {}).get("type") == "home":
        await home.publish(bot, target.user_id, keys=())


def register_views(bolt: AsyncApp, bot: SlackBot) -> None:
    """The forfall modal: bad values get field errors back, a good one closes and registers."""

    @bolt.view(modal.CALLBACK_ID)
    async def on_submit(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        result = modal.read_submission(view)
        if isinstance(result, dict):
            await ack(response_action="errors", errors=result)
            return
        await ack()
        user = str(body["user"]["id"])
        bot.jobs.spawn(modal.submit(bot, result, user_id=user, keys=[f"slack:view:{view.get('id')}"]))
