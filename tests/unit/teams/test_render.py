"""Golden JSON for the Teams renderer: Reply → Adaptive Card 1.5, and the forfall form."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from bot.teams.forms import form_card, wants_form
from bot.teams.render import MAX_CARD_BYTES, card_size, escape_markdown, render_card, to_activity
from handlers.types import BulletList, Button, Buttons, Facts, Heading, Note, Reply, Text

GOLDEN = Path(__file__).resolve().parents[2] / "fixtures" / "teams"
UPDATE = os.environ.get("MOTEBOT_UPDATE_GOLDEN") == "1"


def assert_golden(name: str, card: dict[str, Any]) -> None:
    """Compare with tests/fixtures/teams/<name>.json (MOTEBOT_UPDATE_GOLDEN=1 rewrites it)."""
    path = GOLDEN / f"{name}.json"
    rendered = json.dumps(card, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if UPDATE:
        path.write_text(rendered, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with MOTEBOT_UPDATE_GOLDEN=1 and review it"
    assert rendered == path.read_text(encoding="utf-8")


NEXT_MEETING = Reply(
    (
        Heading("Neste møte i Styringsgruppen"),
        Facts(
            (
                ("Når", "torsdag 7. desember 2017 (om 66 dager)"),
                ("Tid", "kl. 10.00–12.30"),
                ("Sted", "Drammen rådhus, [møterom] *3*"),
            )
        ),
        BulletList(tuple(f"Sak {n}/2017 Tittel_{n}" for n in range(30, 45)), title="Saksliste"),
        Text("Ingen har meldt forfall så langt. *Ikke fet*"),
        Buttons(
            (
                Button("Meld forfall", "forfall", "meeting:12", "primary"),
                Button("Angre", "trekk-forfall", "meeting:12", "danger"),
                Button("Vis vedtak", "vedtak", "24/2016"),
            )
        ),
        Note("Kilde: 000_e039b04203c56e42.txt"),
    ),
    fallback="Neste møte i Styringsgruppen: torsdag 7. desember 2017",
)


def test_a_reply_with_every_element() -> None:
    assert_golden("next_meeting", render_card(NEXT_MEETING))


def test_an_error_reply() -> None:
    reply = Reply(
        (Heading("Det gikk ikke"), Text("Beklager, noe gikk galt hos meg. Feilkode ab12cd34.")),
        fallback="Noe gikk galt (feilkode ab12cd34)",
        kind="error",
    )
    assert_golden("error", render_card(reply))


def test_the_forfall_form() -> None:
    choices = [
        ("meeting:12", "Styringsgruppen, torsdag 7. desember 2017 kl. 10.00–12.30"),
        ("meeting:15", "Styringsgruppen, torsdag 22. februar 2018 kl. 09.00–11.30"),
    ]
    assert_golden("forfall_form", form_card(choices))


def test_a_long_list_is_cut_with_the_count_of_the_rest() -> None:
    card = render_card(Reply((BulletList(tuple(str(n) for n in range(20))),)))
    shown = [el["inlines"][0]["text"] for el in card["body"]]
    assert shown[:2] == ["• 0", "• 1"]
    assert shown[-1] == "… og 8 til"
    assert len(shown) == 13


def test_a_huge_reply_is_cut_to_fit_teams() -> None:
    lists = [BulletList(tuple("x" * 900 for _ in range(40)), title=f"Liste {n}") for n in range(12)]
    huge = Reply((*lists, Text("y" * 50_000)))
    card = render_card(huge)
    assert card_size(card) <= MAX_CARD_BYTES
    assert any("… og" in el["inlines"][0]["text"] for el in card["body"] if el["type"] == "RichTextBlock")


def test_the_activity_carries_the_card_and_a_summary() -> None:
    activity = to_activity(NEXT_MEETING)
    [attachment] = activity.attachments or []
    assert attachment.content_type == "application/vnd.microsoft.card.adaptive"
    assert isinstance(attachment.content, dict) and attachment.content["version"] == "1.5"
    assert activity.summary == NEXT_MEETING.fallback


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("Drammen rådhus", "Drammen rådhus"),
        ("kl. 10.00–12.30", "kl. 10.00–12.30"),
        ("*fet* og _kursiv_", "\\*fet\\* og \\_kursiv\\_"),
        ("[lenke](http://x)", "\\[lenke\\](http://x)"),
        ("3. desember", "3\\. desember"),
        ("- punkt", "\\- punkt"),
        ("sak #3 > 2", "sak #3 > 2"),
        ("a\\b", "a\\\\b"),
    ],
)
def test_markdown_in_facts_is_escaped(raw: str, escaped: str) -> None:
    assert escape_markdown(raw) == escaped


def test_which_button_data_opens_the_form() -> None:
    assert wants_form({"action": "forfall", "value": "meeting:3"})
    assert wants_form({"action": "Meld forfall", "value": "meeting:3"})
    assert not wants_form({"action": "forfall", "value": "meeting:3", "form": "forfall"})
    assert not wants_form({"action": "trekk-forfall", "value": "meeting:3"})
    assert not wants_form({"action": "forfall", "value": "7.12"})
    assert not wants_form(None)
