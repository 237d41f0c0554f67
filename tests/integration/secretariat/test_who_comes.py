"""«hvem kommer» and vedtaksførhet: the warnings come at the right moment, once; habilitet per sak."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session, sessionmaker

from storage.db import unit_of_work
from storage.export import export_json
from tests.integration.handlers.members.seeds import plain
from tests.integration.secretariat.world import build


def _press_yes(small, vara: str) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from storage.models_secretariat import VaraRequest

    with unit_of_work(small.db) as s:
        request_id = s.scalar(
            select(VaraRequest.id).where(
                VaraRequest.vara_id == small.people[vara], VaraRequest.state == "asked"
            )
        )
    small.say(vara, f"request:{request_id}:ja", command="vara-svar")


def test_the_secretariat_is_warned_when_forfall_brings_the_meeting_under_the_line(
    db: sessionmaker[Session],
) -> None:
    small = build(db)  # four seats: at least two must be present
    small.say("Per Kierulf", "forfall 7.12 pga sykdom")
    small.say("Kari Nordmann", "forfall 7.12")
    assert [k for k, _ in small.notices() if k.startswith("quorum")] == []  # two of four: still vedtaksført
    small.say("Ola Berg", "forfall 7.12")
    assert [n for n in small.notices() if n[0].startswith("quorum")] == [("quorum-lost", "Nina Solberg")]
    view = plain(small.say("Nina Solberg", "hvem kommer 7.12"))
    assert "Vedtaksført: nei – for mange forfall" in view
    assert "Til stede etter meldingene: 1 av 4 (minst 2 trengs)" in view
    assert (
        "- Per Kierulf (grunn: sykdom): Vera Vik er spurt (svar innen tirsdag 28. november kl. 10.00)" in view
    )
    assert "- Siri Dahl" in view.split("Har ikke svart")[1]
    small.say("Siri Dahl", "forfall 7.12")  # further under the line: no second warning
    assert [n for n in small.notices() if n[0] == "quorum-lost"] == [("quorum-lost", "Nina Solberg")]
    _press_yes(small, "Vera Vik")
    assert [n for n in small.notices() if n[0].startswith("quorum")] == [("quorum-lost", "Nina Solberg")]
    _press_yes(small, "Vidar Vold")  # two present again
    assert [n[0] for n in small.notices() if n[0].startswith("quorum")] == ["quorum-lost", "quorum-ok"]
    view = plain(small.say("Nina Solberg", "hvem kommer"))
    assert "Vedtaksført: ja" in view and "Vera Vik kommer" in view


def test_an_administrative_body_is_not_checked(db: sessionmaker[Session]) -> None:
    small = build(db, fraction=0)
    for name in ("Per Kierulf", "Kari Nordmann", "Ola Berg"):
        small.say(name, "forfall 7.12")
    assert [n for n in small.notices() if n[0].startswith("quorum")] == []
    assert "Vedtaksført: sjekkes ikke for dette organet" in plain(
        small.say("Nina Solberg", "hvem kommer 7.12")
    )


def test_only_the_secretariat_and_the_leader_see_who_comes(db: sessionmaker[Session]) -> None:
    small = build(db)
    assert (
        plain(small.say("Kari Nordmann", "hvem kommer 7.12"))
        == "Bare sekretariatet og lederen kan se hvem som kommer."
    )
    assert "Hvem kommer: Styringsgruppen torsdag 7. desember" in plain(small.say("Ola Berg", "hvem kommer"))
    refused = plain(small.say("Nina Solberg", "hvem kommer 8.12"))
    assert refused == "Jeg finner ikke noe kommende møte den 08.12.2017 i organene du er sekretariat for."


def test_habilitet_is_per_sak_tells_the_secretariat_and_calls_a_vara_for_that_sak(
    db: sessionmaker[Session],
) -> None:
    small = build(db)
    reply = plain(small.say("Per Kierulf", "Jeg er inhabil i sak 03/2018"))
    assert reply.startswith("Registrert: du er inhabil i sak 03/2018 (Felles innkjøp) på Styringsgruppen")
    assert "Jeg spør Vera Vik om å møte for deg i denne saken." in reply
    assert small.notices() == [("inhabil", "Nina Solberg"), ("vara-ask", "Vera Vik")]
    again = plain(small.say("Per Kierulf", "jeg er inhabil i sak 3/18"))
    assert again.startswith("Du er allerede registrert som inhabil i sak 03/2018")
    # The meeting as a whole is untouched; the sak falls under the line when three of four are inhabil.
    small.say("Kari Nordmann", "inhabil i sak 03/2018")
    assert [n for n in small.notices() if n[0].startswith("quorum")] == []
    small.say("Ola Berg", "inhabil i sak 03/2018")
    assert [n for n in small.notices() if n[0].startswith("quorum")] == [("quorum-sak", "Nina Solberg")]
    view = plain(small.say("Nina Solberg", "hvem kommer 7.12"))
    assert "Vedtaksført: ja" in view
    assert (
        "- sak 03/2018: Kari Nordmann, Ola Berg, Per Kierulf – ikke vedtaksført (1 av 4, minst 2 trengs)"
        in view
    )
    _press_yes(small, "Vera Vik")  # Vera comes for Per in this sak
    view = plain(small.say("Nina Solberg", "hvem kommer 7.12"))
    assert "– vedtaksført (2 av 4)" in view
    with unit_of_work(db) as s:
        [meeting] = json.loads(export_json(s))["meetings"]
    assert [h["name"] for h in meeting["habilitet"]] == ["Kari Nordmann", "Ola Berg", "Per Kierulf"]
    assert {r["sak"] for r in meeting["vara_requests"]} == {"03/2018"}


def test_habilitet_without_a_known_sak_is_refused_and_changes_nothing(db: sessionmaker[Session]) -> None:
    small = build(db)
    assert plain(small.say("Per Kierulf", "jeg er inhabil")) == (
        "Skriv saksnummeret, for eksempel «jeg er inhabil i sak 03/2018»."
    )
    assert plain(small.say("Per Kierulf", "inhabil i sak 44/2018")) == (
        "Jeg finner ingen sak 44/2018 på et kommende møte i organene dine."
    )
    assert small.notices() == []
