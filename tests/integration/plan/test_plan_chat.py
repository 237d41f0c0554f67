"""The møteplan in chat: new, moved and cancelled meetings (the last two behind a button), channels, times."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from handlers import registry
from handlers.services import Services
from handlers.types import Button, Buttons, Invocation, Reply
from storage.clock import OSLO, fixed_clock, parse_when
from storage.db import unit_of_work
from storage.models import Body, Channel, ChatIdentity, Meeting, Membership, Person, ReminderPost
from tests.integration.plan.test_plan_admin import _snapshot
from tests.integration.reminders.world import add_body, add_meeting

NOW = "2027-01-04T12:00"
STAFF, MEMBER = "U0SEKR", "U0MEDLEM"


@pytest.fixture
def services(db: sessionmaker[Session]) -> Services:
    with unit_of_work(db) as session:
        styring = add_body(session, "Styringsgruppen", channel="C0STYRING")
        add_body(session, "Rådmannsgruppen")
        add_meeting(session, styring, "2027-01-14")  # Thursday 10:00–12:30, Drammen rådhus
        for name, user, role in (
            ("Sigrid Sekretær", STAFF, "secretariat"),
            ("Mats Medlem", MEMBER, "member"),
        ):
            person = Person(name=name, organisation="Lier")
            session.add(person)
            session.flush()
            session.add(Membership(person_id=person.id, body_id=styring.id, role=role))
            session.add(
                ChatIdentity(
                    platform="slack",
                    external_id=user,
                    person_id=person.id,
                    linked_by="secretariat",
                    linked_at=parse_when(NOW),
                )
            )
    return Services(factory=db, clock=fixed_clock(parse_when(NOW)), tz=OSLO)


def say(
    services: Services, text: str, *, user: str = STAFF, channel: str = "D0DM", direct: bool = True
) -> Reply:
    return registry.handle(
        Invocation(platform="slack", user_id=user, text=text, channel_id=channel, is_direct=direct), services
    )


def press(services: Services, button: Button, *, user: str = STAFF) -> Reply:
    inv = Invocation(
        platform="slack", user_id=user, text=button.value, command=button.action, channel_id="D0DM"
    )
    return registry.handle(inv, services)


def buttons(reply: Reply) -> list[Button]:
    return [b for e in reply.elements if isinstance(e, Buttons) for b in e.items]


def meetings(db: sessionmaker[Session]) -> list[tuple[str, str, str | None, str | None]]:
    with unit_of_work(db) as session:
        rows = session.scalars(select(Meeting).order_by(Meeting.date))
        return [
            (
                m.date.isoformat(),
                m.status,
                m.starts_at.astimezone(OSLO).strftime("%H:%M") if m.starts_at else None,
                m.location,
            )
            for m in rows
        ]


def kinds(db: sessionmaker[Session]) -> list[tuple[str, str]]:
    with unit_of_work(db) as session:
        return [(p.kind, p.channel) for p in session.scalars(select(ReminderPost).order_by(ReminderPost.id))]


def test_new_meeting_from_a_sentence(services: Services, db: sessionmaker[Session]) -> None:
    reply = say(services, "nytt møte i styringsgruppen 14.6 kl 10 på Kleivstua")
    assert reply.kind == "answer", reply
    assert reply.fallback == "Lagt til: Styringsgruppen, mandag 14. juni 2027 kl. 10.00."
    assert ("2027-06-14", "planned", "10:00", "Kleivstua") in meetings(db)
    span = say(services, "nytt møte i rådmannsgruppen 3.2 kl 9.30-11 på Lier rådhus")
    assert span.fallback == "Lagt til: Rådmannsgruppen, onsdag 3. februar 2027 kl. 09.30–11.00."
    with unit_of_work(db) as session:
        added = session.scalars(select(Meeting).where(Meeting.date == dt.date(2027, 2, 3))).one()
        assert added.body.name == "Rådmannsgruppen" and added.set_by_secretariat
        assert added.ends_at == dt.datetime(2027, 2, 3, 10, 0, tzinfo=dt.UTC)


def test_move_asks_first_then_moves_and_the_reminders_follow(
    services: Services, db: sessionmaker[Session]
) -> None:
    before = _snapshot(db)
    ask = say(services, "flytt møtet 14.1 til 21.1")
    assert ask.fallback.startswith(
        "Flytte Styringsgruppen, torsdag 14. januar 2027 kl. 10.00–12.30 til torsdag 21."
    )
    assert _snapshot(db) == before  # nothing moves before the button
    move, no = buttons(ask)
    assert no.action == "plan-avbryt"
    assert press(services, no).fallback == "Greit, ingenting er endret."
    done = press(services, move)
    assert done.fallback.startswith("Flyttet: Styringsgruppen torsdag 14. januar 2027 kl. 10.00–12.30 er nå")
    assert ("2027-01-21", "planned", "10:00", "Drammen rådhus") in meetings(db)
    assert kinds(db) == [("moved:1:2027-01-14>2027-01-21", "slack:C0STYRING")]
    # A second press (or a retry) changes nothing.
    again = press(services, move)
    assert again.kind == "refusal" and "gjelder ikke lenger" in again.fallback
    assert kinds(db) == [("moved:1:2027-01-14>2027-01-21", "slack:C0STYRING")]


def test_move_to_a_time_only_and_a_moved_reminder_that_is_due(
    services: Services, db: sessionmaker[Session]
) -> None:
    # The 7-day reminder of 14.1 fell due on 7.1; moving to 8.1 on 4.1 makes the 1-day one due
    # only later, so only the notice is queued now.
    (move, _) = buttons(say(services, "flytt møtet 14.1 til kl 13.00–15.00"))
    done = press(services, move)
    assert "kl. 13.00–15.00" in done.fallback
    assert ("2027-01-14", "planned", "13:00", "Drammen rådhus") in meetings(db)


def test_cancel_asks_first_then_cancels_and_no_reminder_follows(
    services: Services, db: sessionmaker[Session]
) -> None:
    ask = say(services, "avlys møtet 14.1")
    assert ask.fallback.startswith("Avlyse Styringsgruppen, torsdag 14. januar 2027")
    assert meetings(db)[0][1] == "planned"
    cancel, _ = buttons(ask)
    assert cancel.style == "danger"
    assert press(services, cancel).fallback.startswith("Avlyst: Styringsgruppen, torsdag 14. januar 2027")
    assert meetings(db)[0][1] == "cancelled"
    assert kinds(db) == [("cancelled:2027-01-14", "slack:C0STYRING")]
    assert press(services, cancel).kind == "refusal"
    assert kinds(db) == [("cancelled:2027-01-14", "slack:C0STYRING")]


@pytest.mark.parametrize(
    "text",
    [
        "nytt møte i styringsgruppen 14.6 kl 10 på Kleivstua",
        "flytt møtet 14.1 til 21.1",
        "avlys møtet 14.1",
        "påminnelser her",
        "påminnelser 3 dager før kl 8",
    ],
)
def test_a_member_is_refused_politely_and_nothing_changes(
    services: Services, db: sessionmaker[Session], text: str
) -> None:
    before = _snapshot(db)
    reply = say(services, text, user=MEMBER, channel="C0ANNEN", direct=False)
    assert reply.kind == "refusal"
    assert reply.fallback.startswith("Dette kan bare sekretariatet gjøre.")
    assert _snapshot(db) == before
    with unit_of_work(db) as session:
        assert session.scalars(select(Body.reminder_offsets).where(Body.name == "Styringsgruppen")).one() == [
            7,
            1,
        ]


def test_a_forged_confirmation_by_a_member_is_refused(services: Services, db: sessionmaker[Session]) -> None:
    (move, _) = buttons(say(services, "flytt møtet 14.1 til 21.1"))
    before = _snapshot(db)
    assert press(services, move, user=MEMBER).kind == "refusal"
    assert _snapshot(db) == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("flytt møtet 15.1 til 16.1", "Styringsgruppen har ikke noe møte fredag 15. januar 2027."),
        ("flytt møtet 14.1", "Hva skal møtet flyttes til?"),
        ("avlys møtet", "Jeg fant ingen dato"),
        ("avlys møtet 31.2", "«31.2» er ikke en dato som finnes."),
        ("nytt møte i styringsgruppen 14.6 kl 25", "«25:00» er ikke et klokkeslett."),
        ("nytt møte i styringsgruppen 2.1.2027 kl 10", "har allerede vært"),
        ("påminnelser 90 dager før", "Jeg forstod ikke tidene."),
        ("påminnelser her", "ikke i en direktemelding"),
    ],
)
def test_bad_input_gets_norwegian_and_changes_nothing(
    services: Services, db: sessionmaker[Session], text: str, expected: str
) -> None:
    before = _snapshot(db)
    reply = say(services, text)
    assert reply.kind == "refusal", reply
    assert expected in reply.fallback
    assert _snapshot(db) == before


def test_reminders_here_points_the_body_at_this_channel(
    services: Services, db: sessionmaker[Session]
) -> None:
    reply = say(services, "påminnelser her", channel="C0NYKANAL", direct=False)
    assert (
        reply.fallback == "Påminnelser for Styringsgruppen går nå til slack:C0NYKANAL (før: slack:C0STYRING)."
    )
    with unit_of_work(db) as session:
        assert [c.channel_id for c in session.scalars(select(Channel))] == ["C0NYKANAL"]
    other = say(services, "påminnelser her for rådmannsgruppen", channel="C0RAADMANN", direct=False)
    assert other.fallback == "Påminnelser for Rådmannsgruppen går nå til slack:C0RAADMANN."


def test_reminder_times_change_and_the_due_one_is_queued(
    services: Services, db: sessionmaker[Session]
) -> None:
    reply = say(services, "påminnelser 14, 10 og 1 dager før kl 8")
    assert (
        reply.fallback == "Påminnelser for Styringsgruppen: 14 dager, 10 dager og 1 dag før møtet, kl. 08.00."
    )
    with unit_of_work(db) as session:
        body = session.scalars(select(Body).where(Body.name == "Styringsgruppen")).one()
        assert (body.reminder_offsets, body.reminder_time) == ([14, 10, 1], "08:00")
    # 10 days before 14.1 at 08:00 is 4.1 08:00, already past at noon: it goes with the next pass.
    assert kinds(db) == [("before:10:2027-01-14", "slack:C0STYRING")]
    same = say(services, "påminnelser 14 10 1 dager før kl 08.00")
    assert same.fallback.startswith("Påminnelsene for Styringsgruppen er allerede")
    assert kinds(db) == [("before:10:2027-01-14", "slack:C0STYRING")]
