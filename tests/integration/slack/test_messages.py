"""DMs and @mentions are member messages; retries and a second replica change nothing twice."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from storage.clock import Clock
from storage.db import unit_of_work
from storage.models import ChatIdentity, Person
from tests.integration.slack import payloads
from tests.integration.slack.conftest import (
    CHANNEL,
    KJERSTI,
    KJERSTI_DM,
    SECRET,
    ThreadServer,
    World,
    make_app,
)


def test_dm_registers_forfall_as_the_terminal_does(world: World) -> None:
    event = payloads.im_message("forfall 7.12 pga sykdom", user=KJERSTI, channel=KJERSTI_DM)
    assert world.event(event).status_code == 200
    world.idle()
    [absence] = world.absences()
    assert absence.status == "absent"
    assert absence.reason == "sykdom"
    [posted] = world.standin.of("chat.postMessage")
    assert posted["channel"] == KJERSTI_DM
    assert "Forfall registrert" in str(posted["blocks"])
    assert "torsdag 7. desember 2017" in str(posted["blocks"])
    assert "Angre" in str(posted["blocks"])


def test_the_same_event_delivered_twice_has_one_effect(world: World) -> None:
    event = payloads.im_message("forfall 7.12 pga sykdom", user=KJERSTI, channel=KJERSTI_DM)
    assert world.event(event, event_id="Ev0RETRY01").status_code == 200
    world.idle()
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert world.event(event, event_id="Ev0RETRY01", headers=retry).status_code == 200
    world.idle()
    assert len(world.absences()) == 1
    assert len(world.standin.of("chat.postMessage")) == 1


def test_two_replicas_given_the_same_event_at_once_act_once(world: World, clock: Clock) -> None:
    second = ThreadServer(make_app(world.db.kw["bind"], clock, world.standin.api_url))
    try:
        event = payloads.im_message("forfall 7.12", user=KJERSTI, channel=KJERSTI_DM)
        body = payloads.event_callback(event, event_id="Ev0REPLICA")
        head = {"Content-Type": "application/json", **payloads.sign(SECRET, body)}
        with httpx.Client() as a, httpx.Client() as b:
            first = a.post(world.url + "/slack/events", content=body, headers=head)
            other = b.post(second.url + "/slack/events", content=body, headers=head)
        assert first.status_code == other.status_code == 200
        world.idle()
        second.server.config.app.state.parts["slack"].handle.jobs.wait_idle(15)
    finally:
        second.stop()
    assert len(world.absences()) == 1
    assert len(world.standin.of("chat.postMessage")) == 1


def test_mention_in_a_channel_answers_privately_in_the_thread(world: World) -> None:
    event = payloads.app_mention("neste møte", user=KJERSTI, channel=CHANNEL, ts="1506940000.000200")
    assert world.event(event, event_id="Ev0MENTION").status_code == 200
    world.idle()
    [posted] = world.standin.of("chat.postEphemeral")
    assert posted["channel"] == CHANNEL
    assert posted["user"] == KJERSTI
    assert posted["thread_ts"] == "1506940000.000200"
    assert "Neste møte i" in str(posted["blocks"])
    assert world.standin.of("chat.postMessage") == []


@pytest.mark.parametrize("seeded_engine", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    "event",
    [
        {**payloads.im_message("forfall 7.12", user="UBOT0001", channel=KJERSTI_DM), "bot_id": "B0BOT001"},
        {
            **payloads.im_message("forfall 7.12", user=KJERSTI, channel=KJERSTI_DM),
            "subtype": "message_changed",
        },
        {**payloads.im_message("forfall 7.12", user=KJERSTI, channel=CHANNEL), "channel_type": "channel"},
    ],
    ids=["own-bot", "edit", "channel-message"],
)
def test_what_is_not_a_member_writing_to_us_is_ignored(world: World, event: dict) -> None:
    assert world.event(event, event_id="Ev0IGNORE").status_code == 200
    world.idle()
    assert world.standin.methods() == []
    assert world.absences() == []


def test_an_unlinked_user_with_a_verified_roster_email_is_linked(world: World) -> None:
    with unit_of_work(world.db) as session:
        person = session.scalar(select(Person).where(Person.name == "Per Kierulf"))
        assert person is not None
        person.email = "per.kierulf@example.no"
    world.standin.add_user("U0PER", email="per.kierulf@example.no")
    event = payloads.im_message("mine forfall", user="U0PER", channel="D0PER")
    assert world.event(event, event_id="Ev0EMAIL").status_code == 200
    world.idle()
    assert world.standin.of("users.info") == [{"user": "U0PER"}]
    with unit_of_work(world.db) as session:
        link = session.scalar(select(ChatIdentity).where(ChatIdentity.external_id == "U0PER"))
        assert link is not None and link.linked_by == "email"
    [posted] = world.standin.of("chat.postMessage")
    assert "vet ikke hvem du er" not in str(posted["blocks"])


def test_an_unconfirmed_email_does_not_link(world: World) -> None:
    with unit_of_work(world.db) as session:
        person = session.scalar(select(Person).where(Person.name == "Per Kierulf"))
        assert person is not None
        person.email = "per.kierulf@example.no"
    world.standin.add_user("U0PER", email="per.kierulf@example.no", confirmed=False)
    assert world.event(payloads.im_message("mine forfall", user="U0PER", channel="D0PER")).status_code == 200
    world.idle()
    [posted] = world.standin.of("chat.postMessage")
    assert "vet ikke hvem du er" in str(posted["blocks"])
    with unit_of_work(world.db) as session:
        assert session.scalar(select(ChatIdentity).where(ChatIdentity.external_id == "U0PER")) is None
