"""The bolt listener groups: a slash command answered in its acknowledgement, the rest durably.

A slash command whose answer is ready within bot/slack/instant.py's budget is answered in the
acknowledgement itself. Everything else (a slow command, messages, buttons, the modal) is read
through the adapter, written down (one small insert that makes it idempotent and lets a restart
finish it), acknowledged, and answered by a job. With `process_before_response=True` the HTTP
response goes out as soon as the listener returns.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.slack import home, instant, modal
from bot.slack import texts as slack_texts
from bot.slack.adapter import (
    COMMAND_PATTERN,
    action_invocation,
    click_keys,
    command_invocation,
    message_invocation,
    place,
)
from bot.slack.render import ACTION_PREFIX

if TYPE_CHECKING:
    from bot.slack.app import SlackBot
    from bot.slack.durable import Delivery

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
        invocation, target = place(body, *command_invocation(body), many=bot.workspaces.oauth)
        now = await instant.answer_in_time(bot, invocation, team_id=target.team_id)
        if now is not None:
            await ack(**now.ack_args())
            return
        delivery = await bot.take(invocation, target, keys=[str(invocation.event_key)])
        # An empty acknowledgement shows nothing; the answer follows on the response_url.
        await ack()
        if delivery is not None:
            bot.jobs.spawn(bot.finish(delivery))


def register_events(bolt: AsyncApp, bot: SlackBot) -> None:
    """DMs and @mentions are member messages; opening the Home tab publishes it."""

    async def on_message(ack: AsyncAck, body: dict[str, Any], event: dict[str, Any]) -> None:
        found = message_invocation(event, event_id=str(body.get("event_id")), bot_user_id=bot.bot_user_id)
        delivery = None
        if found is not None:
            invocation, target = place(body, *found, many=bot.workspaces.oauth)
            delivery = await bot.take(invocation, target, keys=[str(invocation.event_key)])
        await ack()
        if delivery is not None:
            bot.jobs.spawn(bot.finish(delivery))

    # DMs come as message events (the adapter keeps channel_type «im» only: edits, joins and
    # other channels are ignored); a channel @mention comes as app_mention.
    bolt.event("message")(on_message)
    bolt.event("app_mention")(on_message)

    @bolt.event("app_home_opened")
    async def on_home_opened(ack: AsyncAck, body: dict[str, Any], event: dict[str, Any]) -> None:
        await ack()
        if event.get("tab", "home") == "home" and event.get("user"):
            key = f"slack:event:{body.get('event_id')}"
            bot.jobs.spawn(home.publish(bot, str(event["user"]), keys=[key], body=body))


def register_actions(bolt: AsyncApp, bot: SlackBot) -> None:
    """Our buttons: «Meld forfall» opens the modal, every other press becomes an Invocation."""

    @bolt.action(_OUR_BUTTONS)
    async def on_button(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        keys = click_keys(body, action)
        if modal.opens_modal(action):
            await ack()  # the modal opens at once or not at all (trigger_id lives three seconds)
            bot.jobs.spawn(modal.open_modal(bot, body, action, keys=keys))
            return
        found = action_invocation(body, action)
        delivery = None
        if found is not None:
            delivery = await bot.take(*place(body, *found, many=bot.workspaces.oauth), keys=keys)
        await ack()
        if delivery is not None:
            bot.jobs.spawn(_answer_then_refresh(bot, delivery, body))


async def _answer_then_refresh(bot: SlackBot, delivery: Delivery, body: dict[str, Any]) -> None:
    await bot.finish(delivery)
    target = delivery.target
    # A press on the Home tab (an «Angre» there) changes what Home shows: publish it anew.
    if (body.get("view") or {}).get("type") == "home":
        await home.publish(bot, target.user_id, keys=(), body=body)


def register_views(bolt: AsyncApp, bot: SlackBot) -> None:
    """The forfall modal: bad values get field errors back, a good one closes and registers."""

    @bolt.view(modal.CALLBACK_ID)
    async def on_submit(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        result = modal.read_submission(view)
        if isinstance(result, dict):
            await ack(response_action="errors", errors=result)
            return
        invocation, target = bot.workspaces.place(
            body, *modal.submission(result, user_id=str(body["user"]["id"]))
        )
        delivery = await bot.take(invocation, target, keys=[f"slack:view:{view.get('id')}"])
        await ack()
        if delivery is not None:
            bot.jobs.spawn(bot.finish(delivery))
