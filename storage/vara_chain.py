"""The vara chain: after a forfall, the group's vara are asked in order until one says yes.

Every step is one transaction with a conditional write first (a new request under a unique key,
or `UPDATE … WHERE state = 'asked'`), and the notice it sends is written in the same transaction:
two replicas, a retried delivery or a restart give each step, and its message, exactly once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage import notices, turnout
from storage.models import Attendance, Body, Meeting, Membership, Person
from storage.models_secretariat import VaraRequest
from storage.vara_times import deadline as deadline
from storage.vara_times import meeting_start as meeting_start

LIVE = ("asked", "yes")


@dataclass(frozen=True)
class Started:
    """What a forfall set going: `asked` names the vara asked, or why nobody was."""

    outcome: str  # asked | exhausted | off | no-group | late | named-free
    vara_name: str | None = None


def _seat(session: Session, body_id: int, person_id: int) -> Membership | None:
    return session.scalar(
        select(Membership).where(Membership.body_id == body_id, Membership.person_id == person_id)
    )


def next_vara(session: Session, *, meeting: Meeting, member_id: int, sak_key: int) -> int | None:
    """The first vara of the member's group not yet asked for this absence, not coming nor absent."""
    seat = _seat(session, meeting.body_id, member_id)
    if seat is None or seat.seat_group is None:
        return None
    busy = set(session.scalars(select(Attendance.person_id).where(Attendance.meeting_id == meeting.id)))
    asked = session.execute(
        select(VaraRequest.vara_id, VaraRequest.member_id, VaraRequest.sak_key, VaraRequest.state).where(
            VaraRequest.meeting_id == meeting.id
        )
    ).all()
    for vara_id, m, s, state in asked:
        if (m == member_id and s == sak_key) or state in LIVE:
            busy.add(vara_id)
    candidates = session.scalars(
        select(Membership.person_id)
        .where(
            Membership.body_id == meeting.body_id,
            Membership.role == "vara",
            Membership.seat_group == seat.seat_group,
        )
        .order_by(Membership.vara_order, Membership.person_id)
    ).all()
    return next((c for c in candidates if c not in busy), None)


def ask(
    session: Session,
    *,
    meeting: Meeting,
    member_id: int,
    vara_id: int,
    sak_key: int,
    now: dt.datetime,
    named: bool = False,
) -> VaraRequest | None:
    """Ask one vara (the request and its DM); None when this vara was already asked for this absence."""
    body = session.get(Body, meeting.body_id)
    assert body is not None
    step = 1 + len(
        session.scalars(
            select(VaraRequest.id).where(
                VaraRequest.meeting_id == meeting.id,
                VaraRequest.member_id == member_id,
                VaraRequest.sak_key == sak_key,
            )
        ).all()
    )
    request = VaraRequest(
        meeting_id=meeting.id,
        member_id=member_id,
        vara_id=vara_id,
        sak_key=sak_key,
        step=step,
        named=named,
        state="asked",
        asked_at=now,
        deadline=deadline(body, meeting, now),
    )
    try:
        with session.begin_nested():
            session.add(request)
    except IntegrityError:
        return None
    notices.enqueue(
        session,
        key=f"vara-ask:{request.id}",
        kind="vara-ask",
        meeting_id=meeting.id,
        now=now,
        person_id=vara_id,
        payload={"request": request.id},
    )
    return request


def advance(session: Session, *, meeting: Meeting, member_id: int, sak_key: int, now: dt.datetime) -> Started:
    """Ask the next vara; with none left (or too late), tell the secretariat at once."""
    body = session.get(Body, meeting.body_id)
    assert body is not None
    vara_id = next_vara(session, meeting=meeting, member_id=member_id, sak_key=sak_key)
    late = deadline(body, meeting, now) <= now
    if vara_id is not None and not late:
        request = ask(
            session, meeting=meeting, member_id=member_id, vara_id=vara_id, sak_key=sak_key, now=now
        )
        if request is not None:
            return Started("asked", session.get(Person, vara_id).name if vara_id else None)  # type: ignore[union-attr]
    kind = "vara-late" if late and vara_id is not None else "vara-none"
    notices.to_secretariat(
        session,
        key=f"{kind}:{meeting.id}:{member_id}:{sak_key}",
        kind=kind,
        body_id=body.id,
        meeting_id=meeting.id,
        now=now,
        payload={"member": member_id, "sak_id": sak_key},
    )
    return Started("late" if kind == "vara-late" else "exhausted")


def start(
    session: Session,
    *,
    meeting_id: int,
    member_id: int,
    now: dt.datetime,
    named: str | None = None,
    sak_key: int = 0,
) -> Started:
    """A forfall (or inhabil) registered: ask the named vara, or the first of the group."""
    meeting = session.get(Meeting, meeting_id)
    assert meeting is not None
    body = session.get(Body, meeting.body_id)
    assert body is not None
    seat = _seat(session, body.id, member_id)
    if not body.vara_chain or seat is None or seat.role not in ("member", "chair", "vice_chair"):
        return Started("off")
    live = session.scalar(
        select(VaraRequest.id).where(
            VaraRequest.meeting_id == meeting_id,
            VaraRequest.member_id == member_id,
            VaraRequest.sak_key == sak_key,
            VaraRequest.state.in_(LIVE),
        )
    )
    if live is not None:
        return Started("asked")  # a repeat of the same forfall: the chain already runs
    if named:
        person = session.scalar(select(Person).where(Person.name.ilike(named.strip())))
        if person is None:
            return Started("named-free", named)
        request = ask(
            session,
            meeting=meeting,
            member_id=member_id,
            vara_id=person.id,
            sak_key=sak_key,
            now=now,
            named=True,
        )
        if request is not None:
            return Started("asked", person.name)
    if seat.seat_group is None:
        return Started("no-group")
    return advance(session, meeting=meeting, member_id=member_id, sak_key=sak_key, now=now)


def answer(
    session: Session, *, request_id: int, yes: bool, by_id: int, now: dt.datetime
) -> tuple[str, VaraRequest | None]:
    """A vara's (or the secretariat's) answer: («recorded» | «late» | «gone», the request)."""
    request = session.get(VaraRequest, request_id)
    if request is None:
        return "gone", None
    done = session.execute(
        update(VaraRequest)
        .where(VaraRequest.id == request_id, VaraRequest.state == "asked")
        .values(state="yes" if yes else "no", answered_at=now, answered_by_id=by_id)
    ).rowcount  # type: ignore[attr-defined]
    session.refresh(request)
    if not done:
        return ("late" if request.state == "timeout" else "gone"), request
    meeting = session.get(Meeting, request.meeting_id)
    assert meeting is not None
    if yes:
        _attend(session, request, now)
        for kind, person in (("vara-yes-member", request.member_id),):
            notices.enqueue(
                session,
                key=f"{kind}:{request.id}",
                kind=kind,
                meeting_id=meeting.id,
                now=now,
                person_id=person,
                payload={"request": request.id},
            )
        notices.to_secretariat(
            session,
            key=f"vara-yes:{request.id}",
            kind="vara-yes",
            body_id=meeting.body_id,
            meeting_id=meeting.id,
            now=now,
            payload={"request": request.id},
        )
        turnout.check(session, meeting_id=meeting.id, now=now)
    else:
        advance(session, meeting=meeting, member_id=request.member_id, sak_key=request.sak_key, now=now)
    return "recorded", request


def _attend(session: Session, request: VaraRequest, now: dt.datetime) -> None:
    """The vara's attendance row: present, in the member's place, registered through the chat."""
    row = session.scalar(
        select(Attendance).where(
            Attendance.meeting_id == request.meeting_id, Attendance.person_id == request.vara_id
        )
    )
    if row is None:
        row = Attendance(meeting_id=request.meeting_id, person_id=request.vara_id, position=0)
        session.add(row)
    row.status, row.origin, row.substitute_for_id = "present", "chat", request.member_id
    row.registered_by_id, row.registered_at = request.answered_by_id, now
    session.flush()


def expire(session: Session, *, now: dt.datetime) -> int:
    """Requests unanswered by their deadline: timed out, and the next vara asked. Returns how many."""
    rows = session.execute(
        update(VaraRequest)
        .where(VaraRequest.state == "asked", VaraRequest.deadline <= now)
        .values(state="timeout")
        .returning(VaraRequest.meeting_id, VaraRequest.member_id, VaraRequest.sak_key)
    ).all()
    for meeting_id, member_id, sak_key in sorted(rows):
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        advance(session, meeting=meeting, member_id=member_id, sak_key=sak_key, now=now)
    return len(rows)


def withdraw(session: Session, *, meeting_id: int, member_id: int, now: dt.datetime) -> int:
    """A withdrawn forfall: live requests end, and the vara asked or coming are told they are not needed."""
    rows = session.execute(
        update(VaraRequest)
        .where(
            VaraRequest.meeting_id == meeting_id,
            VaraRequest.member_id == member_id,
            VaraRequest.sak_key == 0,
            VaraRequest.state.in_(LIVE),
        )
        .values(state="withdrawn", answered_at=now)
        .returning(VaraRequest.id, VaraRequest.vara_id)
    ).all()
    for request_id, vara_id in rows:
        session.execute(
            delete(Attendance).where(
                Attendance.meeting_id == meeting_id,
                Attendance.person_id == vara_id,
                Attendance.substitute_for_id == member_id,
                Attendance.origin == "chat",
            )
        )
        notices.enqueue(
            session,
            key=f"vara-off:{request_id}",
            kind="vara-off",
            meeting_id=meeting_id,
            now=now,
            person_id=vara_id,
            payload={"request": request_id},
        )
    return len(rows)
