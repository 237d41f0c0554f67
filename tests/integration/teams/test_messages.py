"""Member messages over HTTP: a 1:1 chat, an @mention in a channel, card buttons and the forfall form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from handlers.types import Button, Buttons, Heading, Reply, Text
from storage.db import unit_of_work
from storage.models import Attendance
from tests.integration.teams import activities as act
from tests.integration.teams.conftest import Recorder, Seeded, TeamsClient


def _texts(card: dict[str, Any]) -> list[str]:
    """Every text a member reads on the card (TextRuns and facts)."""
    out: list[str] = []
    for element in card["body"]:
        for inline in element.get("inlines", []):
            out.append(inline["text"])
        for fact in element.get("facts", []):
            out.append(f"{fact['title']}: {fact['value']}")
    return out


def _actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    found = [a for el in card["body"] if el["type"] == "ActionSet" for a in el["actions"]]
    return found + card.get("actions", [])


ANSWER = Reply((Heading("Svar"), Text("Hei")), private=True, fallback="Svar")


def test_personal_message_is_answered_with_a_card_by_the_registry(
    make_teams: Callable[..., TeamsClient], seeded: Seeded
) -> None:
    teams = make_teams()
    incoming = act.personal_message(teams.connector.url, "neste møte")

    response = teams.post(incoming)

    assert response.status_code == 202
    [sent] = teams.connector.sent
    assert sent.conversation_id == act.PERSONAL_CONVERSATION
    assert sent.reply_to == incoming["id"]
    assert not sent.targeted
    assert sent.activity["from"]["id"] == act.BOT_ID
    card = sent.card
    assert card is not None and card["version"] == "1.5"
    assert any("Styringsgruppen" in t for t in _texts(card))
    assert any("7. desember 2017" in t for t in _texts(card))
    [button] = _actions(card)
    assert button["title"] == "Meld forfall"
    assert button["data"] == {"action": "forfall", "value": f"meeting:{seeded.meeting_id}"}


def test_channel_mention_reaches_the_registry_without_the_mention(
    make_teams: Callable[..., TeamsClient],
) -> None:
    recorder = Recorder(ANSWER, [])
    teams = make_teams(handle=recorder)
    incoming = act.channel_mention(teams.connector.url, "når er neste&nbsp;møte?")

    assert teams.post(incoming).status_code == 202

    [invocation] = recorder.seen
    assert invocation.text == "når er neste møte?"
    assert invocation.platform == "teams"
    # Not linked yet: known by tenant and Entra object id (a link would be made under that key).
    assert invocation.user_id == f"{act.TENANT}/{act.USER_AAD}"
    assert invocation.channel_id == act.CHANNEL
    assert invocation.is_direct is False
    assert invocation.command is None
    assert invocation.event_key == f"teams:{act.CHANNEL}:{incoming['id']}"
    # A private answer in a channel is shown to the asker only: a targeted reply in the thread.
    [sent] = teams.connector.sent
    assert sent.targeted
    assert sent.conversation_id == incoming["conversation"]["id"]
    assert sent.activity["recipient"]["id"] == act.USER_ID
    assert "Hei" in _texts(sent.card or {})


def test_public_answer_in_a_channel_is_a_normal_reply(make_teams: Callable[..., TeamsClient]) -> None:
    teams = make_teams(handle=Recorder(Reply((Text("Til alle"),), private=False), []))
    teams.post(act.channel_mention(teams.connector.url, "møteplan"))
    [sent] = teams.connector.sent
    assert not sent.targeted


def test_private_answer_goes_to_a_1_1_chat_when_targeting_is_refused(
    make_teams: Callable[..., TeamsClient],
) -> None:
    teams = make_teams(handle=Recorder(Reply((Text("Grunn: sykdom"),)), []))
    teams.connector.refuse_targeted = True
    incoming = act.channel_mention(teams.connector.url, "mine forfall")
    assert teams.post(incoming).status_code == 202

    [created] = teams.connector.created
    assert created["members"] == [{"id": act.USER_ID}]
    assert created["tenantId"] == act.TENANT and created["isGroup"] is False
    private, notice = teams.connector.sent
    assert private.conversation_id == "a:personal-1"
    assert "Grunn: sykdom" in _texts(private.card or {})
    assert notice.conversation_id == incoming["conversation"]["id"] and not notice.targeted
    shown = " ".join(_texts(notice.card or {}))
    assert "sykdom" not in shown
    assert "privat chat" in shown


def test_private_answer_is_never_shown_in_the_channel(make_teams: Callable[..., TeamsClient]) -> None:
    teams = make_teams(handle=Recorder(Reply((Text("Grunn: sykdom"),)), []))
    teams.connector.refuse_targeted = True
    teams.connector.refuse_create = True
    assert teams.post(act.channel_mention(teams.connector.url, "mine forfall")).status_code == 202
    [sent] = teams.connector.sent
    assert not sent.targeted
    shown = " ".join(_texts(sent.card or {}))
    assert "sykdom" not in shown
    assert "1:1-chat" in shown


def test_card_submit_becomes_the_buttons_command(make_teams: Callable[..., TeamsClient]) -> None:
    recorder = Recorder(ANSWER, [])
    teams = make_teams(handle=recorder)
    teams.post(act.card_submit(teams.connector.url, {"action": "trekk-forfall", "value": "meeting:3"}))
    [invocation] = recorder.seen
    assert (invocation.command, invocation.text, invocation.is_direct) == ("trekk-forfall", "meeting:3", True)
    assert len(teams.connector.sent) == 1


def test_invoke_from_a_card_answers_the_invoke_and_posts_the_reply(
    make_teams: Callable[..., TeamsClient],
) -> None:
    recorder = Recorder(ANSWER, [])
    teams = make_teams(handle=recorder)
    response = teams.post(act.card_invoke(teams.connector.url, "vedtak", {"value": "24/2016"}))
    assert response.status_code == 200
    assert response.json() == {
        "statusCode": 200,
        "type": "application/vnd.microsoft.activity.message",
        "value": "Svar",
    }
    [invocation] = recorder.seen
    assert (invocation.command, invocation.text) == ("vedtak", "24/2016")
    assert [s.card is not None for s in teams.connector.sent] == [True]


def test_meld_forfall_opens_the_form_and_the_form_registers(
    make_teams: Callable[..., TeamsClient], seeded: Seeded
) -> None:
    recorder = Recorder(Reply((Text("Forfall registrert"),)), [])
    teams = make_teams(handle=recorder)
    button = {"action": "forfall", "value": f"meeting:{seeded.meeting_id}"}

    teams.post(act.card_submit(teams.connector.url, button, in_channel=True))

    assert recorder.seen == []  # the button alone registers nothing: it shows the form
    [sent] = teams.connector.sent
    assert sent.targeted  # the form is the clicker's own
    form = sent.card or {}
    choice = next(el for el in form["body"] if el["type"] == "Input.ChoiceSet")
    assert choice["value"] == f"meeting:{seeded.meeting_id}"
    assert [c["value"] for c in choice["choices"]] == [
        f"meeting:{seeded.meeting_id}",
        f"meeting:{seeded.other_meeting_id}",
    ]
    assert choice["choices"][0]["title"].startswith("Styringsgruppen, torsdag 7. desember 2017")
    [submit] = form["actions"]

    # Teams merges the inputs into the submit action's data.
    filled = {
        **submit["data"],
        "meeting": f"meeting:{seeded.meeting_id}",
        "reason": " sykdom, feber ",
        "vara": "Kari Nordmann",
    }
    teams.post(act.card_submit(teams.connector.url, filled, in_channel=True))

    # The form becomes the forfall command's structured value: the reason keeps its comma.
    [invocation] = recorder.seen
    assert invocation.command == "forfall"
    assert invocation.text == f"meeting:{seeded.meeting_id} grunn:sykdom%2C%20feber vara:Kari%20Nordmann"


def test_forfall_form_for_a_meeting_that_is_gone(
    make_teams: Callable[..., TeamsClient], seeded: Seeded
) -> None:
    teams = make_teams(handle=Recorder(ANSWER, []))
    teams.post(act.card_submit(teams.connector.url, {"action": "forfall", "value": "meeting:99999"}))
    [sent] = teams.connector.sent
    assert any("finner ikke det møtet" in t for t in _texts(sent.card or {}))


def test_a_failing_handler_gets_a_polite_answer_with_an_id(make_teams: Callable[..., TeamsClient]) -> None:
    def broken(invocation: Any, services: Any) -> Reply:
        raise RuntimeError("database on fire")

    teams = make_teams(handle=broken)
    assert teams.post(act.personal_message(teams.connector.url, "hjelp")).status_code == 202
    [sent] = teams.connector.sent
    shown = " ".join(_texts(sent.card or {}))
    assert "feilkoden" in shown
    assert "fire" not in shown


def test_buttons_in_a_reply_carry_action_and_value(make_teams: Callable[..., TeamsClient]) -> None:
    reply = Reply((Text("Registrert"), Buttons((Button("Angre", "trekk-forfall", "meeting:5", "danger"),))))
    teams = make_teams(handle=Recorder(reply, []))
    teams.post(act.personal_message(teams.connector.url, "forfall 7.12"))
    [action] = _actions(teams.connector.cards()[0])
    assert action == {
        "type": "Action.Submit",
        "title": "Angre",
        "data": {"action": "trekk-forfall", "value": "meeting:5"},
        "style": "destructive",
    }


def test_forfall_through_the_form_is_registered_and_undone_by_the_registry(
    make_teams: Callable[..., TeamsClient], seeded: Seeded, db: sessionmaker[Session]
) -> None:
    teams = make_teams()
    url = teams.connector.url
    value = f"meeting:{seeded.meeting_id}"
    teams.post(act.card_submit(url, {"action": "forfall", "value": value}))
    [submit] = teams.connector.cards()[0]["actions"]
    filled = {**submit["data"], "meeting": value, "reason": "sykdom, feber", "vara": "Kari Nordmann"}

    teams.post(act.card_submit(url, filled))

    with unit_of_work(db) as session:
        [absence] = session.scalars(select(Attendance))
        assert (absence.meeting_id, absence.person_id, absence.status) == (
            seeded.meeting_id,
            seeded.person_id,
            "absent",
        )
        assert (absence.reason, absence.substitute_name, absence.origin) == (
            "sykdom, feber",
            "Kari Nordmann",
            "chat",
        )
    done = teams.connector.cards()[1]
    assert any("7. desember 2017" in t for t in _texts(done))
    [undo] = _actions(done)
    assert undo["title"] == "Angre"

    teams.post(act.card_submit(url, undo["data"]))

    with unit_of_work(db) as session:
        assert list(session.scalars(select(Attendance))) == []
    assert len(teams.connector.sent) == 3


def test_the_same_delivery_twice_has_one_effect(make_teams: Callable[..., TeamsClient]) -> None:
    recorder = Recorder(ANSWER, [])
    teams = make_teams(handle=recorder)
    incoming = act.card_submit(teams.connector.url, {"action": "trekk-forfall", "value": "meeting:3"})
    assert teams.post(incoming).status_code == 202
    assert teams.post(incoming).status_code == 202  # Teams retried, or a second replica got it
    assert len(recorder.seen) == 1
    assert len(teams.connector.sent) == 1


def test_meld_forfall_as_an_invoke_opens_the_form_instead_of_registering(
    make_teams: Callable[..., TeamsClient], seeded: Seeded
) -> None:
    # Action.Execute carries the verb beside its data: {"verb": "forfall", "data": {"value": …}}.
    recorder = Recorder(Reply((Text("Forfall registrert"),)), [])
    teams = make_teams(handle=recorder)
    invoke = act.card_invoke(teams.connector.url, "forfall", {"value": f"meeting:{seeded.meeting_id}"})

    response = teams.post(invoke)

    assert response.status_code == 200
    assert recorder.seen == []  # nothing registered: the member sees the form first
    [sent] = teams.connector.sent
    form = sent.card or {}
    choice = next(el for el in form["body"] if el["type"] == "Input.ChoiceSet")
    assert choice["value"] == f"meeting:{seeded.meeting_id}"


def test_a_message_that_expects_replies_gets_them_in_the_response(
    make_teams: Callable[..., TeamsClient],
) -> None:
    teams = make_teams(handle=Recorder(ANSWER, []))
    activity = act.personal_message(teams.connector.url, "hjelp")
    activity["deliveryMode"] = "expectReplies"
    response = teams.post(activity)
    assert response.status_code == 200
    [reply] = response.json()["activities"]
    assert reply["type"] == "message" and reply["attachments"]
    assert teams.connector.sent == []  # in the response, not through the connector
