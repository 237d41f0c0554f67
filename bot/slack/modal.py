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
from handlers import forfall_form
from handlers.forfall_form import Choice, Filled, Form
from handlers.forfall_parse import form_value
from handlers.services import Services
from handlers.types import Invocation, Reply

if TYPE_CHECKING:
    from bot.slack.app import SlackBot

CALLBACK_ID = "motebot-forfall"
MAX_OPTIONS = 100  # Slack's limit for a static select
MAX_OPTION_TEXT = 75
_MEETING_VALUE = re.compile(r"^meeting:(\d+)$")


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
    base, target = bot.workspaces.place(
        body,
        Invocation(platform="slack", user_id=user, text="", command="forfall", channel_id=channel),
        Target(user_id=user, channel_id=channel, response_url=body.get("response_url")),
    )
    try:
        invocation = await bot.prepare(base, keys=keys, team_id=target.team_id)
        if invocation is None:
            return
        selected = int(_MEETING_VALUE.match(str(action.get("value")))[1])  # type: ignore[index]
        found = await bot.jobs.run_db(forfall_form.open_form, bot.services, invocation, selected=selected)
        if isinstance(found, Reply):
            await bot.deliver(found, target)
            return
        meta = {"r": body.get("response_url"), "c": channel, "m": [c.meeting_id for c in found.choices]}
        view = render_form(found, private_metadata=json.dumps(meta))
        client = await bot.client_for(target.team_id)
        await client.views_open(trigger_id=str(body["trigger_id"]), view=view)
    except Exception:
        await bot.fail(target, "views.open")


def _choices(services: Services, invocation: Invocation) -> list[tuple[int, str]] | Reply:
    """(meeting id, label) of the asker's coming meetings, or the reply that explains why none."""
    found = forfall_form.open_form(services, invocation, selected=None)
    return found if isinstance(found, Reply) else [(c.meeting_id, c.label) for c in found.choices]


def forfall_view(
    choices: list[tuple[int, str]], *, selected: int | None, private_metadata: str
) -> dict[str, Any]:
    """The modal over these (meeting id, label) choices (what `render_form` draws)."""
    form = forfall_form.form_of(tuple(Choice(mid, label) for mid, label in choices), selected=selected)
    return render_form(form, private_metadata=private_metadata)


def render_form(form: Form, *, private_metadata: str) -> dict[str, Any]:
    """The form as a Block Kit modal: the meeting (preselected), then its text fields; Slack's limits kept."""
    shown = form.choices[:MAX_OPTIONS]
    options = [Option(value=c.value, text=_cut(c.label, MAX_OPTION_TEXT)) for c in shown]
    initial = next((o for o, c in zip(options, shown, strict=True) if c.meeting_id == form.selected), None)
    meeting = InputBlock(
        block_id=form.meeting.name,
        label=form.meeting.label,
        element=StaticSelectElement(
            action_id="value", placeholder=form.meeting.hint, options=options, initial_option=initial
        ),
    )
    fields = [
        InputBlock(
            block_id=f.name,
            label=f.label,
            hint=f.hint or None,
            optional=True,
            element=PlainTextInputElement(action_id="value", multiline=f.multiline, max_length=f.max_length),
        )
        for f in form.fields
    ]
    view = View(
        type="modal",
        callback_id=CALLBACK_ID,
        title=PlainTextObject(text=form.title),
        submit=PlainTextObject(text=form.submit),
        close=PlainTextObject(text=slack_texts.SLACK_MODAL_CLOSE),
        private_metadata=private_metadata,
        blocks=[meeting, *fields],
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
    typed = {
        "meeting": str(selected.get("value") or ""),
        "reason": str(((values.get("reason") or {}).get("value") or {}).get("value") or ""),
        "vara": str(((values.get("vara") or {}).get("value") or {}).get("value") or ""),
    }
    checked = forfall_form.check(typed, offered=meta.get("m") or [])
    if not isinstance(checked, Filled):
        return checked
    return Submission(checked.meeting_id, checked.reason, checked.vara, meta.get("r"), meta.get("c"))


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
