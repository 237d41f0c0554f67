"""The forfall modal: opened by «Meld forfall» with the meeting preselected, an optional reason and vara.

A submission is checked without the database (so the acknowledgement carries field errors at
once); a good one closes the modal and becomes the same forfall sentence a member could type.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from slack_sdk.models.blocks import (
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.slack import texts as slack_texts
from bot.slack.adapter import Target
from bot.slack.render import command_of
from handlers import identity
from handlers.forfall_parse import form_value
from handlers.meeting_view import has_started, meeting_label
from handlers.services import Services
from handlers.types import Invocation, Reply, Text
from storage import directory, meeting_queries
from storage.db import unit_of_work

if TYPE_CHECKING:
    from bot.slack.app import SlackBot

CALLBACK_ID = "motebot-forfall"
MAX_REASON = 500
MAX_VARA = 100
MAX_OPTIONS = 100  # Slack's limit for a static select
MAX_OPTION_TEXT = 75
_MEETING_VALUE = re.compile(r"^meeting:(\d+)$")
# A full name as the forfall sentence reads it: two or more words, each starting with a capital.
_FULL_NAME = re.compile(r"^[A-ZÆØÅ][^\W\d_]*[.'-]?(?:[ -]+(?:[A-ZÆØÅ]|de |van |von )[^\W\d_]*[.'-]?)+$")


@dataclass(frozen=True)
class Submission:
    """A checked modal submission."""

    meeting_id: int
    reason: str
    vara: str
    response_url: str | None
    channel_id: str | None


def opens_modal(action: dict[str, Any]) -> bool:
    """True for «Meld forfall» (the forfall command with a bare meeting): it opens the modal."""
    return command_of(str(action.get("action_id") or "")) == "forfall" and bool(
        _MEETING_VALUE.match(str(action.get("value") or ""))
    )


async def open_modal(bot: SlackBot, body: dict[str, Any], action: dict[str, Any], *, keys: list[str]) -> None:
    """Load the member's coming meetings and open the modal (trigger_id lives three seconds)."""
    user = str(body["user"]["id"])
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    target = Target(user_id=user, channel_id=channel, response_url=body.get("response_url"))
    try:
        base = Invocation(platform="slack", user_id=user, text="", command="forfall", channel_id=channel)
        invocation = await bot.prepare(base, keys=keys)
        if invocation is None:
            return
        found = await bot.jobs.run_db(_choices, bot.services, invocation)
        if isinstance(found, Reply):
            await bot.deliver(found, target)
            return
        selected = int(_MEETING_VALUE.match(str(action.get("value")))[1])  # type: ignore[index]
        meta = {"r": body.get("response_url"), "c": channel, "m": [m for m, _ in found]}
        view = forfall_view(found, selected=selected, private_metadata=json.dumps(meta))
        await bot.client.views_open(trigger_id=str(body["trigger_id"]), view=view)
    except Exception:
        await bot.fail(target, "views.open")


def _choices(services: Services, invocation: Invocation) -> list[tuple[int, str]] | Reply:
    """(meeting id, label) of the asker's coming meetings, or the reply that explains why none."""
    now = services.clock()
    day = now.astimezone(services.tz).date()
    with unit_of_work(services.factory) as session:
        asker = identity.resolve_asker(session, invocation, now=now)
        if asker is None:
            return identity.unlinked_reply(invocation)
        body_ids = [b.id for b in directory.bodies_of(session, person_id=asker.person_id)]
        meetings = meeting_queries.upcoming_meetings(
            session, body_ids=body_ids, after=day, limit=MAX_OPTIONS + 10
        )
        found = [
            (m.id, meeting_label(m, services.tz)) for m in meetings if not has_started(m, now, services.tz)
        ]
    if not found:
        return Reply(
            (Text(slack_texts.SLACK_MODAL_NO_MEETINGS),), fallback=slack_texts.SLACK_MODAL_NO_MEETINGS
        )
    return found[:MAX_OPTIONS]


def forfall_view(
    choices: list[tuple[int, str]], *, selected: int | None, private_metadata: str
) -> dict[str, Any]:
    """The modal as Block Kit: meeting (preselected), reason and vara; limits kept."""
    options = [Option(value=f"meeting:{mid}", text=_cut(label, MAX_OPTION_TEXT)) for mid, label in choices]
    initial = next((o for o, (mid, _) in zip(options, choices, strict=True) if mid == selected), None)
    view = View(
        type="modal",
        callback_id=CALLBACK_ID,
        title=PlainTextObject(text=slack_texts.SLACK_MODAL_TITLE),
        submit=PlainTextObject(text=slack_texts.SLACK_MODAL_SUBMIT),
        close=PlainTextObject(text=slack_texts.SLACK_MODAL_CLOSE),
        private_metadata=private_metadata,
        blocks=[
            InputBlock(
                block_id="meeting",
                label=slack_texts.SLACK_MODAL_MEETING,
                element=StaticSelectElement(
                    action_id="value",
                    placeholder=slack_texts.SLACK_MODAL_MEETING_PLACEHOLDER,
                    options=options,
                    initial_option=initial,
                ),
            ),
            InputBlock(
                block_id="reason",
                label=slack_texts.SLACK_MODAL_REASON,
                hint=slack_texts.SLACK_MODAL_REASON_HINT,
                optional=True,
                element=PlainTextInputElement(action_id="value", multiline=True, max_length=MAX_REASON),
            ),
            InputBlock(
                block_id="vara",
                label=slack_texts.SLACK_MODAL_VARA,
                hint=slack_texts.SLACK_MODAL_VARA_HINT,
                optional=True,
                element=PlainTextInputElement(action_id="value", max_length=MAX_VARA),
            ),
        ],
    )
    return view.to_dict()


def read_submission(view: dict[str, Any]) -> Submission | dict[str, str]:
    """The checked values, or {block_id: Norwegian error} for Slack to show under the fields."""
    values = (view.get("state") or {}).get("values") or {}
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        meta = {}
    selected = ((values.get("meeting") or {}).get("value") or {}).get("selected_option") or {}
    reason = " ".join(str(((values.get("reason") or {}).get("value") or {}).get("value") or "").split())
    vara = " ".join(str(((values.get("vara") or {}).get("value") or {}).get("value") or "").split())
    errors: dict[str, str] = {}
    match = _MEETING_VALUE.match(str(selected.get("value") or ""))
    if match is None or int(match[1]) not in (meta.get("m") or []):
        errors["meeting"] = slack_texts.SLACK_ERR_MEETING
    if len(reason) > MAX_REASON:
        errors["reason"] = slack_texts.SLACK_ERR_REASON_LONG.format(n=MAX_REASON)
    if len(vara) > MAX_VARA:
        errors["vara"] = slack_texts.SLACK_ERR_VARA_LONG.format(n=MAX_VARA)
    elif vara and not _FULL_NAME.match(vara):
        errors["vara"] = slack_texts.SLACK_ERR_VARA
    if errors or match is None:
        return errors
    return Submission(int(match[1]), reason, vara, meta.get("r"), meta.get("c"))


def submission(form: Submission, *, user_id: str) -> tuple[Invocation, Target]:
    """The forfall the modal describes, exactly as the typed sentence would be, and where to answer."""
    target = Target(user_id=user_id, channel_id=form.channel_id, response_url=form.response_url)
    if not form.response_url:
        target = Target(user_id=user_id, is_direct=True)
    text = forfall_sentence(form)
    invocation = Invocation(platform="slack", user_id=user_id, text=text, command="forfall", channel_id=None)
    return invocation, target


async def submit(bot: SlackBot, form: Submission, *, user_id: str, keys: list[str]) -> None:
    """Register the forfall the modal describes (written down, answered and posted in one go)."""
    invocation, target = submission(form, user_id=user_id)
    await bot.answer(invocation, target, keys=keys)


def forfall_sentence(form: Submission) -> str:
    """The modal's values as the forfall command's value: meeting, reason and vara, words intact."""
    return form_value(form.meeting_id, reason=form.reason, vara=form.vara)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
