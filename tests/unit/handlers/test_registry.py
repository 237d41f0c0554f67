"""The command table: every command has help; words, aliases, ASCII twins and free text route alike."""

from __future__ import annotations

import re

import pytest

from bot.manifests import menu_commands
from bot.slack.adapter import SLASH_COMMANDS
from handlers.registry import COMMANDS, command_for, route
from handlers.types import Invocation


def routed(text: str, command: str | None = None) -> tuple[str, str] | None:
    found = route(Invocation(platform="slack", user_id="U1", text=text, command=command))
    return (found[0].word, found[1]) if found else None


def test_every_registered_command_has_usage_and_help() -> None:
    words = [c.word for c in COMMANDS]
    assert len(words) == len(set(words))
    for command in COMMANDS:
        assert command.usage.strip(), command.word
        assert len(command.help.strip()) > 10, command.word
        assert callable(command.handler)


def test_no_alias_is_claimed_by_two_commands() -> None:
    seen: dict[str, str] = {}
    for command in COMMANDS:
        for word in (command.word, *command.aliases):
            assert seen.setdefault(word, command.word) == command.word, word


def test_free_text_patterns_are_written_for_folded_text() -> None:
    # Messages are folded to lowercase ASCII before matching, so a pattern with æ, ø, å or a
    # capital letter could never match anything.
    for command in COMMANDS:
        for pattern in (*command.patterns, *command.last_patterns):
            literal = re.sub(r"\\.", "", pattern)  # escapes such as \b or \S are not letters
            assert literal == literal.lower(), (command.word, pattern)
            assert not re.search(r"[æøåé]", literal), (command.word, pattern)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("neste-møte", "neste-møte"),
        ("/neste-møte", "neste-møte"),
        ("neste-mote", "neste-møte"),
        ("møteplan", "møteplan"),
        ("moteplan", "møteplan"),
        ("saker", "saker"),
        ("apne-saker", "saker"),
        ("forfall", "forfall"),
        ("trekk-forfall", "trekk-forfall"),
        ("angre-forfall", "trekk-forfall"),
        ("mine-forfall", "mine-forfall"),
        ("hjelp", "hjelp"),
        ("help", "hjelp"),
        ("vedtak", "vedtak"),
        ("bekreft-kobling", "bekreft-kobling"),
    ],
)
def test_slash_words_and_ascii_twins(word: str, expected: str) -> None:
    command = command_for(word)
    assert command is not None
    assert command.word == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("når er neste møte?", ("neste-møte", "når er neste møte?")),
        ("neste møte", ("neste-møte", "")),
        ("neste styringsgruppemøte", ("neste-møte", "neste styringsgruppemøte")),
        ("Neste møte i Styringsgruppen", ("neste-møte", "i Styringsgruppen")),
        ("møteplan styringsgruppen", ("møteplan", "styringsgruppen")),
        ("Hvilke møter kommer? Vis møteplanen", ("møteplan", "Hvilke møter kommer? Vis møteplanen")),
        ("åpne saker", ("saker", "")),
        ("hvilke saker er åpne i rådmannsgruppen?", ("saker", "hvilke saker er åpne i rådmannsgruppen?")),
        ("forfall 7.12", ("forfall", "7.12")),
        (
            "Jeg har forfall til møtet 7.12, Kari Nordmann møter for meg",
            ("forfall", "Jeg har forfall til møtet 7.12, Kari Nordmann møter for meg"),
        ),
        ("Kan ikke stille på styringsgruppemøtet i desember", ("forfall", None)),
        ("Jeg får ikke kommet 22.2, Ola Nordmann møter for meg", ("forfall", None)),
        ("Eg kan ikkje stille 7.12", ("forfall", None)),
        ("neste møte har jeg forfall", ("forfall", None)),
        ("trekk forfall 7.12", ("trekk-forfall", "7.12")),
        ("Jeg vil trekke forfallet mitt", ("trekk-forfall", None)),
        ("mine forfall", ("mine-forfall", "")),
        ("hva ble vedtatt i sak 24/2016?", ("vedtak", None)),
        ("vedtak 24/2016", ("vedtak", "24/2016")),
        ("24/2016", ("vedtak", None)),
        ("hjelp", ("hjelp", "")),
        ("hva kan du?", ("hjelp", None)),
        ("jeg er Per Kierulf", ("jeg-er", None)),
        ("eg er Kari Nordmann", ("jeg-er", None)),
    ],
)
def test_free_text_routes_to_the_same_handlers(text: str, expected: tuple[str, str | None]) -> None:
    found = routed(text)
    assert found is not None, text
    assert found[0] == expected[0]
    if expected[1] is not None:
        assert found[1] == expected[1]


def test_button_actions_route_with_their_value() -> None:
    assert routed("meeting:12", command="forfall") == ("forfall", "meeting:12")
    assert routed("meeting:12 person:3", command="trekk-forfall") == ("trekk-forfall", "meeting:12 person:3")


def test_jeg_er_needs_a_name_not_a_state() -> None:
    assert routed("jeg er syk og har forfall 7.12") == ("forfall", "jeg er syk og har forfall 7.12")
    assert routed("jeg er lei") is None


def test_unknown_messages_and_commands_route_nowhere() -> None:
    assert routed("hei på deg") is None
    assert routed("", command="/ukjent") is None
    # An unknown slash command with text is read as a message.
    assert routed("neste møte", command="/motebot") == ("neste-møte", "")


def test_slash_commands_and_their_ascii_twins_come_from_the_table() -> None:
    names = SLASH_COMMANDS
    assert names == ("/neste-møte", "/neste-mote", "/møteplan", "/moteplan", "/saker", "/vedtak", "/forfall")
    for name in names:
        command = command_for(name)
        assert command is not None and command.slash_hint is not None, name
    assert all(c.summary for c in COMMANDS if c.slash_names)  # a slash command needs a description


def test_menus_offer_listed_member_commands_in_help_order() -> None:
    menu = [c.title for c in menu_commands()]
    assert menu == [
        "neste møte",
        "møteplan",
        "saker",
        "vedtak",
        "forfall",
        "trekk forfall",
        "mine forfall",
        "hjelp",
    ]
    assert all(c.listed and not c.secretariat for c in menu_commands())


def test_more_specific_patterns_win_whatever_the_table_order() -> None:
    # «mine forfall» and «trekk forfall» also match forfall's «forfall»; «neste møter» also
    # matches neste-møte's «neste … møte»: precedence, not the help order, decides.
    assert routed("kan du vise mine forfall?") == ("mine-forfall", "kan du vise mine forfall?")
    assert routed("Kan du trekke forfall 7.12") == ("trekk-forfall", "Kan du trekke forfall 7.12")
    assert routed("hva er de neste møter") == ("møteplan", "hva er de neste møter")
    assert routed("Jeg har forfall til neste møte") == ("forfall", "Jeg har forfall til neste møte")


def test_lower_case_names_are_a_last_resort() -> None:
    assert routed("jeg er per kierulf") == ("jeg-er", "jeg er per kierulf")
    assert routed("jeg er per kierulf, har forfall")[0] == "forfall"  # type: ignore[index]
