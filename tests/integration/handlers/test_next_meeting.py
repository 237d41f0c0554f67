"""Dialog tests: «neste møte» on the imported seeds, clock at 2017-10-02."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.integration.handlers.member_seeds import Chat, buttons, import_seeds, plain, services


@pytest.fixture
def chat(db: sessionmaker[Session]) -> Chat:
    import_seeds(db)
    return Chat(services(db))


def test_next_meeting_of_each_of_my_bodies(chat: Chat) -> None:
    reply = chat.say("neste møte")
    text = plain(reply)
    assert reply.kind == "answer"
    assert "Neste møte i Rådmannsgruppen" in text
    assert "Når: torsdag 23. november 2017 (om 52 dager)" in text
    assert "Når: torsdag 7. desember 2017 (om 66 dager)" in text
    assert text.index("Rådmannsgruppen") < text.index("Styringsgruppen")
    assert "Ingen har meldt forfall så langt." in text
    assert [(label, action) for label, action, _ in buttons(reply)] == [
        ("Meld forfall", "forfall"),
        ("Meld forfall", "forfall"),
    ]


@pytest.mark.parametrize(
    "message",
    ["neste styringsgruppemøte", "når er neste møte i styringsgruppa?", "neste-mote styringsgruppen"],
)
def test_next_meeting_of_the_body_named(chat: Chat, message: str) -> None:
    text = plain(chat.say(message))
    assert "Neste møte i Styringsgruppen" in text
    assert "Rådmannsgruppen" not in text


def test_slash_command_and_free_text_reach_the_same_answer(chat: Chat) -> None:
    assert chat.say("", command="/neste-møte") == chat.say("når er neste møte?")
