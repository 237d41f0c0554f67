"""Buttons and the forfall modal: «Meld forfall», «Angre», «Vis vedtak»; double clicks; field errors."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select

from storage.db import unit_of_work
from storage.models import Body, Meeting
from tests.integration.slack import payloads
from tests.integration.slack.conftest import CHANNEL, KJERSTI, World


def _meeting_id(world: World, body: str, day: str) -> int:
    """The id of the meeting of `body` on `day` (ISO)."""
    with unit_of_work(world.db) as session:
        meeting = session.scalar(
            select(Meeting).join(Body).where(Body.name == body, Meeting.date == dt.date.fromisoformat(day))
        )
        assert meeting is not None
        return meeting.id


def _press(world: World, action_id: str, value: str, *, ts: str, label: str = "Meld forfall") -> None:
    body = payloads.block_actions(
        action_id,
        value,
        user=KJERSTI,
        channel=CHANNEL,
        response_url=world.standin.response_url("act"),
        action_ts=ts,
        label=label,
    )
    response = world.interactive(body)
    assert response.status_code == 200
    assert response.content == b""


def _open_modal(world: World, meeting: int) -> dict[str, Any]:
    _press(world, "mb:forfall:0", f"meeting:{meeting}", ts="1506940001.100000")
    world.idle()
    [opened] = world.standin.of("views.open")
    return json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]


def test_meld_forfall_opens_the_modal_with_the_meeting_preselected(world: World) -> None:
    meeting = _meeting_id(world, "Styringsgruppen", "2017-12-07")
    view = _open_modal(world, meeting)
    assert view["callback_id"] == "motebot-forfall"
    assert view["title"]["text"] == "Meld forfall"
    select_ = view["blocks"][0]["element"]
    assert select_["initial_option"]["value"] == f"meeting:{meeting}"
    assert "Styringsgruppen, torsdag 7. desember 2017" in select_["initial_option"]["text"]["text"]
    assert len(select_["options"]) >= 2  # her coming meetings of both bodies
    assert [b["block_id"] for b in view["blocks"]] == ["meeting", "reason", "vara"]


def test_a_double_click_opens_one_modal(world: World) -> None:
    meeting = _meeting_id(world, "Styringsgruppen", "2017-12-07")
    _press(world, "mb:forfall:0", f"meeting:{meeting}", ts="1506940001.100000")
    _press(world, "mb:forfall:0", f"meeting:{meeting}", ts="1506940001.400000")
    world.idle()
    assert len(world.standin.of("views.open")) == 1


def test_submitting_the_modal_registers_forfall_with_reason_and_vara(world: World) -> None:
    meeting = _meeting_id(world, "Styringsgruppen", "2017-12-07")
    view = _open_modal(world, meeting)
    values = payloads.modal_values(f"meeting:{meeting}", "Sykdom, dessverre.", "Ola Nordmann")
    response = world.interactive(payloads.view_submission(view, values, user=KJERSTI))
    assert response.status_code == 200
    assert response.content == b""  # an empty ack closes the modal
    world.idle()
    [absence] = world.absences()
    assert absence.meeting_id == meeting
    assert absence.reason == "Sykdom, dessverre."  # the member's words, punctuation and all
    assert absence.substitute_name == "Ola Nordmann"
    [answer] = world.standin.of("response_url")
    assert "Forfall registrert" in str(answer["blocks"])
    assert answer["response_type"] == "ephemeral"


def test_a_bad_value_gets_field_errors_and_registers_nothing(world: World) -> None:
    meeting = _meeting_id(world, "Styringsgruppen", "2017-12-07")
    view = _open_modal(world, meeting)
    values = payloads.modal_values(f"meeting:{meeting}", "x" * 501, "ola")
    response = world.interactive(payloads.view_submission(view, values, user=KJERSTI))
    assert response.status_code == 200
    answer = response.json()
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"reason", "vara"}
    assert "500 tegn" in answer["errors"]["reason"]
    world.idle()
    assert world.absences() == []
    assert not [k for k in world.claimed() if k.startswith("slack:view:")]


def test_a_meeting_not_offered_is_a_field_error(world: World) -> None:
    meeting = _meeting_id(world, "Styringsgruppen", "2017-12-07")
    view = _open_modal(world, meeting)
    values = payloads.modal_values("meeting:99999")
    answer = world.interactive(payloads.view_submission(view, values, user=KJERSTI)).json()
    assert answer == {"response_action": "errors", "errors": {"meeting": "Velg et av møtene i listen."}}


def test_the_same_submission_twice_registers_once(world: World) -> None:
    meeting = _meeting_id(world, "Styringsgruppen", "2017-12-07")
    view = _open_modal(world, meeting)
    body = payloads.view_submission(view, payloads.modal_values(f"meeting:{meeting}"), user=KJERSTI)
    world.interactive(body)
    world.interactive(body)
    world.idle()
    assert len(world.absences()) == 1
    assert len(world.standin.of("response_url")) == 1


def test_angre_withdraws_the_forfall(world: World) -> None:
    world.event(payloads.im_message("forfall 7.12", user=KJERSTI, channel="D0KJERSTI"))
    world.idle()
    assert len(world.absences()) == 1
    meeting = _meeting_id(world, "Styringsgruppen", "2017-12-07")
    _press(world, "mb:trekk-forfall:0", f"meeting:{meeting}", ts="1506940009.000001", label="Angre")
    _press(world, "mb:trekk-forfall:0", f"meeting:{meeting}", ts="1506940009.500000", label="Angre")
    world.idle()
    assert world.absences() == []
    [answer] = world.standin.of("response_url")
    assert "Forfall trukket" in str(answer["blocks"])


def test_vis_vedtak_answers_with_the_vedtak(world: World) -> None:
    _press(world, "mb:vedtak:0", "24/2016", ts="1506940010.000001", label="Vis vedtak")
    world.idle()
    [answer] = world.standin.of("response_url")
    assert "Sak 24/2016: Økonomisk status pr 30.07.2016" in str(answer["blocks"])
    assert "Framlagt resultatrapport godkjennes." in str(answer["blocks"])
