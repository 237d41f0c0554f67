"""Dialog tests: «neste møte» and «møteplan» on the imported seeds, clock at 2017-10-02."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from storage.models import Body, Meeting
from tests.integration.handlers.members.seeds import Chat, buttons, plain


def cancel(db: sessionmaker[Session], day: dt.date) -> None:
    with db.begin() as s:
        s.execute(update(Meeting).where(Meeting.date == day).values(status="cancelled"))


def test_next_meeting_of_each_of_my_bodies(chat: Chat) -> None:
    reply = chat.say("neste møte")
    assert reply.kind == "answer"
    assert plain(reply).splitlines() == [
        "Neste møte i Rådmannsgruppen",
        "Når: torsdag 23. november 2017 (om 52 dager)",
        "Tid: ikke fastsatt",
        "Sakslisten er ikke kjent ennå.",
        "Ingen har meldt forfall så langt.",
        f"[Meld forfall] forfall {buttons(reply)[0][2]}",
        "Neste møte i Styringsgruppen",
        "Når: torsdag 7. desember 2017 (om 66 dager)",
        "Tid: ikke fastsatt",
        "Sakslisten er ikke kjent ennå.",
        "Ingen har meldt forfall så langt.",
        f"[Meld forfall] forfall {buttons(reply)[1][2]}",
    ]


@pytest.mark.parametrize(
    "message",
    [
        "neste styringsgruppemøte",
        "når er neste møte i styringsgruppa?",
        "neste-mote styringsgruppen",
        "Når møtes styringsgruppen neste gang?",
    ],
)
def test_next_meeting_of_the_body_named(chat: Chat, message: str) -> None:
    text = plain(chat.say(message))
    assert "Neste møte i Styringsgruppen" in text
    assert "Rådmannsgruppen" not in text


def test_slash_command_and_free_text_reach_the_same_answer(chat: Chat) -> None:
    assert chat.say("", command="/neste-møte") == chat.say("når er neste møte?")


def test_time_place_saksliste_and_forfall_names_when_known(chat: Chat) -> None:
    chat.say("forfall 15.3 pga ferie")
    chat.say("forfall 15.3", user="Lisbeth Hammer Krog")
    later = chat.at("2018-03-01")
    text = plain(later.say("neste styringsgruppemøte", user="Lisbeth Hammer Krog"))
    assert "Når: torsdag 15. mars 2018 (om 14 dager)" in text
    assert "Saksliste\n- Sak 03/2018: Vestregionens fremtid – skisse til fremtidig samarbeid" in text
    assert "Forfall så langt\n- Per Kierulf\n- Lisbeth Hammer Krog" in text
    assert "ferie" not in text  # another member's reason is private
    assert "Du har meldt forfall til dette møtet." in text
    assert [
        (label, action)
        for label, action, _ in buttons(later.say("neste styringsgruppemøte", user="Lisbeth Hammer Krog"))
    ] == [("Angre", "trekk-forfall")]


def test_held_meeting_shows_time_and_place(chat: Chat, db: sessionmaker[Session]) -> None:
    before = chat.at("2017-09-27")
    text = plain(before.say("neste styringsgruppemøte"))
    assert "Når: torsdag 28. september 2017 (i morgen)" in text
    assert "Tid: kl. 10.00–12.30" in text
    assert "Sted: Kildehuset, Modum Bad, Modum kommune" in text


def test_cancelled_meetings_are_not_next(chat: Chat, db: sessionmaker[Session]) -> None:
    cancel(db, dt.date(2017, 11, 23))
    text = plain(chat.say("neste møte i rådmannsgruppen"))
    assert "Når: torsdag 22. februar 2018 (om 143 dager)" in text
    assert "23. november" not in text


def test_body_with_no_meetings_ahead(chat: Chat) -> None:
    text = plain(chat.at("2018-07-01").say("neste møte"))
    assert "Rådmannsgruppen har ingen planlagte møter framover." in text
    assert "Styringsgruppen har ingen planlagte møter framover." in text


def test_plan_lists_the_coming_meetings_per_body(chat: Chat, db: sessionmaker[Session]) -> None:
    cancel(db, dt.date(2018, 2, 22))
    reply = chat.say("møteplan")
    assert plain(reply).splitlines() == [
        "Møteplan for Rådmannsgruppen",
        "- torsdag 23. november 2017",
        "- torsdag 22. februar 2018 (avlyst)",
        "- torsdag 31. mai 2018",
        "Møteplan for Styringsgruppen",
        "- torsdag 7. desember 2017",
        "- torsdag 15. mars 2018",
        "- torsdag 14. juni 2018",
    ]
    assert plain(chat.say("/moteplan styringsgruppen")).splitlines()[0] == "Møteplan for Styringsgruppen"
    assert plain(chat.say("", command="moteplan")) == plain(reply)


def test_plan_shows_time_and_place(chat: Chat) -> None:
    text = plain(chat.at("2016-05-01").say("møteplan rådmannsgruppen"))
    assert "- torsdag 26. mai 2016 kl. 09.00–11.30, Drammen rådhus" in text


def test_a_member_of_one_body_sees_that_body(chat: Chat) -> None:
    text = plain(chat.say("neste møte", user="Lisbeth Hammer Krog"))
    assert "Styringsgruppen" in text and "Rådmannsgruppen" not in text


def test_plan_without_bodies(chat: Chat) -> None:
    reply = chat.say("møteplan", user="Tuss Benum")  # a vara only: no membership
    assert reply.kind == "refusal"
    assert "Du er ikke registrert som medlem av noe organ ennå." in plain(reply)


def test_unknown_body_words_fall_back_to_my_bodies(chat: Chat, db: sessionmaker[Session]) -> None:
    with db() as s:
        assert s.scalar(select(Body).where(Body.name == "Generalforsamlingen")) is None
    assert "Neste møte i Rådmannsgruppen" in plain(chat.say("neste møte i generalforsamlingen"))
