"""Dialog tests: forfall by sentence, command and button, on the imported seeds (clock 2017-10-02)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from storage.models import Attendance, Body, Meeting, Person
from tests.integration.handlers.members.seeds import NOW, Chat, buttons, plain

KARI_VARA = "Jeg har forfall til møtet 7.12, Kari Nordmann møter for meg"


def chat_rows(
    db: sessionmaker[Session],
) -> list[tuple[str, str, dt.date, str | None, str | None, str, str | None]]:
    """Every forfall registered through the bot: (person, body, date, reason, vara, origin, by)."""
    with db() as s:
        rows = s.execute(
            select(Attendance, Person.name, Body.name, Meeting.date)
            .join(Person, Person.id == Attendance.person_id)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .join(Body, Body.id == Meeting.body_id)
            .where(Attendance.origin == "chat")
            .order_by(Meeting.date)
        ).all()
        out = []
        for a, person, body, day in rows:
            registrar = s.get(Person, a.registered_by_id) if a.registered_by_id else None
            by = registrar.name if registrar else None
            out.append((person, body, day, a.reason, a.substitute_name, a.status, by))
        return out


def test_forfall_by_date_registers_at_once_and_names_the_meeting_in_full(
    chat: Chat, db: sessionmaker[Session]
) -> None:
    reply = chat.say("forfall 7.12")
    assert reply.kind == "answer"
    assert "Jeg har registrert forfall for deg til Styringsgruppen, torsdag 7. desember 2017." in plain(reply)
    [(label, action, value)] = buttons(reply)
    assert (label, action) == ("Angre", "trekk-forfall")
    assert value.startswith("meeting:")
    assert chat_rows(db) == [
        ("Per Kierulf", "Styringsgruppen", dt.date(2017, 12, 7), None, None, "absent", "Per Kierulf")
    ]
    with db() as s:
        registered_at = s.scalar(select(Attendance.registered_at).where(Attendance.origin == "chat"))
    assert registered_at == NOW


@pytest.mark.parametrize(
    ("message", "body", "day", "reason", "vara"),
    [
        (KARI_VARA, "Styringsgruppen", dt.date(2017, 12, 7), None, "Kari Nordmann"),
        ("Jeg har forfall til neste møte", "Rådmannsgruppen", dt.date(2017, 11, 23), None, None),
        (
            "Melder forfall til rådmannsgruppemøtet 23. november pga sykdom",
            "Rådmannsgruppen",
            dt.date(2017, 11, 23),
            "sykdom",
            None,
        ),
        (
            "Kan ikke stille på styringsgruppemøtet i desember",
            "Styringsgruppen",
            dt.date(2017, 12, 7),
            None,
            None,
        ),
        (
            "Jeg får ikke kommet 22.2, Ola Nordmann møter for meg",
            "Rådmannsgruppen",
            dt.date(2018, 2, 22),
            None,
            "Ola Nordmann",
        ),
        (
            "Eg har forfall til styringsgruppemøtet 15. mars, grunna ferie",
            "Styringsgruppen",
            dt.date(2018, 3, 15),
            "ferie",
            None,
        ),
        ("Eg kan ikkje stille 7.12", "Styringsgruppen", dt.date(2017, 12, 7), None, None),
        ("neste styringsgruppemøte har jeg forfall", "Styringsgruppen", dt.date(2017, 12, 7), None, None),
    ],
)
def test_forfall_sentences_in_bokmal_and_nynorsk(
    chat: Chat,
    db: sessionmaker[Session],
    message: str,
    body: str,
    day: dt.date,
    reason: str | None,
    vara: str | None,
) -> None:
    reply = chat.say(message)
    assert reply.kind == "answer", plain(reply)
    assert body in plain(reply)
    assert chat_rows(db) == [("Per Kierulf", body, day, reason, vara, "absent", "Per Kierulf")]


def test_reply_shows_reason_and_vara_with_the_privacy_note(chat: Chat) -> None:
    text = plain(chat.say("forfall 7.12 pga sykdom, Kari Nordmann møter for meg"))
    assert "Grunn (bare du og sekretariatet ser den): sykdom" in text
    assert "Vara: Kari Nordmann" in text


def test_same_forfall_twice_is_a_no_op_that_says_so(chat: Chat, db: sessionmaker[Session]) -> None:
    chat.say("forfall 7.12")
    reply = chat.say("Jeg har forfall 7.12")
    assert "Du har allerede meldt forfall til Styringsgruppen, torsdag 7. desember 2017" in plain(reply)
    assert "Jeg har ikke endret noe." in plain(reply)
    assert len(chat_rows(db)) == 1


def test_a_repeat_that_adds_a_vara_updates_the_one_row(chat: Chat, db: sessionmaker[Session]) -> None:
    chat.say("forfall 7.12")
    reply = chat.say(KARI_VARA)
    assert "Forfall oppdatert" in plain(reply)
    assert [r[4] for r in chat_rows(db)] == ["Kari Nordmann"]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("forfall 31.02", "«31.02» er ikke en gyldig dato, så jeg har ikke registrert noe."),
        # Years past 9999, day or month out of range: a Norwegian answer, never an internal error.
        ("forfall 7.12.10000", "«7.12.10000» er ikke en gyldig dato, så jeg har ikke registrert noe."),
        ("forfall 32.12", "«32.12» er ikke en gyldig dato, så jeg har ikke registrert noe."),
        ("forfall 7/13", "«7/13» er ikke en gyldig dato, så jeg har ikke registrert noe."),
        ("forfall 7.13.2017", "«7.13.2017» er ikke en gyldig dato, så jeg har ikke registrert noe."),
        ("forfall i mars 12345", "«i mars 12345» er ikke en gyldig dato, så jeg har ikke registrert noe."),
        ("forfall 12345-01-01", "«12345-01-01» er ikke en gyldig dato, så jeg har ikke registrert noe."),
        (
            "forfall siste fredag i desember 9999",
            "«siste fredag i desember 9999» er ikke en gyldig dato, så jeg har ikke registrert noe.",
        ),
        (
            "forfall 28.09.2017",
            "Styringsgruppen, torsdag 28. september 2017 kl. 10.00–12.30 har allerede vært, "
            "så jeg har ikke registrert noe.",
        ),
        ("forfall 1.10.2017", "søndag 1. oktober 2017 har allerede vært"),
        ("forfall i august 2017", "august 2017 har allerede vært"),
    ],
)
def test_impossible_and_past_dates_register_nothing(
    chat: Chat, db: sessionmaker[Session], message: str, expected: str
) -> None:
    reply = chat.say(message)
    assert reply.kind == "refusal"
    assert expected in plain(reply)
    assert chat_rows(db) == []


def test_no_meeting_that_day_names_the_nearest_ones_with_buttons(
    chat: Chat, db: sessionmaker[Session]
) -> None:
    reply = chat.say("forfall 8.12")
    text = plain(reply)
    assert reply.kind == "refusal"
    assert (
        "Du har ikke noe møte fredag 8. desember 2017, så jeg har ikke registrert noe. Nærmeste møter:"
        in text
    )
    assert "- Styringsgruppen, torsdag 7. desember 2017" in text
    assert [label for label, _, _ in buttons(reply)] == [
        "Rådmannsgruppen 23.11.2017",
        "Styringsgruppen 07.12.2017",
        "Rådmannsgruppen 22.02.2018",
    ]
    assert chat_rows(db) == []
    # Pressing a button registers that meeting.
    _, action, value = buttons(reply)[1]
    assert chat.say(value, command=action).kind == "answer"
    assert [r[2] for r in chat_rows(db)] == [dt.date(2017, 12, 7)]


def test_no_meeting_in_a_month(chat: Chat, db: sessionmaker[Session]) -> None:
    reply = chat.say("kan ikke stille i januar")
    assert "Du har ikke noe møte i januar 2018" in plain(reply)
    assert chat_rows(db) == []


def test_a_body_the_member_does_not_belong_to(chat: Chat, db: sessionmaker[Session]) -> None:
    reply = chat.say("forfall til rådmannsgruppemøtet 23.11", user="Lisbeth Hammer Krog")
    assert reply.kind == "refusal"
    assert plain(reply) == "Du er ikke medlem av Rådmannsgruppen."
    assert chat_rows(db) == []


def test_a_date_only_another_body_meets_on_is_no_meeting_of_mine(
    chat: Chat, db: sessionmaker[Session]
) -> None:
    reply = chat.say("forfall 23.11", user="Lisbeth Hammer Krog")
    assert "Du har ikke noe møte torsdag 23. november 2017" in plain(reply)
    assert chat_rows(db) == []


def test_two_meetings_the_same_day_asks_which(chat: Chat, db: sessionmaker[Session]) -> None:
    with db.begin() as s:
        styring = s.scalar(select(Body.id).where(Body.name == "Styringsgruppen"))
        s.add(Meeting(body_id=styring, date=dt.date(2017, 11, 23), status="planned"))
    reply = chat.say("forfall 23.11")
    assert reply.kind == "refusal"
    assert "Det er flere møter torsdag 23. november 2017. Hvilket gjelder forfallet?" in plain(reply)
    assert [(label, action) for label, action, _ in buttons(reply)] == [
        ("Rådmannsgruppen 23.11.2017", "forfall"),
        ("Styringsgruppen 23.11.2017", "forfall"),
    ]
    assert chat_rows(db) == []
    # Naming the body settles it.
    assert chat.say("forfall styringsgruppen 23.11").kind == "answer"
    assert [(r[1], r[2]) for r in chat_rows(db)] == [("Styringsgruppen", dt.date(2017, 11, 23))]


def test_bare_forfall_asks_which_meeting(chat: Chat, db: sessionmaker[Session]) -> None:
    reply = chat.say("forfall")
    assert "Hvilket møte gjelder forfallet?" in plain(reply)
    assert len(buttons(reply)) == 2
    assert chat_rows(db) == []


def test_cancelled_meeting_takes_no_forfall(chat: Chat, db: sessionmaker[Session]) -> None:
    with db.begin() as s:
        s.execute(update(Meeting).where(Meeting.date == dt.date(2017, 12, 7)).values(status="cancelled"))
    reply = chat.say("forfall 7.12")
    assert "Du har ikke noe møte torsdag 7. desember 2017" in plain(reply)
    assert chat_rows(db) == []


def test_meeting_that_has_started_is_in_the_past(chat: Chat, db: sessionmaker[Session]) -> None:
    with db.begin() as s:
        meeting = s.scalar(select(Meeting).where(Meeting.date == dt.date(2017, 12, 7)))
        assert meeting is not None
        meeting.starts_at = dt.datetime(2017, 12, 7, 9, 0, tzinfo=dt.UTC)  # 10.00 in Oslo
    late = chat.at("2017-12-07T11:00")
    reply = late.say("forfall i dag")
    assert "har allerede vært" in plain(reply)
    assert chat_rows(db) == []


def test_withdraw_by_sentence_and_by_the_angre_button(chat: Chat, db: sessionmaker[Session]) -> None:
    registered = chat.say("forfall 7.12")
    reply = chat.say("trekk forfall 7.12")
    assert "Jeg har trukket forfallet for deg til Styringsgruppen, torsdag 7. desember 2017." in plain(reply)
    assert chat_rows(db) == []
    again = chat.say("trekk forfall 7.12")
    assert "Du har ikke meldt forfall til Styringsgruppen, torsdag 7. desember 2017" in plain(again)
    # Register again, then press «Angre» from the first reply.
    chat.say("forfall 7.12")
    _, action, value = buttons(registered)[0]
    assert chat.say(value, command=action).kind == "answer"
    assert chat_rows(db) == []


def test_withdraw_without_a_date(chat: Chat, db: sessionmaker[Session]) -> None:
    assert "ingen forfall til kommende møter" in plain(chat.say("trekk forfall"))
    chat.say("forfall 7.12")
    assert "Forfall trukket" in plain(chat.say("trekk forfallet mitt"))
    chat.say("forfall 7.12")
    chat.say("forfall 23.11")
    reply = chat.say("angre forfall")
    assert "Hvilket forfall vil du trekke?" in plain(reply)
    assert [a for _, a, _ in buttons(reply)] == ["trekk-forfall", "trekk-forfall"]
    assert len(chat_rows(db)) == 2


def test_forfall_from_the_minutes_cannot_be_withdrawn(chat: Chat) -> None:
    reply = chat.say("trekk forfall 28.09.2017", user="Olav Skinnes")
    assert reply.kind == "refusal"
    assert "har allerede vært" in plain(reply)


def test_mine_forfall_lists_coming_forfall_with_reason_and_vara(chat: Chat) -> None:
    assert plain(chat.say("mine forfall")) == "Du har ikke meldt forfall til noen kommende møter."
    chat.say("forfall 7.12 pga sykdom, Kari Nordmann møter for meg")
    chat.say("forfall 22.2")
    reply = chat.say("mine forfall")
    assert plain(reply).splitlines()[:3] == [
        "Dine forfall til kommende møter",
        "- Styringsgruppen, torsdag 7. desember 2017 (grunn: sykdom; vara: Kari Nordmann)",
        "- Rådmannsgruppen, torsdag 22. februar 2018",
    ]
    assert [a for _, a, _ in buttons(reply)] == ["trekk-forfall", "trekk-forfall"]
    # Another member sees only their own.
    assert "Du har ikke meldt forfall" in plain(chat.say("mine forfall", user="Lisbeth Hammer Krog"))


def test_secretariat_registers_for_others_and_sees_reasons(chat: Chat, db: sessionmaker[Session]) -> None:
    reply = chat.say("forfall for Per Kierulf 7.12 pga sykdom", user="Nina Solberg")
    assert "Jeg har registrert forfall for Per Kierulf til Styringsgruppen" in plain(reply)
    assert "Grunn: sykdom" in plain(reply)
    [(_, action, value)] = buttons(reply)
    assert "person:" in value
    assert chat_rows(db) == [
        ("Per Kierulf", "Styringsgruppen", dt.date(2017, 12, 7), "sykdom", None, "absent", "Nina Solberg")
    ]
    # The reason is the secretariat's and the member's to see, not other members'.
    assert "- Per Kierulf (sykdom)" in plain(chat.say("neste styringsgruppemøte", user="Nina Solberg"))
    assert "- Per Kierulf (sykdom)" in plain(chat.say("neste styringsgruppemøte"))
    member_view = plain(chat.say("neste styringsgruppemøte", user="Lisbeth Hammer Krog"))
    assert "- Per Kierulf" in member_view
    assert "sykdom" not in member_view
    # «Angre» from the secretariat's reply withdraws Per's forfall.
    assert chat.say(value, command=action, user="Nina Solberg").kind == "answer"
    assert chat_rows(db) == []


def test_a_member_cannot_register_for_others(chat: Chat, db: sessionmaker[Session]) -> None:
    reply = chat.say("forfall for Per Kierulf 7.12", user="Lisbeth Hammer Krog")
    assert plain(reply).startswith(
        "Hver deltaker melder sitt eget forfall, så jeg har ikke registrert noe for Per"
    )
    assert "«forfall 7.12»" in plain(reply)  # and how
    # As a command (no sentence to understand), the refusal says who may.
    reply = chat.say("for Per Kierulf 7.12", command="forfall", user="Lisbeth Hammer Krog")
    assert plain(reply) == "Bare sekretariatet kan melde forfall for andre."
    assert chat_rows(db) == []


def test_secretariat_names_someone_outside_the_body(chat: Chat, db: sessionmaker[Session]) -> None:
    reply = chat.say("forfall for Lisbeth Hammer Krog 23.11", user="Nina Solberg")
    assert "Lisbeth Hammer Krog har ikke noe møte torsdag 23. november 2017" in plain(reply)
    reply = chat.say("forfall for Lisbeth Hammer Krog til rådmannsgruppemøtet 23.11", user="Nina Solberg")
    assert plain(reply) == "Lisbeth Hammer Krog er ikke medlem av Rådmannsgruppen."
    assert chat_rows(db) == []


def test_a_button_for_a_meeting_of_another_body_is_refused(chat: Chat, db: sessionmaker[Session]) -> None:
    with db() as s:
        radmann = s.scalar(
            select(Meeting.id).join(Body).where(Body.name == "Rådmannsgruppen", Meeting.date > NOW.date())
        )
    reply = chat.say(f"meeting:{radmann}", command="forfall", user="Lisbeth Hammer Krog")
    assert plain(reply) == "Du er ikke medlem av Rådmannsgruppen."
    with db() as s:
        assert s.scalar(select(func.count()).select_from(Attendance).where(Attendance.origin == "chat")) == 0
