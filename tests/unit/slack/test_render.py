"""The Block Kit renderer: golden JSON for typical replies, and Slack's limits for any reply."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import pytest

from bot.slack.render import (
    MAX_BLOCKS,
    MAX_SECTION,
    MAX_TOTAL,
    command_of,
    escape_mrkdwn,
    render_blocks,
    render_message,
)
from handlers.types import BulletList, Button, Buttons, Element, Facts, Heading, Note, Reply, Text

GOLDEN = Path(__file__).resolve().parents[2] / "fixtures" / "slack"
UPDATE = os.environ.get("MOTEBOT_UPDATE_GOLDEN") == "1"

NEXT_MEETING = Reply(
    (
        Heading("Neste møte i Styringsgruppen"),
        Facts(
            (
                ("Når", "torsdag 7. desember 2017 (om 66 dager)"),
                ("Tid", "kl. 10.00–12.30"),
                ("Sted", "Drammen rådhus"),
            )
        ),
        BulletList(
            ("Sak 30/2017: Status kommunehelsesamarbeidet", "Sak 31/2017: Økonomirapport"), title="Saksliste"
        ),
        Text("Ingen har meldt forfall så langt."),
        Buttons((Button("Meld forfall", "forfall", "meeting:8", "primary"),)),
    ),
    fallback="Neste møte: Styringsgruppen, torsdag 7. desember 2017 kl. 10.00–12.30",
)
FORFALL_DONE = Reply(
    (
        Heading("Forfall registrert"),
        Text("Jeg har registrert forfall for deg til Styringsgruppen, torsdag 7. desember 2017."),
        Facts((("Grunn (bare du og sekretariatet ser den)", "sykdom"), ("Vara", "Ola Nordmann"))),
        Buttons((Button("Angre", "trekk-forfall", "meeting:8", "danger"),)),
        Note("Stemmer ikke møtet? Trykk «Angre»."),
    ),
    fallback="Forfall registrert: Styringsgruppen, torsdag 7. desember 2017",
)
LONG_LIST = Reply(
    (
        Heading("Åpne saker"),
        BulletList(
            tuple(f"Sak {n:02d}/2017 Tittel nummer {n} (Rådmannsgruppen, 23.11.2017)" for n in range(400))
        ),
        Note("En sak er åpen til vedtaket er lest inn."),
    ),
    fallback="400 åpne saker",
)
MARKUP = Reply(
    (
        Facts((("Vedtak <b>", "*Ikke fet* & _ikke kursiv_ <@U123> ~x~ `kode`"),)),
        BulletList(("a < b & c > d",), title="*Liste*"),
        Text("*vanlig* tekst <@U123>"),
    )
)
GOLDEN_CASES = {
    "next_meeting": NEXT_MEETING,
    "forfall_done": FORFALL_DONE,
    "long_list": LONG_LIST,
    "markup": MARKUP,
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str) -> None:
    blocks, fallback = render_message(GOLDEN_CASES[name])
    got = {"blocks": blocks, "text": fallback}
    path = GOLDEN / f"{name}.json"
    if UPDATE:
        path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))


def _texts(block: dict[str, Any]) -> list[str]:
    found = []
    if isinstance(block.get("text"), dict):
        found.append(block["text"]["text"])
    found += [f["text"] for f in block.get("fields", [])]
    found += [e["text"] for e in block.get("elements", []) if "text" in e and isinstance(e["text"], str)]
    found += [e["text"]["text"] for e in block.get("elements", []) if isinstance(e.get("text"), dict)]
    return found


def _check_limits(blocks: list[dict[str, Any]], max_blocks: int = MAX_BLOCKS) -> None:
    assert len(blocks) <= max_blocks
    total = 0
    for block in blocks:
        for text in _texts(block):
            assert len(text) <= MAX_SECTION
            total += len(text)
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        if block["type"] == "actions":
            assert len(block["elements"]) <= 25
        if block["type"] == "section":
            assert len(block.get("fields", [])) <= 10
    assert total <= MAX_TOTAL


def _random_reply(rng: random.Random) -> Reply:
    def words(n: int) -> str:
        return " ".join(rng.choice(["møte", "sak", "vedtak", "*x*", "&", "forfall", "å"]) for _ in range(n))

    elements: list[Element] = []
    for _ in range(rng.randint(0, 60)):
        kind = rng.randrange(6)
        if kind == 0:
            elements.append(Heading(words(rng.randint(1, 60))))
        elif kind == 1:
            elements.append(Text(words(rng.randint(1, 900))))
        elif kind == 2:
            elements.append(
                Facts(tuple((words(2), words(rng.randint(1, 400))) for _ in range(rng.randint(1, 25))))
            )
        elif kind == 3:
            items = tuple(words(rng.randint(1, 120)) for _ in range(rng.randint(0, 200)))
            elements.append(BulletList(items, title=words(3) if rng.random() < 0.5 else None))
        elif kind == 4:
            elements.append(Note(words(rng.randint(1, 500))))
        else:
            elements.append(
                Buttons(tuple(Button(words(20), "vedtak", f"v:{i}") for i in range(rng.randint(1, 30))))
            )
    return Reply(tuple(elements), fallback=words(rng.randint(0, 900)) if rng.random() < 0.5 else "")


@pytest.mark.parametrize("seed", range(40))
def test_any_reply_keeps_slacks_limits(seed: int) -> None:
    reply = _random_reply(random.Random(seed))
    blocks, fallback = render_message(reply)
    _check_limits(blocks)
    assert fallback.strip() and len(fallback) <= 3000
    home = render_blocks(reply, max_blocks=30, max_total=4000)
    _check_limits(home, max_blocks=30)


def test_a_long_list_is_cut_with_og_n_til_and_keeps_what_follows() -> None:
    blocks, _ = render_message(LONG_LIST)
    text = "\n".join(t for b in blocks for t in _texts(b))
    shown = text.count("• Sak")
    assert 0 < shown < 400
    assert f"… og {400 - shown} til" in text
    assert blocks[-1]["type"] == "context"  # the note after the list survived


def test_buttons_survive_a_full_message_where_the_reply_puts_them() -> None:
    reply = Reply(
        (
            *(Text(f"linje {n}") for n in range(120)),
            Buttons((Button("Angre", "trekk-forfall", "meeting:1"),)),
            Note("Stemmer ikke møtet? Trykk «Angre»."),
        )
    )
    blocks, _ = render_message(reply)
    assert len(blocks) == MAX_BLOCKS
    assert [b["type"] for b in blocks[-2:]] == ["actions", "context"]
    shown = sum(1 for b in blocks if b["type"] == "section")
    # The texts that did not fit and the note after the button are counted, not lost silently.
    assert blocks[-1]["elements"][0]["text"] == f"… og {120 - shown + 1} til"


def test_each_meetings_button_stays_under_its_meeting() -> None:
    reply = Reply(
        (
            Heading("Neste møte i Rådmannsgruppen"),
            Buttons((Button("Meld forfall", "forfall", "meeting:5"),)),
            Heading("Neste møte i Styringsgruppen"),
            Buttons((Button("Meld forfall", "forfall", "meeting:8"),)),
        )
    )
    blocks = render_blocks(reply)
    assert [b["type"] for b in blocks] == ["header", "actions", "header", "actions"]
    assert [b["elements"][0]["value"] for b in blocks if b["type"] == "actions"] == ["meeting:5", "meeting:8"]
    assert blocks[1]["elements"][0]["action_id"] != blocks[3]["elements"][0]["action_id"]


def test_button_action_ids_carry_the_command_word() -> None:
    reply = Reply(
        (
            Buttons(
                (
                    Button("A", "vedtak", "24/2016"),
                    Button("B", "vedtak", "25/2016"),
                    Button("Flere treff", "vedtak-mer", ""),
                )
            ),
        )
    )
    [actions] = render_blocks(reply)
    ids = [e["action_id"] for e in actions["elements"]]
    assert len(set(ids)) == 3
    assert [command_of(i) for i in ids] == ["vedtak", "vedtak", "vedtak-mer"]
    assert command_of("something_else") is None


def test_an_empty_reply_still_has_a_fallback() -> None:
    blocks, fallback = render_message(Reply(()))
    assert blocks == []
    assert fallback == "Svar fra Møtebot"


def test_escape_mrkdwn() -> None:
    assert escape_mrkdwn("a & <b>") == "a &amp; &lt;b&gt;"
    assert "*" not in escape_mrkdwn("*x*").replace("\u200b*\u200b", "")
