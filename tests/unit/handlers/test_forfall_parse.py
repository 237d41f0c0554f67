"""Reading forfall messages: date, reason, vara and «for NAME» (bokmål and nynorsk)."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.forfall_parse import parse_forfall

TODAY = dt.date(2017, 10, 2)
BODIES = ("styringsgrupp", "radmannsgrupp")


@pytest.mark.parametrize(
    ("text", "day", "reason", "vara", "person"),
    [
        ("7.12", dt.date(2017, 12, 7), None, None, None),
        (
            "Jeg har forfall til møtet 7.12, Kari Nordmann møter for meg",
            dt.date(2017, 12, 7),
            None,
            "Kari Nordmann",
            None,
        ),
        (
            "Melder forfall til rådmannsgruppemøtet 23. november pga sykdom",
            dt.date(2017, 11, 23),
            "sykdom",
            None,
            None,
        ),
        (
            "Jeg får ikke kommet 22.2, Ola Nordmann møter for meg",
            dt.date(2018, 2, 22),
            None,
            "Ola Nordmann",
            None,
        ),
        (
            "forfall 7.12 p.g.a. ferie; vara: Kari Nordmann",
            dt.date(2017, 12, 7),
            "ferie",
            "Kari Nordmann",
            None,
        ),
        (
            "Eg har forfall 7.12 grunna sjukdom, Kari Nordmann kjem i staden",
            dt.date(2017, 12, 7),
            "sjukdom",
            "Kari Nordmann",
            None,
        ),
        ("for Per R. Berger 7.12 på grunn av reise", dt.date(2017, 12, 7), "reise", None, "Per R. Berger"),
        ("forfall for Per Kierulf 22.2", dt.date(2018, 2, 22), None, None, "Per Kierulf"),
    ],
)
def test_parts_of_a_forfall_message(
    text: str, day: dt.date, reason: str | None, vara: str | None, person: str | None
) -> None:
    msg = parse_forfall(text, today=TODAY, body_words=BODIES)
    assert msg.date is not None and msg.date.day == day
    assert (msg.reason, msg.substitute, msg.person_name) == (reason, vara, person)


@pytest.mark.parametrize(
    ("text", "vara"),
    [
        ("Styringsgruppen 7.12.2017 pga sykdom, kari nordmann møter for meg", "kari nordmann"),
        ("Jeg har forfall 7.12, Kari møter for meg", "Kari"),
        ("Jeg har forfall 7.12 og Kari Nordmann møter for meg", "Kari Nordmann"),
        ("forfall 7.12, Kari Nordmann stiller i stedet", "Kari Nordmann"),
    ],
)
def test_the_vara_as_forms_and_members_write_it(text: str, vara: str) -> None:
    msg = parse_forfall(text, today=TODAY, body_words=BODIES)
    assert msg.substitute == vara
    assert msg.date is not None and msg.date.day == dt.date(2017, 12, 7)


def test_body_words_are_neither_dates_nor_names() -> None:
    msg = parse_forfall("Kan ikke stille på styringsgruppemøtet i desember", today=TODAY, body_words=BODIES)
    assert msg.date is not None and (msg.date.kind, msg.date.month) == ("month", (2017, 12))
    msg = parse_forfall("forfall for Styringsgruppen 7.12", today=TODAY, body_words=BODIES)
    assert msg.person_name is None


def test_next_meeting_and_nothing() -> None:
    msg = parse_forfall("Jeg har forfall til neste møte", today=TODAY, body_words=BODIES)
    assert msg.date is not None and msg.date.kind == "next_meeting"
    assert parse_forfall("Jeg har forfall", today=TODAY, body_words=BODIES).date is None


def test_invalid_day_is_reported_not_guessed() -> None:
    msg = parse_forfall("forfall 31.02", today=TODAY, body_words=BODIES)
    assert msg.date is not None and msg.date.invalid == "31.02" and msg.date.day is None


def test_button_values() -> None:
    assert parse_forfall("meeting:12", today=TODAY).meeting_id == 12
    msg = parse_forfall("meeting:12 person:3", today=TODAY)
    assert (msg.meeting_id, msg.person_id) == (12, 3)


def test_a_filled_in_form_keeps_the_members_punctuation() -> None:
    from handlers.forfall_parse import form_value

    value = form_value(12, reason="sykdom, lege kl. 10; beklager!", vara="  Kari   Nordmann ")
    msg = parse_forfall(value, today=dt.date(2017, 10, 2))
    assert msg.meeting_id == 12
    assert msg.reason == "sykdom, lege kl. 10; beklager!"
    assert msg.substitute == "Kari Nordmann"
    bare = parse_forfall(form_value(7), today=dt.date(2017, 10, 2))
    assert (bare.meeting_id, bare.reason, bare.substitute) == (7, None, None)


@pytest.mark.parametrize(
    ("text", "reason", "vara"),
    [
        # Read by the plain-message rules too, so the command and a message agree.
        ("7.12, er syk", "syk", None),
        ("7.12 – reiser bort", "reiser bort", None),
        ("7.12, Per Olsen er min vara", None, "Per Olsen"),
        ("7.12 og Kari Nordmann stiller for meg pga ferie", "ferie", "Kari Nordmann"),
    ],
)
def test_the_command_reads_reason_and_vara_as_a_message_does(
    text: str, reason: str | None, vara: str | None
) -> None:
    from language.understanding import understand

    parsed = parse_forfall(text, today=TODAY, body_words=BODIES)
    said = understand(f"Jeg har forfall {text}", today=TODAY)
    assert (parsed.reason, parsed.substitute) == (reason, vara)
    assert (said.reason, said.vara) == (reason, vara)
    assert parsed.date is not None and parsed.date.day == dt.date(2017, 12, 7)
