"""The loader's writes for one document's meeting: attendance, saker and their treatments."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from ingest.model import ParsedDocument, ParsedSak, SakKey, Warning
from ingest.people import Mention, resolve_people
from storage import importing as store
from storage import importing_people as who
from storage import importing_saker as saker_store
from storage import open_items as open_store

CHAT_ATTENDANCE_KEPT = "chat_attendance_kept"


def aware(day: dt.date, time: dt.time | None, tz: ZoneInfo) -> dt.datetime | None:
    """A local wall-clock time on `day` as an aware UTC datetime."""
    if time is None:
        return None
    return dt.datetime.combine(day, time, tzinfo=tz).astimezone(dt.UTC)


def write_attendance(session: Session, parsed: ParsedDocument, meeting: store.MeetingRow) -> list[Warning]:
    mentions = [Mention(a.name, a.organisation) for a in parsed.attendance]
    mentions += [Mention(a.substitute_for, a.organisation) for a in parsed.attendance if a.substitute_for]
    people = resolve_people(session, mentions=mentions)
    rows: dict[int, who.AttendanceIn] = {}
    roles: dict[int, str] = {}
    for position, line in enumerate(parsed.attendance):
        person_id = people[line.name]
        substitute_for = people[line.substitute_for] if line.substitute_for else None
        earlier = rows.get(person_id)
        if earlier is not None:
            # Named twice (in the list, then as chair under «Møteledelse»): the first line stands
            # and takes the role.
            if line.role and not earlier.role:
                rows[person_id] = replace(earlier, role=line.role)
        else:
            rows[person_id] = who.AttendanceIn(
                person_id=person_id,
                status=line.status,
                position=position,
                substitute_for_id=substitute_for,
                role=line.role,
            )
        # A vara is not a member; the member they stood in for is.
        if line.status == "secretariat":
            _raise_role(roles, person_id, "secretariat")
        elif substitute_for is not None:
            _raise_role(roles, substitute_for, "member")
        else:
            _raise_role(roles, person_id, "chair" if line.role == "chair" else "member")
    kept = who.put_minutes_attendance(
        session, meeting_id=meeting.id, rows=list(rows.values()), new_meeting=meeting.new
    )
    who.grant_memberships(session, body_id=meeting.body_id, roles=roles)
    names = {person_id: name for name, person_id in people.items()}
    return [Warning(0, CHAT_ATTENDANCE_KEPT, names[person_id]) for person_id in kept]


def _raise_role(roles: dict[int, str], person_id: int, role: str) -> None:
    if who.MEMBERSHIP_RANK[role] > who.MEMBERSHIP_RANK.get(roles.get(person_id, ""), 0):
        roles[person_id] = role


def write_saker(
    session: Session, parsed: ParsedDocument, meeting: store.MeetingRow, document: store.DocumentRow
) -> None:
    titles: dict[SakKey, str] = {}
    for sak in parsed.saker:
        titles.setdefault(sak.key, sak.title)
    saker, known = saker_store.ensure_saker(
        session, body_id=meeting.body_id, titles=titles, rank=document.rank
    )
    # Saker or a meeting created just now cannot have a treatment yet.
    existing = {}
    if not meeting.new:
        existing = saker_store.treatments_at(
            session, meeting_id=meeting.id, sak_ids=[i for i in saker.values() if i in known]
        )
    new: dict[int, dict[str, Any]] = {}
    for position, sak in enumerate(parsed.saker):
        sak_id = saker[sak.key]
        if sak_id in new:
            continue  # the same sak twice in one document: the first stands
        row = _write_sak(
            session,
            sak,
            sak_id=sak_id,
            meeting=meeting,
            document=document,
            position=position,
            existing=existing.get(sak_id),
        )
        if row is not None:
            new[sak_id] = row
    saker_store.insert_treatments(session, rows=list(new.values()))
    open_store.refresh_meeting(session, meeting_id=meeting.id)


def _write_sak(
    session: Session,
    sak: ParsedSak,
    *,
    sak_id: int,
    meeting: store.MeetingRow,
    document: store.DocumentRow,
    position: int,
    existing: saker_store.TreatmentRow | None,
) -> dict[str, Any] | None:
    return saker_store.put_treatment(
        session,
        existing=existing,
        sak_id=sak_id,
        meeting_id=meeting.id,
        document=document,
        position=position,
        text=sak.text,
        proposal=sak.proposal,
        vedtak=sak.vedtak,
    )
