"""When a vara must answer by: the meeting's start and the body's answer window and cut-off."""

from __future__ import annotations

import datetime as dt

from storage.clock import OSLO
from storage.models import Body, Meeting


def meeting_start(meeting: Meeting) -> dt.datetime:
    """The meeting's start, or 09:00 local on its day when no time is known."""
    if meeting.starts_at is not None:
        return meeting.starts_at
    return dt.datetime.combine(meeting.date, dt.time(9, 0), tzinfo=OSLO).astimezone(dt.UTC)


def deadline(body: Body, meeting: Meeting, now: dt.datetime) -> dt.datetime:
    """Answer by: the body's window from now, but never later than its cut-off before the meeting."""
    latest = meeting_start(meeting) - dt.timedelta(hours=body.vara_cutoff_hours)
    return min(now + dt.timedelta(hours=body.vara_answer_hours), latest)
