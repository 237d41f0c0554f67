"""The old import path of the member commands' shared helpers, kept while branches written before the
split land. Their homes: `handlers.meeting_view` (how a meeting is shown), `handlers.scope` (who asks,
their day, the bodies meant), `handlers.types` (Question, Offer), `language.folding` (fold, body_stem).
"""

from __future__ import annotations

from handlers.meeting_view import (
    agenda_element,
    has_started,
    local_times,
    meeting_facts,
    meeting_label,
    meeting_short,
    meeting_when,
)
from handlers.scope import mentioned_bodies, pick_bodies, require_asker, today
from handlers.types import Offer, Question
from language.folding import body_stem, fold

__all__ = [
    "Offer",
    "Question",
    "agenda_element",
    "body_stem",
    "fold",
    "has_started",
    "local_times",
    "meeting_facts",
    "meeting_label",
    "meeting_short",
    "meeting_when",
    "mentioned_bodies",
    "pick_bodies",
    "require_asker",
    "today",
]
