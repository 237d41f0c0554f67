"""The channel summary after a meeting's minutes: posted once by the reminder loop, per the body's setting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from handlers import registry, summary
from handlers.services import Services
from handlers.types import Button, Buttons, Invocation
from ingest.load import import_paths
from storage.clock import OSLO
from storage.db import unit_of_work
from storage.models import Body, ChatIdentity, Membership, Person, ReminderPost

from .standin import SlackStandIn
from .world import FakeClock, add_body, add_meeting, scheduler

MINUTES = Path(__file__).resolve().parents[2] / "fixtures" / "chat" / "referat_styringsgruppen_2027-01-14.md"
STAFF = "U0SEKR"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock("2027-01-15T14:00")


@pytest.fixture
def services(db: sessionmaker[Session], clock: FakeClock) -> Services:
    with unit_of_work(db) as session:
        body = add_body(session, "Styringsgruppen", channel="C0STYRING")
        add_meeting(session, body, "2027-02-11", place="Kleivstua")
        person = Person(name="Sigrid Sekretær", organisation="Lier")
        session.add(person)
        session.flush()
        session.add(Membership(person_id=person.id, body_id=body.id, role="secretariat"))
        session.add(
            ChatIdentity(
                platform="slack",
                external_id=STAFF,
                person_id=person.id,
                linked_by="secretariat",
                linked_at=clock(),
            )
        )
    return Services(factory=db, clock=clock, tz=OSLO)


def _import(services: Services, path: Path = MINUTES) -> str | None:
    """What `motebot import` does: the document in, then the summary as the body's setting says."""
    (report,) = import_paths(services.factory, [path], clock=services.clock, tz=services.tz)
    assert report.ok, report
    if report.unchanged:
        return None
    note = summary.after_import(services, kind=report.kind, body=report.body, date=report.date)
    return note.fallback if note else None


def _mode(db: sessionmaker[Session], mode: str) -> None:
    with unit_of_work(db) as session:
        session.scalars(select(Body)).one().summary_mode = mode


def _summary_rows(db: sessionmaker[Session]) -> list[tuple[str, str, str]]:
    with unit_of_work(db) as session:
        rows = session.scalars(select(ReminderPost).where(ReminderPost.kind.like("summary:%")))
        return [(r.kind, r.channel, r.state) for r in rows]


def test_the_summary_is_posted_once_with_vedtak_open_saker_and_next_meeting(
    services: Services, db: sessionmaker[Session], clock: FakeClock, standin: SlackStandIn
) -> None:
    assert _import(services) == "Oppsummering av møtet sendes til kanalen (slack:C0STYRING)."
    loop = scheduler(db, clock, standin)
    result = loop.run_once()
    assert result.posted == 1
    (post,) = standin.posts
    assert post.channel == "C0STYRING"
    assert post.key is not None and post.key.endswith(":summary:2027-01-14")
    blob = json.dumps(post.blocks, ensure_ascii=False)
    assert "Referat: Styringsgruppen, torsdag 14. januar 2027" in blob
    assert "Sak 03/2027 Budsjett for 2027: Budsjettet for 2027 vedtas som framlagt." in blob
    assert "Sak 01/2027 Referat fra møte i Styringsgruppen: Framlagt referat godkjennes." in blob
    assert "Vis vedtak 03/2027" in blob
    # Sak 02 got only a forslag: open, and why.
    assert (
        "Sak 02/2027 Felles innkjøp av lesebrett til skolene: forslag til vedtak, ikke vedtatt ennå:" in blob
    )
    assert "Neste møte: Styringsgruppen, torsdag 11. februar 2027 kl. 10.00–12.30." in blob
    # Another pass, a re-import and a «Publiser» press post nothing more.
    clock.advance(minutes=5)
    assert loop.run_once().posted == 0
    assert _import(services) is None
    again = registry.handle(
        Invocation(platform="slack", user_id=STAFF, text="publiser Styringsgruppen 14.1.2027"), services
    )
    assert again.fallback.startswith("Oppsummeringen av Styringsgruppen, torsdag 14. januar 2027")
    assert "er allerede sendt" in again.fallback
    assert loop.run_once().posted == 0
    assert len(standin.posts) == 1
    assert _summary_rows(db) == [("summary:2027-01-14", "slack:C0STYRING", "posted")]


def test_off_posts_nothing(
    services: Services, db: sessionmaker[Session], clock: FakeClock, standin: SlackStandIn
) -> None:
    _mode(db, "off")
    assert _import(services) is None
    assert scheduler(db, clock, standin).run_once().posted == 0
    assert standin.posts == [] and _summary_rows(db) == []


def test_publish_waits_for_the_button_and_posts_once(
    services: Services, db: sessionmaker[Session], clock: FakeClock, standin: SlackStandIn
) -> None:
    reply = registry.handle(
        Invocation(platform="slack", user_id=STAFF, text="oppsummering ved publisering"), services
    )
    assert (
        reply.fallback == "Styringsgruppen: oppsummeringen sendes først når sekretariatet trykker «Publiser»."
    )
    note = summary.after_import(services, kind="referat", body="Styringsgruppen", date=None)
    assert note is None
    (report,) = import_paths(services.factory, [MINUTES], clock=services.clock, tz=services.tz)
    waiting = summary.after_import(services, kind=report.kind, body=report.body, date=report.date)
    assert waiting is not None and "venter på «Publiser»" in waiting.fallback
    loop = scheduler(db, clock, standin)
    assert loop.run_once().posted == 0
    (button,) = [b for e in waiting.elements if isinstance(e, Buttons) for b in e.items]
    assert isinstance(button, Button) and button.action == "publiser"
    pressed = registry.handle(
        Invocation(platform="slack", user_id=STAFF, text=button.value, command=button.action), services
    )
    assert pressed.fallback.startswith("Oppsummeringen av Styringsgruppen, torsdag 14. januar 2027")
    again = registry.handle(
        Invocation(platform="slack", user_id=STAFF, text=button.value, command=button.action), services
    )
    assert "allerede sendt" in again.fallback
    assert loop.run_once().posted == 1
    assert len(standin.posts) == 1


def test_a_member_cannot_publish(
    services: Services, db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    _mode(db, "publish")
    _import(services)
    with unit_of_work(db) as session:
        member = Person(name="Åse Annen", organisation="Hole")
        session.add(member)
        session.flush()
        session.add(Membership(person_id=member.id, body_id=1, role="member"))
        session.add(
            ChatIdentity(
                platform="slack",
                external_id="U0MEDLEM",
                person_id=member.id,
                linked_by="email",
                linked_at=services.clock(),
            )
        )
    reply = registry.handle(
        Invocation(platform="slack", user_id="U0MEDLEM", text="publiser meeting:1"), services
    )
    assert reply.kind == "refusal" and reply.fallback.startswith("Dette kan bare sekretariatet gjøre.")
    assert _summary_rows(db) == []


def test_minutes_of_an_old_meeting_are_not_announced(
    services: Services, db: sessionmaker[Session], clock: FakeClock, standin: SlackStandIn
) -> None:
    clock.set("2027-06-01T12:00")  # a catch-up import, months later
    assert _import(services) is None
    assert _summary_rows(db) == []
