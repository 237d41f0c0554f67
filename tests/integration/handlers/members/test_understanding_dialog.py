"""Dialog tests for every example of issue 10, on the seeds at 2017-10-02 (Per Kierulf, member of
both bodies; Nina Solberg, the secretariat; Lisbeth Hammer Krog, a member of Styringsgruppen)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.integration.handlers.members.seeds import Chat, buttons, plain
from tests.integration.handlers.members.test_forfall import chat_rows

DEC7 = dt.date(2017, 12, 7)
NOV23 = dt.date(2017, 11, 23)
STYRING_DEC7 = "Styringsgruppen, torsdag 7. desember 2017"
OWN = "Hver deltaker melder sitt eget forfall, så jeg har ikke registrert noe"


def _registered(db: sessionmaker[Session]) -> list[tuple[str, str, dt.date]]:
    return [(person, body, day) for person, body, day, *_ in chat_rows(db)]


@pytest.mark.parametrize(
    ("message", "answer"),
    [
        ("hvem har meldt forfall til 7.12?", f"Ingen har meldt forfall til {STYRING_DEC7}"),
        ("Har noen meldt forfall til neste møte?", "Ingen har meldt forfall til"),
        ("skal jeg melde forfall til 7.12?", "Skriv «forfall» og møtets dato til meg"),
        ("hvordan melder jeg forfall?", "Skriv «forfall» og møtets dato til meg"),
        ("Hva er fristen for å melde forfall til møtet 23.11?", "senest før møtet begynner"),
        ("Kari Nordmann har forfall 7.12", f"{OWN} for Kari Nordmann."),
        ("Tore Isaksen kan ikke komme 23.11", f"{OWN} for Tore Isaksen."),
    ],
)  # fmt: skip
def test_questions_and_other_people_are_answered_and_nothing_is_written(
    chat: Chat, db: sessionmaker[Session], message: str, answer: str
) -> None:
    reply = chat.say(message)
    assert answer in plain(reply)
    assert "registrert forfall for" not in plain(reply)
    assert _registered(db) == []


def test_who_has_forfall_lists_names_and_shows_reasons_only_to_the_secretariat_and_the_member(
    chat: Chat, db: sessionmaker[Session]
) -> None:
    assert "Forfall registrert" in plain(chat.say("forfall 7.12 pga sykdom"))
    question = "hvem har meldt forfall til 7.12?"
    assert "- Per Kierulf (sykdom)" in plain(chat.say(question))  # his own
    assert "- Per Kierulf (sykdom)" in plain(chat.say(question, user="Nina Solberg"))
    member = plain(chat.say(question, user="Lisbeth Hammer Krog"))
    assert "- Per Kierulf" in member and "sykdom" not in member
    assert _registered(db) == [("Per Kierulf", "Styringsgruppen", DEC7)]  # the questions wrote nothing


def test_the_secretariat_registers_the_person_named_not_itself(chat: Chat, db: sessionmaker[Session]) -> None:
    reply = chat.say("Per Kierulf har forfall til møtet 7.12", user="Nina Solberg")
    assert "Jeg har registrert forfall for Per Kierulf til Styringsgruppen" in plain(reply)
    assert [(p, b, d, by) for p, b, d, _, _, _, by in chat_rows(db)] == [
        ("Per Kierulf", "Styringsgruppen", DEC7, "Nina Solberg")
    ]


def test_a_conditional_asks_and_writes_only_on_yes(chat: Chat, db: sessionmaker[Session]) -> None:
    reply = chat.say("Hvis flyet er forsinket kan det hende jeg får forfall 7.12")
    assert "vil du melde forfall til Styringsgruppen, torsdag 7. desember 2017" in plain(reply)
    (yes_label, yes_action, yes_value), (no_label, no_action, no_value) = buttons(reply)
    assert (yes_label, no_label) == ("Ja", "Nei")
    assert _registered(db) == []
    assert plain(chat.say(no_value, command=no_action)) == "Greit, jeg har ikke registrert noe."
    assert _registered(db) == []
    assert "Forfall registrert" in plain(chat.say(yes_value, command=yes_action))
    assert _registered(db) == [("Per Kierulf", "Styringsgruppen", DEC7)]


@pytest.mark.parametrize("change", ["jeg har ikke forfall likevel", "jeg kommer likevel 7.12"])
def test_a_change_of_mind_withdraws(chat: Chat, db: sessionmaker[Session], change: str) -> None:
    chat.say("forfall 7.12")
    assert _registered(db) == [("Per Kierulf", "Styringsgruppen", DEC7)]
    reply = chat.say(change)
    assert "Jeg har trukket forfallet for deg til Styringsgruppen" in plain(reply)
    assert _registered(db) == []


@pytest.mark.parametrize(
    "message",
    ["Jeg kan dessverre ikke komme på møtet 23. november eller 7. desember", "forfall 23.11 og 7.12"],
)
def test_several_meetings_are_confirmed_then_all_registered(
    chat: Chat, db: sessionmaker[Session], message: str
) -> None:
    reply = chat.say(message)
    text = plain(reply)
    assert "Vil du melde forfall til disse 2 møtene?" in text
    assert (
        "- Rådmannsgruppen, torsdag 23. november 2017" in text
        and "- Styringsgruppen, torsdag 7. desember 2017" in text
    )
    assert _registered(db) == []
    (_, action, value), _ = buttons(reply)
    chat.say(value, command=action)
    assert _registered(db) == [
        ("Per Kierulf", "Rådmannsgruppen", NOV23),
        ("Per Kierulf", "Styringsgruppen", DEC7),
    ]


def test_a_typo_still_registers_the_next_meeting(chat: Chat, db: sessionmaker[Session]) -> None:
    reply = chat.say("jeg har forfal til neste møte")
    assert "Forfall registrert" in plain(reply)
    assert len(_registered(db)) == 1


def test_weekday_and_date_is_that_date(chat: Chat, db: sessionmaker[Session]) -> None:
    assert "Forfall registrert" in plain(chat.say("har forfall torsdag 23/11"))
    assert _registered(db) == [("Per Kierulf", "Rådmannsgruppen", NOV23)]


def test_the_reason_after_a_dash_is_kept(chat: Chat, db: sessionmaker[Session]) -> None:
    chat.say("forfall 23.11 – reiser")
    assert [r[3] for r in chat_rows(db)] == ["reiser"]


def test_small_talk_is_answered_and_writes_nothing(chat: Chat, db: sessionmaker[Session]) -> None:
    assert plain(chat.say("Tusen takk!")) == "Bare hyggelig! Skriv «hjelp» for å se hva jeg kan."
    assert _registered(db) == []
