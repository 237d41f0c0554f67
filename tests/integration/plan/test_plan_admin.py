"""`plan add|move|cancel|list` and `channels set`: what they store, and refusals that change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from handlers import plan_admin
from handlers.services import Services
from handlers.types import BadInput, DomainError, NotFound
from storage.clock import OSLO, fixed_clock, parse_when
from storage.db import unit_of_work
from storage.models import Attendance, Body, Channel, Document, Meeting, PlanEntry, ReminderPost
from tests.integration.reminders.world import add_absence, add_body, add_meeting

NOW = "2027-01-04T12:00"


@pytest.fixture
def services(db: sessionmaker[Session]) -> Services:
    with unit_of_work(db) as session:
        add_body(session, "Styringsgruppen", channel="C0STYRING")
        add_body(session, "Rådmannsgruppen")
    return Services(factory=db, clock=fixed_clock(parse_when(NOW)), tz=OSLO)


def _snapshot(db: sessionmaker[Session]) -> list[tuple[object, ...]]:
    with unit_of_work(db) as session:
        meetings = session.execute(
            select(
                Meeting.body_id,
                Meeting.date,
                Meeting.starts_at,
                Meeting.ends_at,
                Meeting.location,
                Meeting.status,
            ).order_by(Meeting.id)
        ).all()
        posts = session.execute(select(ReminderPost.kind, ReminderPost.channel)).all()
        channels = session.execute(select(Channel.body_id, Channel.platform, Channel.channel_id)).all()
    return [tuple(r) for r in [*meetings, *posts, *channels]]


def _body(session: Session, name: str = "Styringsgruppen") -> Body:
    return session.scalars(select(Body).where(Body.name == name)).one()


def _move(
    s: Services,
    date: str = "2027-01-14",
    *,
    body: str = "Styringsgruppen",
    to: str | None = None,
    time: str | None = None,
    place: str | None = None,
) -> object:
    return plan_admin.move(s, body=body, date=date, to=to, time=time, place=place)


def _meeting(db: sessionmaker[Session], day: str) -> Meeting:
    with unit_of_work(db) as session:
        return session.scalars(select(Meeting).where(Meeting.date == dt.date.fromisoformat(day))).one()


def test_add_stores_times_in_utc_and_marks_the_secretariat(
    services: Services, db: sessionmaker[Session]
) -> None:
    reply = plan_admin.add(
        services, body="styringsgruppen", date="14.01.2027", time="10:00-12:30", place="Lier"
    )
    assert reply.fallback == "Lagt til: Styringsgruppen, torsdag 14. januar 2027 kl. 10.00–12.30."
    meeting = _meeting(db, "2027-01-14")
    assert meeting.starts_at == dt.datetime(2027, 1, 14, 9, 0, tzinfo=dt.UTC)  # CET
    assert meeting.ends_at == dt.datetime(2027, 1, 14, 11, 30, tzinfo=dt.UTC)
    assert (meeting.location, meeting.status, meeting.set_by_secretariat) == ("Lier", "planned", True)
    again = plan_admin.add(
        services, body="Styringsgruppen", date="2027-01-14", time="10:00-12:30", place="Lier"
    )
    assert again.fallback.startswith("Uendret:")
    summer = plan_admin.add(services, body="Styringsgruppen", date="2027-06-10", time="10:00", place=None)
    assert "kl. 10.00" in summer.fallback
    assert _meeting(db, "2027-06-10").starts_at == dt.datetime(2027, 6, 10, 8, 0, tzinfo=dt.UTC)  # CEST


def test_add_takes_over_a_meeting_from_the_documents(services: Services, db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as session:
        add_meeting(session, _body(session), "2027-02-11", start=None, end=None, place=None)
    reply = plan_admin.add(
        services, body="Styringsgruppen", date="2027-02-11", time="09:00-11:00", place=None
    )
    assert reply.fallback.startswith("Oppdatert:")
    assert _meeting(db, "2027-02-11").set_by_secretariat is True


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"date": "2027-02-30"}, BadInput, "«2027-02-30» er ikke en gyldig dato"),
        ({"date": "31.04.2027"}, BadInput, "«31.04.2027» er ikke en gyldig dato"),
        ({"date": "i morgen"}, BadInput, "«i morgen» er ikke en gyldig dato"),
        ({"time": "25:00-26:00"}, BadInput, "«25:00» er ikke et gyldig klokkeslett"),
        ({"time": "10:61"}, BadInput, "«10:61» er ikke et gyldig klokkeslett"),
        ({"time": "12:30-10:00"}, BadInput, "Møtet kan ikke slutte kl. 10.00 når det begynner kl. 12.30."),
        ({"time": "10:00-10:00"}, BadInput, "kan ikke slutte"),
        ({"body": "Styringsgrupen"}, NotFound, "Jeg kjenner ikke organet «Styringsgrupen»."),
        ({"date": "2027-01-03"}, BadInput, "har allerede vært"),
        # The spring change: 02:00-03:00 does not exist on 28 March 2027.
        (
            {"date": "2027-03-28", "time": "02:30-04:00"},
            BadInput,
            "Klokka 02.30 finnes ikke søndag 28. mars 2027",
        ),
    ],
)
def test_add_refuses_bad_input_and_changes_nothing(
    services: Services,
    db: sessionmaker[Session],
    kwargs: dict[str, str],
    error: type[DomainError],
    message: str,
) -> None:
    args = {"body": "Styringsgruppen", "date": "2027-01-14", "time": "10:00-12:00", "place": None} | kwargs
    before = _snapshot(db)
    with pytest.raises(error) as caught:
        plan_admin.add(services, **args)  # type: ignore[arg-type]
    assert message in caught.value.message
    assert _snapshot(db) == before


def test_unknown_body_suggests_the_nearest(services: Services) -> None:
    with pytest.raises(NotFound) as caught:
        plan_admin.add(services, body="Styringsgrupen", date="2027-01-14", time=None, place=None)
    assert caught.value.suggestions[0] == "Styringsgruppen"
    assert "Kjente organer: Rådmannsgruppen og Styringsgruppen." in caught.value.message


def test_move_keeps_the_meeting_and_its_forfall(services: Services, db: sessionmaker[Session]) -> None:
    plan_admin.add(services, body="Styringsgruppen", date="2027-01-14", time="10:00-12:30", place="Lier")
    meeting = _meeting(db, "2027-01-14")
    with unit_of_work(db) as session:
        add_absence(session, session.get(Meeting, meeting.id), "Kari Nordmann")  # type: ignore[arg-type]
    reply = plan_admin.move(
        services, body="Styringsgruppen", date="2027-01-14", to="2027-01-21", time=None, place="Hole"
    )
    assert "Flyttet: Styringsgruppen torsdag 14. januar 2027 kl. 10.00–12.30 er nå" in reply.fallback
    moved = _meeting(db, "2027-01-21")
    assert moved.id == meeting.id
    assert moved.starts_at == dt.datetime(
        2027, 1, 21, 9, 0, tzinfo=dt.UTC
    )  # the wall-clock time carried over
    assert moved.location == "Hole"
    with unit_of_work(db) as session:
        kinds = session.scalars(select(ReminderPost.kind).where(ReminderPost.meeting_id == meeting.id)).all()
        assert session.scalar(select(func.count()).where(Attendance.meeting_id == meeting.id)) == 1
    assert kinds == ["moved:1:2027-01-14>2027-01-21"]
    plan_admin.move(
        services, body="Styringsgruppen", date="2027-01-21", to=None, time="13:00-14:00", place=None
    )
    plan_admin.move(
        services, body="Styringsgruppen", date="2027-01-21", to="2027-01-14", time=None, place=None
    )
    with unit_of_work(db) as session:
        kinds = session.scalars(
            select(ReminderPost.kind).where(ReminderPost.meeting_id == meeting.id).order_by(ReminderPost.id)
        ).all()
    assert kinds[1:] == ["moved:2:2027-01-21>2027-01-21", "moved:3:2027-01-21>2027-01-14"]


def test_move_leaves_a_marker_where_a_plan_line_still_names_the_old_day(
    services: Services, db: sessionmaker[Session]
) -> None:
    plan_admin.add(services, body="Styringsgruppen", date="2027-01-14", time=None, place=None)
    with unit_of_work(db) as session:
        meeting = session.scalars(select(Meeting)).one()
        doc = Document(
            file_name="referat.txt", content_hash="x", kind="referat", doc_date=dt.date(2026, 12, 1),
            imported_at=parse_when(NOW),
        )  # fmt: skip
        session.add(doc)
        session.flush()
        session.add(
            PlanEntry(document_id=doc.id, body_id=meeting.body_id, date=meeting.date, line_no=3, raw="14.1")
        )
    plan_admin.move(
        services, body="Styringsgruppen", date="2027-01-14", to="2027-01-21", time=None, place=None
    )
    marker = _meeting(db, "2027-01-14")
    assert (marker.status, marker.set_by_secretariat) == ("cancelled", True)
    # Moving back onto the marker is allowed: it holds nothing.
    plan_admin.move(
        services, body="Styringsgruppen", date="2027-01-21", to="2027-01-14", time=None, place=None
    )
    assert _meeting(db, "2027-01-14").status == "planned"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda s: _move(s, "2027-01-15", to="2027-01-22"),
         NotFound, "Styringsgruppen har ikke noe møte fredag 15. januar 2027. Ingenting er endret."),
        (lambda s: plan_admin.cancel(s, body="Styringsgruppen", date="2027-01-15"),
         NotFound, "har ikke noe møte"),
        (lambda s: _move(s),
         BadInput, "Si hva som skal endres"),
        (lambda s: _move(s, to="2027-01-28"),
         BadInput, "Styringsgruppen har allerede et møte torsdag 28. januar 2027."),
        (lambda s: _move(s, to="2027-02-29"),
         BadInput, "ikke en gyldig dato"),
        (lambda s: _move(s, time="11-12"),
         BadInput, "ikke et gyldig klokkeslett"),
        (lambda s: _move(s, body="Ukjent", to="2027-01-21"),
         NotFound, "Jeg kjenner ikke organet «Ukjent»."),
        (lambda s: plan_admin.cancel(s, body="Styringsgruppen", date="2026-12-10"),
         BadInput, "er allerede holdt"),
    ],
)  # fmt: skip
def test_move_and_cancel_refuse_and_change_nothing(
    services: Services, db: sessionmaker[Session], call: object, error: type[DomainError], message: str
) -> None:
    plan_admin.add(services, body="Styringsgruppen", date="2027-01-14", time="10:00-12:00", place=None)
    plan_admin.add(services, body="Styringsgruppen", date="2027-01-28", time="10:00-12:00", place=None)
    with unit_of_work(db) as session:
        add_meeting(session, _body(session), "2026-12-10", status="held")
    before = _snapshot(db)
    with pytest.raises(error) as caught:
        call(services)  # type: ignore[operator]
    assert message in caught.value.message
    assert _snapshot(db) == before


def test_cancel_twice_is_refused(services: Services) -> None:
    plan_admin.add(services, body="Styringsgruppen", date="2027-01-14", time=None, place=None)
    plan_admin.cancel(services, body="Styringsgruppen", date="2027-01-14")
    with pytest.raises(BadInput, match="er avlyst"):
        plan_admin.cancel(services, body="Styringsgruppen", date="2027-01-14")
    assert plan_admin.add(
        services, body="Styringsgruppen", date="2027-01-14", time=None, place=None
    ).fallback.startswith("Lagt inn igjen:")


def test_list_shows_status_and_origin(services: Services) -> None:
    plan_admin.add(services, body="Styringsgruppen", date="2027-01-14", time="10:00-12:00", place="Lier")
    plan_admin.add(services, body="Rådmannsgruppen", date="2027-01-07", time=None, place=None)
    plan_admin.cancel(services, body="Rådmannsgruppen", date="2027-01-07")
    reply = plan_admin.listing(services, body=None)
    items = reply.elements[1].items  # type: ignore[union-attr]
    assert items == (
        "torsdag 7. januar 2027: Rådmannsgruppen [avlyst, satt av sekretariatet]",
        "torsdag 14. januar 2027 kl. 10.00–12.00: Styringsgruppen, Lier [planlagt, satt av sekretariatet]",
    )
    only = plan_admin.listing(services, body="rådmannsgruppen")
    assert only.elements[0].text == "Møteplan for Rådmannsgruppen"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "target", ["slack:", "slack:#general", "C0123", "email:x@y.no", "teams:", "slack:c0lower"]
)
def test_channels_set_refuses_what_is_not_a_channel(
    services: Services, db: sessionmaker[Session], target: str
) -> None:
    before = _snapshot(db)
    with pytest.raises(BadInput, match="er ikke en kanal"):
        plan_admin.set_channel(services, body="Styringsgruppen", target=target)
    assert _snapshot(db) == before


def test_channels_set_and_replace(services: Services) -> None:
    reply = plan_admin.set_channel(services, body="Rådmannsgruppen", target="slack:C0RADMANN")
    assert reply.fallback == "Påminnelser for Rådmannsgruppen går nå til slack:C0RADMANN."
    reply = plan_admin.set_channel(services, body="Styringsgruppen", target="slack:C0NYKANAL")
    assert (
        reply.fallback == "Påminnelser for Styringsgruppen går nå til slack:C0NYKANAL (før: slack:C0STYRING)."
    )
    teams = plan_admin.set_channel(services, body="Styringsgruppen", target="teams:19:abc@thread.tacv2")
    assert "Teams-samtalen er ikke kjent ennå" in repr(teams)
    listed = plan_admin.list_channels(services)
    assert listed.elements[0].items == (  # type: ignore[union-attr]
        "Rådmannsgruppen: slack:C0RADMANN",
        "Styringsgruppen: slack:C0NYKANAL",
        "Styringsgruppen: teams:19:abc@thread.tacv2",
    )
