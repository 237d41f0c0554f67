"""The forfall form as an Adaptive Card: the meeting preselected, an optional reason and vara."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.teams.render import CARD_SCHEMA, CARD_VERSION
from handlers import texts
from handlers.common import fold, meeting_label
from storage import queries
from storage.models import Meeting

FORM_ID = "forfall"
_MEETING_VALUE = re.compile(r"^meeting:(\d+)$")
_SENTENCE_BREAKS = re.compile(r"\s*[,;.!?]+\s*")
_MAX_CHOICES = 12
_FORFALL_WORDS = {"forfall", "meld-forfall", "meld forfall"}


def wants_form(data: dict[str, Any] | None) -> bool:
    """True for the «Meld forfall» button's data (a meeting, no form yet): Teams shows the form."""
    if not data or data.get("form") or not isinstance(data.get("action"), str):
        return False
    return fold(data["action"]) in _FORFALL_WORDS and bool(_MEETING_VALUE.match(str(data.get("value", ""))))


def form_sentence(session: Session, data: dict[str, Any]) -> str:
    """A submitted form as the sentence a member would type: «Styringsgruppen 7.12.2017 pga sykdom,
    Kari Nordmann møter for meg» (a body and a date name one meeting), read by the same forfall."""
    value = str(data.get("meeting") or data.get("value") or "").strip()
    match = _MEETING_VALUE.match(value)
    meeting = queries.meeting(session, meeting_id=int(match[1])) if match else None
    if meeting is None:
        return value  # gone since the form was shown: forfall says so
    day = meeting.date
    text = f"{meeting.body.name} {day.day}.{day.month}.{day.year}"
    reason = " ".join(str(data.get("reason") or "").split())
    vara = " ".join(str(data.get("vara") or "").split())
    if reason:
        # The forfall reader ends a reason at , ; . ! or ?, so they become dashes.
        reason = _SENTENCE_BREAKS.sub(" – ", reason).strip(" –")
        text += texts.TEAMS_FORM_AS_TEXT_REASON.format(reason=reason)
    if vara:
        text += texts.TEAMS_FORM_AS_TEXT_VARA.format(vara=vara)
    return text


def meeting_choices(
    session: Session, *, meeting_id: int, external_id: str, today: dt.date, tz: ZoneInfo
) -> list[tuple[str, str]]:
    """(value, label) of the chosen meeting first, then the member's other coming meetings."""
    chosen = queries.meeting(session, meeting_id=meeting_id)
    if chosen is None:
        return []
    meetings: list[Meeting] = [chosen]
    link = queries.identity(session, platform="teams", external_id=external_id)
    if link is not None:
        body_ids = [b.id for b in queries.bodies_of(session, person_id=link.person_id)]
        others = queries.upcoming_meetings(session, body_ids=body_ids, after=today, limit=_MAX_CHOICES)
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
                    {"type": "TextRun", "text": texts.TEAMS_FORM_HEADING, "size": "Large", "weight": "Bolder"}
                ],
            },
            {
                "type": "Input.ChoiceSet",
                "id": "meeting",
                "label": texts.TEAMS_FORM_MEETING,
                "style": "compact",
                "isRequired": True,
                "errorMessage": texts.TEAMS_FORM_MEETING_REQUIRED,
                "value": choices[0][0] if choices else "",
                "choices": [{"title": label, "value": value} for value, label in choices],
            },
            {
                "type": "Input.Text",
                "id": "reason",
                "label": texts.TEAMS_FORM_REASON,
                "placeholder": texts.TEAMS_FORM_REASON_HINT,
                "maxLength": 200,
            },
            {
                "type": "Input.Text",
                "id": "vara",
                "label": texts.TEAMS_FORM_VARA,
                "placeholder": texts.TEAMS_FORM_VARA_HINT,
                "maxLength": 200,
            },
        ],
        "actions": [
            {
                "type": "Action.Submit",
                "title": texts.TEAMS_FORM_SUBMIT,
                "style": "positive",
                "associatedInputs": "auto",
                "data": {"action": "forfall", "form": FORM_ID},
            }
        ],
    }
