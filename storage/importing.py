"""Storage writes for the document import: upserts by natural keys, keyword-only; never commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, exists, or_, select, tuple_
from sqlalchemy.orm import Session

from storage.models import (
    Attendance,
    Body,
    Document,
    Meeting,
    MeetingSource,
    Membership,
    Person,
    PersonAlias,
    PlanEntry,
    Sak,
    Treatment,
)

# Which of two documents speaks for a meeting or a sak when they disagree: minutes beat case
# documents, then the later document date, then the file name. A total order, so the outcome
# does not depend on the order the documents were imported in.
Rank = tuple[bool, dt.date, str]

MEMBERSHIP_RANK = {"secretariat": 1, "member": 2, "chair": 3}


def document_rank(document: Document) -> Rank:
    """The rank of a document when two documents disagree about the same meeting or sak."""
    return (document.kind == "referat", document.doc_date, document.file_name)


def ensure_bodies(session: Session, *, names: Iterable[str]) -> dict[str, Body]:
    """The bodies called `names`, created when missing (with ids)."""
    wanted = set(names)
    found = {b.name: b for b in session.scalars(select(Body).where(Body.name.in_(wanted)))}
    missing = sorted(wanted - found.keys())
    for name in missing:
        found[name] = Body(name=name)
        session.add(found[name])
    if missing:
        session.flush()
    return found


def find_document(session: Session, *, file_name: str) -> Document | None:
    """The imported document with this file name, if any."""
    return session.scalars(select(Document).where(Document.file_name == file_name)).one_or_none()


@dataclass(frozen=True)
class Forgotten:
    """What an earlier version of a document touched, so the loader can tidy up after it."""

    meeting_ids: frozenset[int]
    dates: frozenset[dt.date]
    plan_window: tuple[dt.date, dt.date] | None


def forget_document(session: Session, *, document: Document) -> Forgotten:
    """Remove what an earlier version said: its treatments, minutes attendance, plan and sources."""
    rows = session.execute(
        select(Meeting.id, Meeting.date)
        .join(MeetingSource, MeetingSource.meeting_id == Meeting.id)
        .where(MeetingSource.document_id == document.id)
    ).all()
    meeting_ids = frozenset(r.id for r in rows)
    sak_ids = set(session.scalars(select(Treatment.sak_id).where(Treatment.document_id == document.id)))
    session.execute(delete(Treatment).where(Treatment.document_id == document.id))
    if document.kind == "referat" and meeting_ids:
        # Chat-origin forfall is the members' own word and survives any re-import.
        session.execute(
            delete(Attendance).where(Attendance.meeting_id.in_(meeting_ids), Attendance.origin == "minutes")
        )
    session.execute(delete(PlanEntry).where(PlanEntry.document_id == document.id))
    session.execute(delete(MeetingSource).where(MeetingSource.document_id == document.id))
    if sak_ids:
        session.execute(delete(Sak).where(Sak.id.in_(sak_ids), ~exists().where(Treatment.sak_id == Sak.id)))
    window = None
    if document.plan_start is not None and document.plan_end is not None:
        window = (document.plan_start, document.plan_end)
    document.plan_start = document.plan_end = None
    return Forgotten(meeting_ids, frozenset(r.date for r in rows), window)


def meeting_on(session: Session, *, body_id: int, date: dt.date) -> Meeting:
    """The body's meeting on that day, created as planned when missing."""
    meeting = session.scalars(
        select(Meeting).where(Meeting.body_id == body_id, Meeting.date == date)
    ).one_or_none()
    if meeting is None:
        meeting = Meeting(body_id=body_id, date=date, status="planned", set_by_secretariat=False)
        session.add(meeting)
        session.flush()
    return meeting


def source_ranks(session: Session, *, meeting_id: int) -> list[Rank]:
    """The ranks of the documents a meeting was read from."""
    rows = session.execute(
        select(Document.kind, Document.doc_date, Document.file_name)
        .join(MeetingSource, MeetingSource.document_id == Document.id)
        .where(MeetingSource.meeting_id == meeting_id)
    ).all()
    return [(r.kind == "referat", r.doc_date, r.file_name) for r in rows]


def record_meeting_facts(
    session: Session,
    *,
    meeting: Meeting,
    document: Document,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    location: str | None,
) -> None:
    """Link the document to its meeting and take its time, place and status when it outranks."""
    others = source_ranks(session, meeting_id=meeting.id)
    session.add(MeetingSource(meeting_id=meeting.id, document_id=document.id))
    if meeting.set_by_secretariat:
        return  # the secretariat's hand wins over any document
    if document.kind == "referat":
        meeting.status = "held"
    if all(document_rank(document) >= rank for rank in others):
        meeting.starts_at = starts_at or meeting.starts_at
        meeting.ends_at = ends_at or meeting.ends_at
        meeting.location = location or meeting.location


def settle_meetings(session: Session, *, meeting_ids: Iterable[int]) -> None:
    """After a document left these meetings: held only while some minutes remain a source."""
    ids = set(meeting_ids)
    if not ids:
        return
    with_minutes = set(
        session.scalars(
            select(MeetingSource.meeting_id)
            .join(Document, Document.id == MeetingSource.document_id)
            .where(MeetingSource.meeting_id.in_(ids), Document.kind == "referat")
        )
    )
    for meeting in session.scalars(select(Meeting).where(Meeting.id.in_(ids))):
        if not meeting.set_by_secretariat and meeting.status == "held" and meeting.id not in with_minutes:
            meeting.status = "planned"


def ensure_saker(
    session: Session, *, body_id: int, titles: Mapping[tuple[int, int], str], rank: Rank
) -> dict[tuple[int, int], Sak]:
    """The body's saker keyed (number, year), created when missing; titles follow the top document."""
    keys = list(titles)
    found: dict[tuple[int, int], Sak] = {}
    if keys:
        query = select(Sak).where(Sak.body_id == body_id, tuple_(Sak.number, Sak.year).in_(keys))
        found = {(s.number, s.year): s for s in session.scalars(query)}
    if found:
        top: dict[int, Rank] = {}
        rows = session.execute(
            select(Treatment.sak_id, Document.kind, Document.doc_date, Document.file_name)
            .join(Document, Document.id == Treatment.document_id)
            .where(Treatment.sak_id.in_([s.id for s in found.values()]))
        ).all()
        for r in rows:
            top[r.sak_id] = max(
                top.get(r.sak_id, (False, dt.date.min, "")), (r.kind == "referat", r.doc_date, r.file_name)
            )
        for key, sak in found.items():
            if sak.title != titles[key] and rank >= top.get(sak.id, (False, dt.date.min, "")):
                sak.title = titles[key]
    missing = [k for k in keys if k not in found]
    for number, year in missing:
        found[(number, year)] = Sak(body_id=body_id, number=number, year=year, title=titles[(number, year)])
        session.add(found[(number, year)])
    if missing:
        session.flush()
    return found


def treatments_at(session: Session, *, meeting_id: int, sak_ids: Iterable[int]) -> dict[int, Treatment]:
    """The treatments already recorded at a meeting for these saker, keyed by sak id."""
    ids = list(sak_ids)
    if not ids:
        return {}
    query = select(Treatment).where(Treatment.meeting_id == meeting_id, Treatment.sak_id.in_(ids))
    return {t.sak_id: t for t in session.scalars(query)}


def put_treatment(
    session: Session,
    *,
    existing: Treatment | None,
    existing_rank: Rank | None,
    sak_id: int,
    meeting_id: int,
    document: Document,
    position: int,
    text: str,
    proposal: str | None,
    vedtak: str | None,
) -> Treatment:
    """Record a sak's treatment at a meeting; when another document has one, the higher rank leads."""
    if existing is None:
        treatment = Treatment(
            sak_id=sak_id,
            meeting_id=meeting_id,
            document_id=document.id,
            position=position,
            text=text,
            proposal=proposal,
            vedtak=vedtak,
        )
        session.add(treatment)
        return treatment
    mine = document_rank(document)
    if existing_rank is None or mine >= existing_rank:
        # Minutes record what was decided; a case document only fills what the minutes lack.
        existing.vedtak = vedtak if document.kind == "referat" else (vedtak or existing.vedtak)
        existing.proposal = proposal or existing.proposal
        existing.text = text or existing.text
        existing.document_id = document.id
        existing.position = position
    else:
        existing.vedtak = existing.vedtak or vedtak
        existing.proposal = existing.proposal or proposal
        existing.text = existing.text or text
    return existing


def treatment_ranks(session: Session, *, treatments: Iterable[Treatment]) -> dict[int, Rank]:
    """The rank of the document behind each treatment, keyed by treatment id."""
    doc_ids = {t.document_id for t in treatments if t.document_id is not None}
    if not doc_ids:
        return {}
    docs = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(doc_ids)))}
    return {
        t.id: document_rank(docs[t.document_id])
        for t in treatments
        if t.document_id is not None and t.document_id in docs
    }


@dataclass(frozen=True)
class AttendanceIn:
    """One attendance line from minutes, with people already resolved."""

    person_id: int
    status: str
    position: int
    substitute_for_id: int | None = None
    role: str | None = None


def put_minutes_attendance(session: Session, *, meeting_id: int, rows: Sequence[AttendanceIn]) -> list[int]:
    """Write the minutes' attendance; returns the people whose chat-registered line was kept instead."""
    existing = {
        a.person_id: a for a in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id))
    }
    kept: list[int] = []
    for row in rows:
        old = existing.get(row.person_id)
        if old is not None and old.origin == "chat":
            kept.append(row.person_id)
            continue
        if old is None:
            old = Attendance(meeting_id=meeting_id, person_id=row.person_id, origin="minutes")
            session.add(old)
            existing[row.person_id] = old
        old.status = row.status
        old.substitute_for_id = row.substitute_for_id
        old.role = row.role
        old.position = row.position
    return kept


def grant_memberships(session: Session, *, body_id: int, roles: Mapping[int, str]) -> None:
    """Make these people members of the body; a role only ever rises (chair > member > secretariat)."""
    if not roles:
        return
    existing = {
        m.person_id: m
        for m in session.scalars(
            select(Membership).where(Membership.body_id == body_id, Membership.person_id.in_(list(roles)))
        )
    }
    for person_id, role in roles.items():
        old = existing.get(person_id)
        if old is None:
            session.add(Membership(person_id=person_id, body_id=body_id, role=role))
        elif MEMBERSHIP_RANK.get(role, 0) > MEMBERSHIP_RANK.get(old.role, 0):
            old.role = role


def people_named(session: Session, *, names: Iterable[str]) -> dict[str, Person]:
    """People whose name or one of whose aliases is exactly one of `names`."""
    wanted = list(set(names))
    if not wanted:
        return {}
    found = {p.name: p for p in session.scalars(select(Person).where(Person.name.in_(wanted)))}
    rows = session.execute(
        select(PersonAlias.alias, Person).join(Person).where(PersonAlias.alias.in_(wanted))
    ).all()
    for alias, person in rows:
        found.setdefault(alias, person)
    return found


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def people_like(
    session: Session, *, first_last: Iterable[tuple[str, str]]
) -> dict[int, tuple[Person, list[str]]]:
    """People with a name or alias «First … Last», each with all its names (name first, then aliases)."""
    pairs = sorted(set(first_last))
    if not pairs:
        return {}
    patterns = [f"{_like_escape(first)} % {_like_escape(last)}" for first, last in pairs]
    name_hit = [Person.name.like(p, escape="\\") for p in patterns]
    alias_hit = [PersonAlias.alias.like(p, escape="\\") for p in patterns]
    ids = set(session.scalars(select(Person.id).where(or_(*name_hit))))
    ids |= set(session.scalars(select(PersonAlias.person_id).where(or_(*alias_hit))))
    if not ids:
        return {}
    people = {p.id: (p, [p.name]) for p in session.scalars(select(Person).where(Person.id.in_(ids)))}
    for person_id, alias in session.execute(
        select(PersonAlias.person_id, PersonAlias.alias).where(PersonAlias.person_id.in_(ids))
    ):
        people[person_id][1].append(alias)
    return people


def add_person(session: Session, *, name: str, organisation: str | None) -> Person:
    """A new person (flushed, so it has an id)."""
    person = Person(name=name, organisation=organisation)
    session.add(person)
    session.flush()
    return person


def add_alias(session: Session, *, person: Person, alias: str) -> None:
    """Another way of writing this person's name."""
    session.add(PersonAlias(person_id=person.id, alias=alias))


def rename_person(session: Session, *, person: Person, name: str) -> None:
    """Give the person a fuller name; the old one stays as an alias."""
    old = person.name
    person.name = name
    session.flush()  # the new name takes the unique slot before the alias row is written
    add_alias(session, person=person, alias=old)
