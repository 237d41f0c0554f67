"""The old import path of the read queries, kept while branches written before the split land.
Their homes: `storage.directory` (bodies, people, chat links), `storage.meeting_queries` (meetings,
saksliste, forfall) and `storage.open_queries` (open saker).
"""

from __future__ import annotations

from storage.directory import (
    all_bodies,
    all_person_names,
    bodies_of,
    identities_of,
    identity,
    is_secretariat,
    memberships_of,
    people_with_bodies,
    person_by_email,
    person_by_name,
)
from storage.meeting_queries import (
    absences,
    agenda,
    attendance_of,
    forfall_of,
    latest_held,
    meeting,
    meetings_between,
    nearest_meetings,
    next_meetings,
    upcoming_meetings,
)
from storage.open_queries import OpenSak, open_items

__all__ = [
    "OpenSak",
    "absences",
    "agenda",
    "all_bodies",
    "all_person_names",
    "attendance_of",
    "bodies_of",
    "forfall_of",
    "identities_of",
    "identity",
    "is_secretariat",
    "latest_held",
    "meeting",
    "meetings_between",
    "memberships_of",
    "nearest_meetings",
    "next_meetings",
    "open_items",
    "people_with_bodies",
    "person_by_email",
    "person_by_name",
    "upcoming_meetings",
]
