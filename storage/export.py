"""The whole database as JSON, schema `motebot-export/1`: sorted, no import timestamps, byte-stable."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from storage.clock import OSLO
from storage.models import (
    Attendance,
    Body,
    Document,
    Meeting,
    MeetingSource,
    Membership,
    Person,
    PersonAlias,
    Sak,
    Treatment,
)
from storage.models_secretariat import Habilitet, VaraRequest
from storage.planlines import plan_in_force

SCHEMA = "motebot-export/1"


def export_data(session: Session, *, tz: ZoneInfo = OSLO) -> dict[str, Any]:
    """The export as plain data (see docs/export.md)."""
    bodies = {b.id: b.name for b in session.scalars(select(Body))}
    return {
        "schema": SCHEMA,
        "bodies": [{"name": name} for name in sorted(bodies.values())],
        "people": _people(session, bodies),
        "meetings": _meetings(session, bodies, tz),
    }


def export_json(session: Session, *, tz: ZoneInfo = OSLO) -> str:
    """The export as JSON text: UTF-8 as is, indent 2, one trailing newline."""
    return json.dumps(export_data(session, tz=tz), ensure_ascii=False, indent=2) + "\n"


def _people(session: Session, bodies: dict[int, str]) -> list[dict[str, Any]]:
    aliases: dict[int, list[str]] = defaultdict(list)
    for person_id, alias in session.execute(select(PersonAlias.person_id, PersonAlias.alias)):
        aliases[person_id].append(alias)
    member_of: dict[int, list[str]] = defaultdict(list)
    for person_id, body_id in session.execute(select(Membership.person_id, Membership.body_id)):
        member_of[person_id].append(bodies[body_id])
    people = session.execute(select(Person.id, Person.name, Person.organisation)).all()
    return [
        {
            "name": p.name,
            "organisation": p.organisation,
            "aliases": sorted(aliases[p.id]),
            "bodies": sorted(member_of[p.id]),
        }
        for p in sorted(people, key=lambda p: (p.name, p.id))
    ]


def _hhmm(moment: dt.datetime | None, tz: ZoneInfo) -> str | None:
    return moment.astimezone(tz).strftime("%H:%M") if moment is not None else None


def _meetings(session: Session, bodies: dict[int, str], tz: ZoneInfo) -> list[dict[str, Any]]:
    files = {d.id: d.file_name for d in session.execute(select(Document.id, Document.file_name))}
    sources: dict[int, set[str]] = defaultdict(set)
    for meeting_id, document_id in session.execute(
        select(MeetingSource.meeting_id, MeetingSource.document_id)
    ):
        sources[meeting_id].add(files[document_id])
    planned_by = plan_in_force(session)
    attendance = _attendance(session)
    saker = _saker(session)
    chain, habilitet = _chain(session), _habilitet(session)
    meetings = session.scalars(select(Meeting)).all()
    out = []
    for m in sorted(meetings, key=lambda m: (bodies[m.body_id], m.date)):
        named = {files[d] for d in planned_by.get((m.body_id, m.date), ())}
        out.append(
            {
                "body": bodies[m.body_id],
                "date": m.date.isoformat(),
                "start": _hhmm(m.starts_at, tz),
                "end": _hhmm(m.ends_at, tz),
                "location": m.location,
                "status": m.status,
                "sources": sorted(sources[m.id] | named),
                "attendance": attendance.get(m.id, []),
                "saker": saker.get(m.id, []),
                "vara_requests": chain.get(m.id, []),
                "habilitet": habilitet.get(m.id, []),
            }
        )
    return out


def _attendance(session: Session) -> dict[int, list[dict[str, Any]]]:
    person = aliased(Person)
    member = aliased(Person)
    rows = session.execute(
        select(Attendance, person.name, person.organisation, member.name.label("for_name"))
        .join(person, person.id == Attendance.person_id)
        .outerjoin(member, member.id == Attendance.substitute_for_id)
    ).all()
    out: dict[int, list[tuple[tuple[bool, int, str], dict[str, Any]]]] = defaultdict(list)
    stands_in = {(a.meeting_id, a.substitute_for_id) for a, *_ in rows if a.substitute_for_id is not None}
    organisations = {r[0]: r[1] for r in session.execute(select(Person.name, Person.organisation))}
    for a, name, organisation, for_name in rows:
        named = a.substitute_name if a.status == "absent" and a.origin == "chat" else None
        if named and (a.meeting_id, a.person_id) not in stands_in:
            # The vara a member named in chat, not (yet) confirmed through the chain.
            vara = {
                "name": named,
                "organisation": organisations.get(named),
                "status": "present",
                "substitute_for": name,
                "role": None,
                "origin": "chat",
                "reason": None,
            }
            out[a.meeting_id].append(((False, a.position, named), vara))
        entry = {
            "name": name,
            "organisation": organisation,
            "status": a.status,
            # Only the member a vara stood in for; a vara a member named in chat (substitute_name)
            # points the other way and has no place in this schema version.
            "substitute_for": for_name,
            "role": a.role,
            "origin": a.origin,
            # The reason is only ever a member's own word through the bot, never the minutes'.
            "reason": a.reason if a.origin == "chat" else None,
        }
        # Forfall from chat has no place in the minutes' order: it comes first.
        out[a.meeting_id].append(((a.origin != "chat", a.position, name), entry))
    return {k: [e for _, e in sorted(v, key=lambda x: x[0])] for k, v in out.items()}


def _saker(session: Session) -> dict[int, list[dict[str, Any]]]:
    rows = session.execute(
        select(
            Treatment.meeting_id,
            Sak.number,
            Sak.year,
            Sak.title,
            Treatment.vedtak,
            Treatment.proposal,
            Sak.series,
        ).join(Sak, Sak.id == Treatment.sak_id)
    ).all()
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: (r.meeting_id, r.year, r.series, r.number)):
        entry = {
            "number": r.number,
            "year": r.year,
            "title": r.title,
            "vedtak": r.vedtak,
            "proposal": r.proposal,
        }
        if r.series:  # only a sak of a series of its own carries the key (motebot-export/1 stays as it was)
            entry["series"] = r.series
        out[r.meeting_id].append(entry)
    return out


def _chain(session: Session) -> dict[int, list[dict[str, Any]]]:
    """The vara asked per meeting, with their answers: by member, sak, step."""
    vara, member = aliased(Person), aliased(Person)
    rows = session.execute(
        select(VaraRequest, member.name, vara.name, Sak.number, Sak.year)
        .join(member, member.id == VaraRequest.member_id)
        .join(vara, vara.id == VaraRequest.vara_id)
        .outerjoin(Sak, Sak.id == VaraRequest.sak_key)
    ).all()
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r, member_name, vara_name, number, year in sorted(
        rows, key=lambda x: (x[0].meeting_id, x[1], x[4] or 0, x[3] or 0, x[0].step)
    ):
        out[r.meeting_id].append(
            {
                "member": member_name,
                "vara": vara_name,
                "sak": f"{number:02d}/{year}" if number is not None else None,
                "step": r.step,
                "named": r.named,
                "answer": r.state,
            }
        )
    return out


def _habilitet(session: Session) -> dict[int, list[dict[str, Any]]]:
    """Who is inhabil in which sak, per meeting: by sak, then name."""
    rows = session.execute(
        select(Habilitet.meeting_id, Sak.number, Sak.year, Person.name)
        .join(Sak, Sak.id == Habilitet.sak_id)
        .join(Person, Person.id == Habilitet.person_id)
    ).all()
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for meeting_id, number, year, name in sorted(rows, key=lambda r: (r[0], r[2], r[1], r[3])):
        out[meeting_id].append({"sak": f"{number:02d}/{year}", "number": number, "year": year, "name": name})
    return out
