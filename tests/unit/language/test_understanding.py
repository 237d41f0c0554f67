"""The labelled corpus (tests/fixtures/messages/corpus.jsonl), all of it, and the issue's examples."""

from __future__ import annotations

import time

import pytest

from language.understanding import understand
from tests.unit.language.corpus import TODAY, date_label, load, load_held_out, run


def test_the_corpus_is_large_and_about_half_not_a_registration() -> None:
    rows = load()
    assert len(rows) >= 500
    registrations = sum(r["intent"] == "absence" for r in rows)
    assert 0.3 < registrations / len(rows) < 0.6
    intents = {"absence", "other_person", "question", "conditional", "change_of_mind", "withdrawal"}
    assert {r["intent"] for r in rows} == intents | {"small_talk", "command"}


@pytest.mark.parametrize("secretariat", [False, True], ids=["member", "secretariat"])
def test_no_wrong_write_and_meant_actions_served(secretariat: bool) -> None:
    judged = run(secretariat=secretariat)
    wrong = [j.row["text"] for j in judged if j.wrong_write]
    assert wrong == []
    meant = [j for j in judged if j.meant]
    served = sum(j.served for j in meant)
    assert served / len(meant) >= 0.97, [j.row["text"] for j in meant if not j.served]


@pytest.mark.parametrize("secretariat", [False, True], ids=["member", "secretariat"])
def test_held_out_messages_are_never_written_wrongly(secretariat: bool) -> None:
    """Written after the rules were tuned: they may be misread, but never into a write not meant."""
    judged = run(secretariat=secretariat, rows=load_held_out())
    assert len(judged) >= 30
    assert [j.row["text"] for j in judged if j.wrong_write] == []


def test_every_message_is_understood_as_labelled() -> None:
    judged = run(secretariat=True)
    wrong = [
        (j.row["text"], j.row["intent"], j.got.intent)
        for j in judged
        if j.got.intent != j.row["intent"] or not j.fields_ok
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "intent", "person", "dates"),
    [
        ("hvem har meldt forfall til 7.12?", "question", None, ["2017-12-07"]),
        ("Har noen meldt forfall til neste møte?", "question", None, ["neste"]),
        ("skal jeg melde forfall til 7.12?", "question", None, ["2017-12-07"]),
        ("Hva er fristen for å melde forfall til møtet 23.11?", "question", None, ["2017-11-23"]),
        ("Kari Nordmann har forfall 7.12", "other_person", "Kari Nordmann", ["2017-12-07"]),
        ("Tore Isaksen kan ikke komme 23.11", "other_person", "Tore Isaksen", ["2017-11-23"]),
        ("Per Kierulf har forfall til møtet 7.12", "other_person", "Per Kierulf", ["2017-12-07"]),
        ("Hvis flyet er forsinket kan det hende jeg får forfall 7.12", "conditional", None, ["2017-12-07"]),
        ("jeg har ikke forfall likevel", "change_of_mind", None, []),
        ("jeg kommer likevel 7.12", "change_of_mind", None, ["2017-12-07"]),
        (
            "Jeg kan dessverre ikke komme på møtet 23. november eller 7. desember",
            "absence",
            None,
            ["2017-11-23", "2017-12-07"],
        ),
        ("forfall 23.11 og 7.12", "absence", None, ["2017-11-23", "2017-12-07"]),
        ("jeg har forfal til neste møte", "absence", None, ["neste"]),
        ("har forfall torsdag 23/11", "absence", None, ["2017-11-23"]),
    ],
)
def test_the_issues_examples(text: str, intent: str, person: str | None, dates: list[str]) -> None:
    got = understand(text, today=TODAY)
    assert (got.intent, got.person, [date_label(q) for q in got.dates]) == (intent, person, dates)


def test_what_may_be_written_at_once() -> None:
    assert understand("forfall 7.12", today=TODAY).writes_at_once
    assert understand("jeg kommer likevel 7.12", today=TODAY).writes_at_once
    unsure = (
        "forfall 23.11 og 7.12",
        "alle møtene i desember har jeg forfall",
        "jeg er syk i morgen",
        "Kanskje jeg får forfall 7.12",
        "Kari Nordmann har forfall 7.12",
        "hvem har forfall 7.12?",
    )
    for text in unsure:
        assert not understand(text, today=TODAY).writes_at_once, text


def test_reason_and_vara_wherever_they_stand() -> None:
    got = understand("forfall 15.3 – reiser", today=TODAY)
    assert got.reason == "reiser"
    got = understand("Forfall 7.12 pga sykdom, Mona Lund møter for meg", today=TODAY)
    assert (got.reason, got.vara) == ("sykdom", "Mona Lund")
    assert understand("Eg kan ikkje kome på møtet 7.12, vara er varsla", today=TODAY).vara_notified


def test_p99_per_message_is_under_2_ms() -> None:
    """CPU time (the machine is shared: wall-clock time measures the scheduler), each message's best of
    three runs, p99 over the corpus; bench/understanding.py prints wall-clock time too."""
    texts = [r["text"] for r in load()]
    best = dict.fromkeys(texts, float("inf"))
    for _ in range(3):
        for text in texts:
            start = time.thread_time()
            understand(text, today=TODAY)
            best[text] = min(best[text], time.thread_time() - start)
    times = sorted(best.values())
    assert times[int(len(times) * 0.99)] < 0.002


ADVERSARIAL = {
    "names repeated": "Kari Nordmann " * 7_000,
    "one name, many words": "Jeg " + "Per " * 25_000,
    "dates repeated": "forfall " + "7.12 " * 20_000,
    "requests repeated": "kan du " * 14_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_a_100_kb_message_is_read_quickly_and_never_acted_on_at_once(name: str) -> None:
    """Names were once searched unbounded: «Kari Nordmann …» of 100 KB took minutes."""
    text = ADVERSARIAL[name]
    best = float("inf")
    for _ in range(3):
        start = time.thread_time()
        got = understand(text, today=TODAY)
        best = min(best, time.thread_time() - start)
    assert best < 0.1, f"{name}: {best * 1000:.0f} ms"
    assert not got.writes_at_once  # past MAX_CHARS a message is asked about, never written at once
