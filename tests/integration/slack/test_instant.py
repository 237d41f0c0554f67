"""Slash commands answered in their acknowledgement: a write commits with its key, once, or not at all."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.slack import instant
from handlers.types import Invocation
from storage.db import unit_of_work
from storage.models import ChatIdentity, Person, ProcessedEvent
from tests.integration.slack import payloads
from tests.integration.slack.conftest import CHANNEL, KJERSTI, World


def _states(world: World) -> list[tuple[str, str | None]]:
    with unit_of_work(world.db) as session:
        return [(e.key, e.state) for e in session.scalars(select(ProcessedEvent))]


def test_a_forfall_command_is_answered_in_the_ack_and_a_repeat_changes_nothing(world: World) -> None:
    first = world.command("/forfall", "7.12 pga kurs").json()
    assert "registrert" in str(first)
    assert first["response_type"] == "ephemeral"
    key = f"slack:command:{payloads.TRIGGER}"
    assert _states(world) == [(key, "done")]  # the key committed with the effect; nothing pending
    again = world.command("/forfall", "7.12 pga kurs")  # the same delivery (same trigger_id) again
    assert again.status_code == 200 and again.content == b""
    world.idle()
    assert [(a.status, a.reason) for a in world.absences()] == [("absent", "kurs")]
    assert world.standin.methods() == []  # nothing posted: the answers were the acknowledgements


def test_an_unlinked_user_is_linked_by_a_verified_email_before_the_answer(world: World) -> None:
    with unit_of_work(world.db) as session:
        person = session.scalar(select(Person).where(Person.name == "Per Kierulf"))
        assert person is not None
        person.email = "per.kierulf@example.no"
    world.standin.add_user("U0PER", email="per.kierulf@example.no")
    answer = str(world.command("/neste-møte", user="U0PER").json())
    assert "Neste møte i" in answer
    assert "vet ikke hvem du er" not in answer
    assert world.standin.of("users.info") == [{"user": "U0PER"}]
    with unit_of_work(world.db) as session:
        link = session.scalar(select(ChatIdentity).where(ChatIdentity.external_id == "U0PER"))
        assert link is not None and link.linked_by == "email"


def _forfall(key: str) -> Invocation:
    return Invocation(
        platform="slack",
        user_id=KJERSTI,
        text="7.12 pga kurs",
        command="forfall",
        channel_id=CHANNEL,
        event_key=key,
    )


def test_a_write_whose_request_gave_up_rolls_back(world: World) -> None:
    gate = instant.Gate()
    assert gate.abandon()  # the budget ended before the write reached its commit
    with pytest.raises(instant.Abandoned):
        instant.answer(world.bot.services, _forfall("slack:command:late"), gate, ask_email=False)
    assert world.absences() == []
    assert _states(world) == []


def test_a_write_already_committing_is_waited_for_not_abandoned(world: World) -> None:
    gate = instant.Gate()
    done = instant.answer(world.bot.services, _forfall("slack:command:on-time"), gate, ask_email=False)
    assert done.posting is not None and "registrert" in done.posting.text
    assert not gate.abandon()  # it had begun to commit: the request must take this answer
    assert len(world.absences()) == 1
    assert _states(world) == [("slack:command:on-time", "done")]
