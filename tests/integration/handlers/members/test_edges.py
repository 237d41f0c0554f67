"""Hostile edges on the seeded database (SQLite and PostgreSQL): polite refusals, never an error."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from handlers import texts
from storage.export import export_json
from tests.integration.handlers.members.seeds import Chat, plain


def _dump(db: sessionmaker[Session]) -> str:
    with db() as session:
        return export_json(session)


@pytest.mark.parametrize(
    ("command", "text"),
    [
        ("forfall", "meeting:99999999999999999999"),
        ("trekk-forfall", "meeting:99999999999999999999"),
        ("forfall", "meeting:2147483648 person:1"),
        ("forfall", "meeting:1 person:99999999999999999999"),
        ("bekreft-kobling", "request:99999999999999999999"),
        ("vedtak-mer", "99999999999999999999|kunst"),
    ],
)
def test_out_of_range_numbers_are_bad_input(
    chat: Chat, db: sessionmaker[Session], command: str, text: str
) -> None:
    before = _dump(db)
    reply = chat.say(text, command=command)
    assert reply.kind == "refusal", plain(reply)
    assert _dump(db) == before


def test_a_button_value_out_of_range_says_so(chat: Chat) -> None:
    reply = chat.say("meeting:99999999999999999999", command="forfall")
    assert plain(reply) == texts.BAD_BUTTON_VALUE


def test_nul_and_controls_reach_no_database(chat: Chat) -> None:
    reply = chat.say("neste\x00 møte\x1b Styrings\x00gruppen")
    assert reply.kind == "answer", plain(reply)
    assert "Styringsgruppen" in plain(reply)


def test_a_very_long_message_is_answered_with_a_note(chat: Chat) -> None:
    reply = chat.say("neste møte " + "bla " * 25_000)
    assert reply.kind != "error"
    assert plain(reply).endswith(texts.MESSAGE_CUT)
    short = chat.say("neste møte")
    assert texts.MESSAGE_CUT not in plain(short)
