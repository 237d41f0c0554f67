"""End to end on Slack: a forfall by DM, the vara asked by DM, their button presses as signed
requests, the chain moving on, and the member and the secretariat told — each message once."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from bot.scheduler import Scheduler
from bot.slack.poster import SlackPoster
from handlers.services import Services
from storage import directory, people
from storage.clock import OSLO
from storage.db import unit_of_work
from storage.export import export_json
from storage.models import Body, Membership
from tests.integration.reminders.world import FakeClock
from tests.integration.slack import payloads, standin
from tests.integration.slack.conftest import KJERSTI, World

USERS = {"Sigrun Hovde": "U0SIGRUN", "Henrik Moe": "U0HENRIK", "Nina Solberg": "U0NINA"}
WHERE = "Styringsgruppen torsdag 7. desember"  # the seeds give the meeting no time or place


def _roster(world: World) -> None:
    """Kjersti sits for Buskerud; two Buskerud vara in order; Nina is the secretariat; all linked."""
    with unit_of_work(world.db) as s:
        body = s.scalar(select(Body).where(Body.name == "Styringsgruppen"))
        assert body is not None
        kjersti = directory.person_by_name(s, name="Kjersti Bærug Hulbakk")
        assert kjersti is not None
        seat = s.scalar(
            select(Membership).where(Membership.person_id == kjersti.id, Membership.body_id == body.id)
        )
        assert seat is not None
        seat.seat_group = "Buskerud"
        for order, (name, role) in enumerate((("Sigrun Hovde", "vara"), ("Henrik Moe", "vara")), start=1):
            people.upsert_roster_person(
                s, name=name, email=None, role=role, bodies=[body], seat_group="Buskerud", vara_order=order
            )
        people.upsert_roster_person(s, name="Nina Solberg", email=None, role="secretariat", bodies=[body])
        for name, user in USERS.items():
            person = directory.person_by_name(s, name=name)
            assert person is not None
            people.link_identity(
                s, platform="slack", external_id=user, person_id=person.id, linked_by="secretariat",
                now=FakeClock("2017-10-02").now,
            )  # fmt: skip


def _posts(world: World) -> list[dict[str, Any]]:
    return world.standin.of("chat.postMessage")


def _button(post: dict[str, Any], label: str) -> tuple[str, str]:
    blocks = post["blocks"] if isinstance(post["blocks"], list) else json.loads(post["blocks"])
    for block in blocks:
        for element in block.get("elements", []):
            if element.get("type") == "button" and element["text"]["text"] == label:
                return element["action_id"], element["value"]
    raise AssertionError(f"no [{label}] in {blocks}")


def _press(world: World, user: str, action: tuple[str, str], ts: str) -> None:
    body = payloads.block_actions(
        action[0], action[1], user=user, channel="D" + user[1:],
        response_url=world.standin.response_url(user), action_ts=ts, label="Ja",
    )  # fmt: skip
    assert world.interactive(body).status_code == 200
    world.idle()


def test_forfall_nei_then_ja_by_signed_button_presses(world: World) -> None:
    _roster(world)
    clock = FakeClock("2017-10-02")
    poster = SlackPoster(standin.TOKEN, base_url=world.standin.api_url, per_channel_interval=0.0)
    run = Scheduler(Services(world.db, clock=clock, tz=OSLO), {"slack": poster}).run_once

    world.event(payloads.im_message("forfall 7.12 pga sykdom", user=KJERSTI, channel="D0KJERSTI"))
    world.idle()
    before = len(_posts(world))  # the bot's answer to Kjersti
    run()
    [ask] = _posts(world)[before:]
    assert ask["channel"] == "U0SIGRUN"
    assert ask["text"].startswith(f"Kjersti Bærug Hulbakk har forfall til {WHERE}. Kan du møte?")

    _press(world, "U0SIGRUN", _button(ask, "Nei"), "1506940100.000001")
    assert "Vi spør neste vara" in json.dumps(world.standin.of("response_url")[-1], ensure_ascii=False)
    run()
    [second] = _posts(world)[before + 1 :]
    assert second["channel"] == "U0HENRIK"

    yes = _button(second, "Ja")
    _press(world, "U0HENRIK", yes, "1506940200.000001")
    _press(world, "U0HENRIK", yes, "1506940201.000001")  # pressed again: nothing more happens
    answers = [json.dumps(a, ensure_ascii=False) for a in world.standin.of("response_url")]
    assert any("Takk! Du er registrert som vara for Kjersti Bærug Hulbakk" in a for a in answers)
    run()
    run()
    told = [(p["channel"], p["text"]) for p in _posts(world)[before + 2 :]]
    assert told == [
        ("U0KJERSTI", f"Henrik Moe møter for deg på {WHERE}."),
        ("U0NINA", f"Henrik Moe møter som vara for Kjersti Bærug Hulbakk på {WHERE}."),
    ]
    with unit_of_work(world.db) as s:
        data = json.loads(export_json(s))
    meeting = next(m for m in data["meetings"] if (m["body"], m["date"]) == ("Styringsgruppen", "2017-12-07"))
    henrik = next(a for a in meeting["attendance"] if a["name"] == "Henrik Moe")
    assert (henrik["status"], henrik["substitute_for"], henrik["origin"]) == (
        "present",
        "Kjersti Bærug Hulbakk",
        "chat",
    )
    assert [r["answer"] for r in meeting["vara_requests"]] == ["no", "yes"]
