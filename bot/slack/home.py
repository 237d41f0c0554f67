"""App Home: my next meetings, my forfall and the open saker of my bodies, from the same handlers.

Home is three member commands rendered one under the other, so it can never say something the
commands would not; the renderer's limits apply to each part within Home's 100 blocks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from slack_sdk.models.blocks import ContextBlock, DividerBlock, HeaderBlock, PlainTextObject

from bot.slack import texts as slack_texts
from bot.slack.adapter import Target
from bot.slack.render import MAX_TOTAL, render_blocks
from handlers import registry, texts
from handlers.services import Services
from handlers.types import Invocation, Reply

if TYPE_CHECKING:
    from bot.slack.app import SlackBot

MAX_HOME_BLOCKS = 100
# (heading, registry command) of each part, top to bottom.
PARTS = (
    (slack_texts.SLACK_HOME_NEXT, "neste-møte"),
    (slack_texts.SLACK_HOME_FORFALL, "mine-forfall"),
    (slack_texts.SLACK_HOME_SAKER, "saker"),
)


async def publish(
    bot: SlackBot, user_id: str, *, keys: Sequence[str], body: dict[str, Any] | None = None
) -> None:
    """Build the member's Home and publish it with views.publish (`body`: the event, for its workspace)."""
    base, target = bot.workspaces.place(
        body or {}, Invocation(platform="slack", user_id=user_id, text="", is_direct=True),
        Target(user_id=user_id, is_direct=True),
    )  # fmt: skip
    try:
        invocation = await bot.prepare(base, keys=keys, team_id=target.team_id)
        if invocation is None:
            return
        parts = await bot.jobs.run_db(home_replies, bot.services, invocation)
        now = bot.services.clock().astimezone(bot.services.tz)
        client = await bot.client_for(target.team_id)
        await client.views_publish(user_id=user_id, view=home_view(parts, now=now))
    except Exception:
        await bot.fail(target, "views.publish")


def home_replies(services: Services, invocation: Invocation) -> list[tuple[str | None, Reply]]:
    """Each part's heading and reply; a member not linked yet sees only how to be linked."""
    parts: list[tuple[str | None, Reply]] = []
    for heading, command in PARTS:
        reply = registry.handle(
            Invocation(
                platform="slack",
                user_id=invocation.user_id,
                text="",
                command=command,
                is_direct=True,
                email=invocation.email,
                workspace=invocation.workspace,
            ),
            services,
        )
        if reply.kind == "refusal" and reply.fallback == texts.UNLINKED_SHORT:
            return [(None, reply)]
        parts.append((heading, reply))
    return parts


def home_view(parts: list[tuple[str | None, Reply]], *, now: dt.datetime) -> dict[str, Any]:
    """The Home tab view: a header and the rendered reply of each part, within 100 blocks."""
    updated = slack_texts.SLACK_HOME_UPDATED.format(when=texts.clock(now.time()))
    blocks: list[dict[str, Any]] = []
    share = (MAX_HOME_BLOCKS - 1) // max(len(parts), 1)  # room for the closing context
    for heading, reply in parts:
        own: list[dict[str, Any]] = []
        if heading:
            own.append(HeaderBlock(text=PlainTextObject(text=heading, emoji=False)).to_dict())
        own += render_blocks(reply, max_blocks=share - len(own) - 1, max_total=MAX_TOTAL // len(parts))
        own.append(DividerBlock().to_dict())
        blocks += own
    blocks.append(ContextBlock(elements=[PlainTextObject(text=updated, emoji=False)]).to_dict())
    return {"type": "home", "blocks": blocks}
