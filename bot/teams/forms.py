"""The forfall form (handlers.forfall_form) drawn as an Adaptive Card, and a submitted card read back."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.teams import texts as teams_texts
from bot.teams.render import CARD_SCHEMA, CARD_VERSION
from handlers import forfall_form
from handlers.forfall_form import Choice, Filled, Form
from handlers.forfall_parse import form_value
from handlers.types import Asker, Reply
from language.folding import fold
from storage import directory

FORM_ID = "forfall"
_MEETING_VALUE = re.compile(r"^meeting:(\d+)$")
_FORFALL_WORDS = {"forfall", "meld-forfall", "meld forfall"}


def wants_form(data: dict[str, Any] | None) -> bool:
    """True for the «Meld forfall» button's data (a meeting, no form yet): Teams shows the form."""
    if not data or data.get("form") or not isinstance(data.get("action"), str):
        return False
    return fold(data["action"]) in _FORFALL_WORDS and bool(_MEETING_VALUE.match(str(data.get("value", ""))))


def pressed(data: dict[str, Any]) -> int:
    """The meeting the «Meld forfall» button names (`wants_form` said it does)."""
    return int(str(data["value"]).split(":", 1)[1])


def form_sentence(data: dict[str, Any]) -> str:
    """A submitted form as the forfall command's value: meeting, reason and vara, words intact."""
    value = str(data.get("meeting") or data.get("value") or "").strip()
    checked = forfall_form.check({**data, "meeting": value})
    if not isinstance(checked, Filled):
        return value  # not a meeting the form offered: forfall reads it as text and says why
    return form_value(checked.meeting_id, reason=checked.reason, vara=checked.vara)


def form_problems(data: dict[str, Any]) -> Reply | None:
    """The refusal for a submitted form whose reason or vara the form's rules refuse; None if fine.

    (A bad meeting is left to the forfall command, which says why.)"""
    value = str(data.get("meeting") or data.get("value") or "").strip()
    checked = forfall_form.check({**data, "meeting": value})
    if isinstance(checked, Filled):
        return None
    problems = {k: v for k, v in checked.items() if k != "meeting"}
    return forfall_form.refused(problems) if problems else None


def meeting_choices(
    session: Session, *, meeting_id: int, external_id: str, today: dt.date, tz: ZoneInfo
) -> list[tuple[str, str]]:
    """(value, label) of the linked member's meetings the form offers, the one pressed first.

    Only the day is known here, so a meeting later today counts as not begun."""
    link = directory.identity(session, platform="teams", external_id=external_id)
    if link is None:
        return []
    start_of_day = dt.datetime.combine(today, dt.time(0), tz)
    offered = forfall_form.choices(session, asker=Asker(link.person_id, ""), now=start_of_day, tz=tz)
    ordered = sorted(offered, key=lambda c: c.meeting_id != meeting_id)
    return [(c.value, c.label) for c in ordered]


def form_card(choices: list[tuple[str, str]]) -> dict[str, Any]:
    """The card over these (value, label) choices, the first preselected (what `render_form` draws)."""
    offered = tuple(Choice(int(value.split(":", 1)[1]), label) for value, label in choices)
    selected = offered[0].meeting_id if offered else None
    return render_form(forfall_form.form_of(offered, selected=selected))


def render_form(form: Form) -> dict[str, Any]:
    """The form as an Adaptive Card. Submitting sends {action, form, meeting, reason, vara}."""
    chosen = next((c.value for c in form.choices if c.meeting_id == form.selected), "")
    meeting = {
        "type": "Input.ChoiceSet",
        "id": form.meeting.name,
        "label": form.meeting.label,
        "placeholder": form.meeting.hint,
        "style": "compact",
        "isRequired": True,
        "errorMessage": teams_texts.TEAMS_FORM_MEETING_REQUIRED,
        "value": chosen,
        "choices": [{"title": c.label, "value": c.value} for c in form.choices],
    }
    fields = [
        {
            "type": "Input.Text",
            "id": f.name,
            "label": f.label,
            "placeholder": f.hint,
            **({"isMultiline": True} if f.multiline else {}),
            **({"maxLength": f.max_length} if f.max_length else {}),
        }
        for f in form.fields
    ]
    heading = {"type": "TextRun", "text": form.title, "size": "Large", "weight": "Bolder"}
    return {
        "type": "AdaptiveCard",
        "$schema": CARD_SCHEMA,
        "version": CARD_VERSION,
        "body": [{"type": "RichTextBlock", "inlines": [heading]}, meeting, *fields],
        "actions": [
            {
                "type": "Action.Submit",
                "title": form.submit,
                "style": "positive",
                "associatedInputs": "auto",
                "data": {"action": "forfall", "form": FORM_ID},
            }
        ],
    }
