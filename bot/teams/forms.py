"""The forfall form as an Adaptive Card: the meeting preselected, an optional reason and vara."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.teams import texts as teams_texts
from bot.teams.render import CARD_SCHEMA, CARD_VERSION
from handlers.forfall_parse import form_value
from handlers.meeting_view import meeting_label
from language.folding import fold
from storage import directory, meeting_queries
from storage.models import Meeting

FORM_ID = "forfall"
_MEETING_VALUE = re.compile(r"^meeting:(\d+)$")
_MAX_CHOICES = 12
_FORFALL_WORDS = {"forfall", "meld-forfall", "meld forfall"}


def wants_form(data: dict[str, Any] | None) -> bool:
    """True for the «Meld forfall» button's data (a meeting, no form yet): Teams shows the form."""
    if not data or data.get("form") or not isinstance(data.get("action"), str):
        return False
    return fold(data["action"]) in _FORFALL_WORDS and bool(_MEETING_VALUE.match(str(data.get("value", ""))))


def form_sentence(data: dict[str, Any]) -> str:
    """A submitted form as the forfall command's value: meeting, reason and vara, words intact."""
    value = str(data.get("meeting") or data.get("value") or "").strip()
    match = _MEETING_VALUE.match(value)
    if match is None:
        return value  # not a meeting the form offered: forfall reads it as text and says why
    return form_value(int(match[1]), reason=str(data.get("reason") or ""), vara=str(data.get("vara") or ""))


def meeting_choices(
    session: Session, *, meeting_id: int, external_id: str, today: dt.date, tz: ZoneInfo
) -> list[tuple[str, str]]:
    """(value, label) of the chosen meeting first, then the member's other coming meetings."""
    chosen = meeting_queries.meeting(session, meeting_id=meeting_id)
    if chosen is None:
        return []
    meetings: list[Meeting] = [chosen]
    link = directory.identity(session, platform="teams", external_id=external_id)
    if link is not None:
        body_ids = [b.id for b in directory.bodies_of(session, person_id=link.person_id)]
        others = meeting_queries.upcoming_meetings(
            session, body_ids=body_ids, after=today, limit=_MAX_CHOICES
        )
        meetings += [m for m in others if m.id != chosen.id][: _MAX_CHOICES - 1]
    return [(f"meeting:{m.id}", meeting_label(m, tz)) for m in meetings]


def form_card(choices: list[tuple[str, str]]) -> dict[str, Any]:
    """The form; the first choice is preselected. Submitting sends {action, form, meeting, reason, vara}."""
    return {
        "type": "AdaptiveCard",
        "$schema": CARD_SCHEMA,
        "version": CARD_VERSION,
        "body": [
            {
                "type": "RichTextBlock",
                "inlines": [
                    {
                        "type": "TextRun",
                        "text": teams_texts.TEAMS_FORM_HEADING,
                        "size": "Large",
                        "weight": "Bolder",
                    }
                ],
            },
            {
                "type": "Input.ChoiceSet",
                "id": "meeting",
                "label": teams_texts.TEAMS_FORM_MEETING,
                "style": "compact",
                "isRequired": True,
                "errorMessage": teams_texts.TEAMS_FORM_MEETING_REQUIRED,
                "value": choices[0][0] if choices else "",
                "choices": [{"title": label, "value": value} for value, label in choices],
            },
            {
                "type": "Input.Text",
                "id": "reason",
                "label": teams_texts.TEAMS_FORM_REASON,
                "placeholder": teams_texts.TEAMS_FORM_REASON_HINT,
                "maxLength": 200,
            },
            {
                "type": "Input.Text",
                "id": "vara",
                "label": teams_texts.TEAMS_FORM_VARA,
                "placeholder": teams_texts.TEAMS_FORM_VARA_HINT,
                "maxLength": 200,
            },
        ],
        "actions": [
            {
                "type": "Action.Submit",
                "title": teams_texts.TEAMS_FORM_SUBMIT,
                "style": "positive",
                "associatedInputs": "auto",
                "data": {"action": "forfall", "form": FORM_ID},
            }
        ],
    }
