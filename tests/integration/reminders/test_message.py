"""The reminder itself: meeting, saksliste, forfall names (never reasons), «Meld forfall»; as posted."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from handlers import reminders
from handlers.types import BulletList, Buttons, Facts, Heading, Note, Text
from storage.clock import OSLO
from storage.db import unit_of_work

from .standin import SlackStandIn
from .world import FakeClock, add_absence, add_body, add_meeting, add_sak, scheduler


def _world(db: sessionmaker[Session]) -> int:
    with unit_of_work(db) as session:
        body = add_body(session, "Styringsgruppen", channel="C0STYRING")
        meeting = add_meeting(session, body, "2027-01-14", place="Lier rådhus, møterom 2")
        add_sak(session, meeting, 1, 2027, "Godkjenning av innkalling", position=1)
        add_sak(session, meeting, 2, 2027, "Status kommunehelsesamarbeidet", position=2)
        add_absence(session, meeting, "Kari Nordmann", reason="sykehusinnleggelse")
        return meeting.id


def test_reminder_reply(db: sessionmaker[Session]) -> None:
    meeting_id = _world(db)
    clock = FakeClock("2027-01-07T09:00")
    with unit_of_work(db) as session:
        reply = reminders.compose(
            session,
            meeting_id=meeting_id,
            kind="before:7:2027-01-14",
            channel="slack:C0STYRING",
            now=clock(),
            tz=OSLO,
        )
    assert not isinstance(reply, reminders.Skip)
    assert reply.private is False
    heading, facts, agenda, absent, buttons, note = reply.elements
    assert heading == Heading("Påminnelse: møte i Styringsgruppen om 7 dager")
    assert facts == Facts(
        (("Når", "torsdag 14. januar 2027"), ("Tid", "kl. 10.00–12.30"), ("Sted", "Lier rådhus, møterom 2"))
    )
    assert agenda == BulletList(
        ("Sak 01/2027: Godkjenning av innkalling", "Sak 02/2027: Status kommunehelsesamarbeidet"),
        title="Saksliste",
    )
    assert absent == BulletList(("Kari Nordmann",), "Forfall så langt")
    assert isinstance(buttons, Buttons)
    (button,) = buttons.items
    assert (button.label, button.action, button.value) == ("Meld forfall", "forfall", f"meeting:{meeting_id}")
    assert isinstance(note, Note)
    assert "sykehus" not in repr(reply)
    assert reply.fallback == "Påminnelse: møte i Styringsgruppen torsdag 14. januar 2027 kl. 10.00–12.30"


def test_reminder_without_agenda_or_forfall(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as session:
        body = add_body(session, "Rådmannsgruppen", channel="C0RADMANN")
        meeting_id = add_meeting(session, body, "2027-01-14", start=None, end=None, place=None).id
    with unit_of_work(db) as session:
        reply = reminders.compose(
            session,
            meeting_id=meeting_id,
            kind="before:1:2027-01-14",
            channel="slack:C0RADMANN",
            now=FakeClock("2027-01-13T09:00")(),
            tz=OSLO,
        )
    assert not isinstance(reply, reminders.Skip)
    assert reply.elements[0] == Heading("Påminnelse: møte i Rådmannsgruppen i morgen")
    assert reply.elements[1] == Facts((("Når", "torsdag 14. januar 2027"), ("Tid", "ikke fastsatt")))
    assert Text("Sakslisten er ikke kjent ennå.") in reply.elements
    assert Text("Ingen har meldt forfall så langt.") in reply.elements


def test_posted_to_slack_with_blocks_metadata_and_button(
    db: sessionmaker[Session], standin: SlackStandIn
) -> None:
    meeting_id = _world(db)
    scheduler(db, FakeClock("2027-01-07T09:00"), standin).run_once()
    (posted,) = standin.posts
    assert posted.channel == "C0STYRING"
    assert posted.metadata == {
        "event_type": "motebot_reminder",
        "event_payload": {"key": f"{meeting_id}:before:7:2027-01-14"},
    }
    assert posted.text.startswith("Påminnelse: møte i Styringsgruppen")
    flat = repr(posted.blocks)
    assert "Status kommunehelsesamarbeidet" in flat and "Kari Nordmann" in flat
    assert "sykehus" not in flat
    buttons = [e for b in posted.blocks if b["type"] == "actions" for e in b["elements"]]
    assert [(b["text"]["text"], b["value"]) for b in buttons] == [("Meld forfall", f"meeting:{meeting_id}")]
    assert "forfall" in buttons[0]["action_id"]  # routed by the Slack app to the forfall command
