"""The console's plain-text rendering of a Reply, and the JSON of the reply model."""

from __future__ import annotations

import json

from bot.console.render import render, reply_to_json
from bot.console.repl import invocation_for
from handlers.types import BulletList, Button, Buttons, Facts, Heading, Note, Reply, Text

REPLY = Reply(
    (
        Heading("Neste møte i Styringsgruppen"),
        Facts((("Når", "torsdag 7. desember 2017"), ("Sted", "Modum"))),
        BulletList(("Sak 03/2018: Fremtiden",), title="Saksliste"),
        Text("Ingen har meldt forfall \x1b[31mså langt."),
        Buttons(
            (
                Button("Meld forfall", "forfall", "meeting:8", "primary"),
                Button("Angre", "trekk-forfall", "meeting:8"),
            )
        ),
        Note("Kilde: 003.txt"),
    ),
    fallback="Neste møte",
)


def test_plain_text_with_numbered_buttons() -> None:
    shown = render(REPLY)
    assert shown.text == (
        "Neste møte i Styringsgruppen\n"
        "────────────────────────────\n"
        "  Når:  torsdag 7. desember 2017\n"
        "  Sted: Modum\n"
        "Saksliste\n"
        "  • Sak 03/2018: Fremtiden\n"
        "Ingen har meldt forfall [31mså langt.\n"
        "  [1] Meld forfall   [2] Angre\n"
        "  (Kilde: 003.txt)"
    )
    assert [b.label for b in shown.buttons] == ["Meld forfall", "Angre"]


def test_a_number_presses_the_button_of_the_last_reply() -> None:
    buttons = render(REPLY).buttons
    inv = invocation_for("2", "Per Kierulf", buttons)
    assert (inv.command, inv.text, inv.user_id, inv.platform) == (
        "trekk-forfall",
        "meeting:8",
        "Per Kierulf",
        "console",
    )
    assert invocation_for("3", "Per Kierulf", buttons).command is None  # no third button: a message
    assert invocation_for("7.12", "Per Kierulf", buttons).text == "7.12"


def test_json_is_the_reply_model() -> None:
    data = reply_to_json(REPLY)
    assert json.loads(json.dumps(data)) == data
    assert data["kind"] == "answer" and data["private"] is True and data["fallback"] == "Neste møte"
    assert [e["type"] for e in data["elements"]] == [
        "heading",
        "facts",
        "bullet_list",
        "text",
        "buttons",
        "note",
    ]
    assert data["elements"][1]["items"] == [["Når", "torsdag 7. desember 2017"], ["Sted", "Modum"]]
    assert data["elements"][4]["items"][0] == {
        "label": "Meld forfall",
        "action": "forfall",
        "value": "meeting:8",
        "style": "primary",
    }
