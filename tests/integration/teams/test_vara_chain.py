"""End to end on Teams: the vara is asked in their 1:1 chat (the reference stored when they first
wrote), answers Ja on the card, and the member is told — each once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.scheduler import Scheduler
from bot.teams.poster import TeamsPoster
from handlers.registry import handle
from handlers.services import Services
from handlers.types import Invocation
from storage.clock import OSLO, fixed_clock
from storage.db import unit_of_work
from storage.models import Attendance, Membership
from tests.integration.teams import activities as act
from tests.integration.teams.conftest import NOW, Seeded, TeamsClient, settings


def _walk(node: Any) -> list[dict[str, Any]]:
    """Every object in a card, depth first."""
    if isinstance(node, dict):
        return [node] + [x for v in node.values() for x in _walk(v)]
    if isinstance(node, list):
        return [x for v in node for x in _walk(v)]
    return []


def _actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in _walk(card) if e.get("type") == "Action.Submit"]


def _texts(card: dict[str, Any]) -> list[str]:
    return [str(e["text"]) for e in _walk(card) if e.get("type") in ("TextBlock", "TextRun")]


def test_the_vara_is_asked_in_teams_and_answers_ja_on_the_card(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], seeded: Seeded
) -> None:
    # Per Kierulf (the Teams user) is the first vara of Lier, where Kari Nordmann sits.
    with unit_of_work(db) as s:
        for person_id, role, order in ((seeded.person_id, "vara", 1), (None, "member", None)):
            query = select(Membership).where(Membership.body_id == seeded.body_id)
            query = query.where(
                Membership.person_id == person_id if person_id else Membership.person_id != seeded.person_id
            )
            seat = s.scalar(query)
            assert seat is not None
            seat.role, seat.seat_group, seat.vara_order = role, "Lier", order
    teams = make_teams()
    assert teams.post(act.personal_message(teams.connector.url, "hjelp")).status_code in (200, 201, 202)
    teams.connector.sent.clear()
    services = Services(db, clock=fixed_clock(NOW), tz=OSLO)
    reply = handle(Invocation(platform="console", user_id="Kari Nordmann", text="forfall 7.12"), services)
    assert reply.kind == "answer", reply

    poster = TeamsPoster(settings(), services)
    run = Scheduler(services, {"teams": poster}).run_once
    run()
    run()  # nothing twice
    [asked] = teams.connector.sent
    assert asked.conversation_id == act.PERSONAL_CONVERSATION
    card = asked.card
    assert card is not None
    where = "Styringsgruppen torsdag 7. desember kl. 10.00 (Drammen rådhus)"
    assert any(t.startswith(f"Kari Nordmann har forfall til {where}. Kan du møte?") for t in _texts(card)), (
        _texts(card)
    )
    yes = next(a for a in _actions(card) if a["title"] == "Ja")
    assert yes["data"]["action"] == "vara-svar"

    teams.connector.sent.clear()
    answer = teams.post(act.card_submit(teams.connector.url, yes["data"]))
    assert answer.status_code in (200, 201, 202)
    said = " ".join(t for s in teams.connector.sent for t in _texts(s.card or {})) + " ".join(
        str(s.activity.get("text") or "") for s in teams.connector.sent
    )
    assert "Takk! Du er registrert som vara for Kari Nordmann" in said
    with unit_of_work(db) as s:
        row = s.scalar(select(Attendance).where(Attendance.person_id == seeded.person_id))
        assert row is not None and (row.status, row.substitute_for_id is not None) == ("present", True)
