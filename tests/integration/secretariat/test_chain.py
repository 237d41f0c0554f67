"""The vara chain in dialog: forfall → the group's vara asked in order, Ja, Nei, timeout, exhausted,
withdrawn, named, answered by the secretariat; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage import vara_chain
from storage.db import unit_of_work
from storage.export import export_json
from storage.models import Attendance
from tests.integration.handlers.members.seeds import plain
from tests.integration.secretariat.world import NOW, Small, build, buttons

WHERE = "Styringsgruppen torsdag 7. desember kl. 09.00 (Drammen rådhus)"


def _ask_value(small: Small, vara: str) -> str:
    """The value of the [Ja] button the vara was sent (from the stored request)."""
    with unit_of_work(small.db) as s:
        from storage.models_secretariat import VaraRequest

        request = s.scalar(
            select(VaraRequest).where(VaraRequest.vara_id == small.people[vara], VaraRequest.state == "asked")
        )
        assert request is not None, f"{vara} was not asked"
        return f"request:{request.id}"


def test_forfall_asks_the_first_vara_and_ja_records_them_in_the_members_place(
    db: sessionmaker[Session],
) -> None:
    small = build(db)
    small.say("Per Kierulf", "forfall 7.12 pga sykdom")
    assert small.requests() == [("Per Kierulf", "Vera Vik", "asked")]
    assert small.notices() == [("vara-ask", "Vera Vik")]
    value = _ask_value(small, "Vera Vik")
    reply = small.say("Vera Vik", f"{value}:ja", command="vara-svar")
    assert plain(reply) == f"Takk! Du er registrert som vara for Per Kierulf på {WHERE}."
    assert small.requests() == [("Per Kierulf", "Vera Vik", "yes")]
    assert small.notices()[1:] == [("vara-yes-member", "Per Kierulf"), ("vara-yes", "Nina Solberg")]
    with unit_of_work(db) as s:
        row = s.scalar(select(Attendance).where(Attendance.person_id == small.people["Vera Vik"]))
        assert row is not None
        assert (row.status, row.origin, row.substitute_for_id) == (
            "present",
            "chat",
            small.people["Per Kierulf"],
        )
    # A second press (a double click, a replica) changes nothing and tells nobody again.
    again = small.say("Vera Vik", f"{value}:ja", command="vara-svar")
    assert plain(again) == "Denne forespørselen gjelder ikke lenger."
    assert len(small.notices()) == 3
    with unit_of_work(db) as s:
        [meeting] = json.loads(export_json(s))["meetings"]
    vera = next(a for a in meeting["attendance"] if a["name"] == "Vera Vik")
    assert (vera["status"], vera["substitute_for"], vera["origin"]) == ("present", "Per Kierulf", "chat")
    assert meeting["vara_requests"] == [
        {"member": "Per Kierulf", "vara": "Vera Vik", "sak": None, "step": 1, "named": False, "answer": "yes"}
    ]


def test_nei_and_a_timeout_move_on_and_an_exhausted_list_tells_the_secretariat(
    db: sessionmaker[Session],
) -> None:
    small = build(db)
    small.say("Kari Nordmann", "forfall 7.12")
    reply = small.say("Vera Vik", f"{_ask_value(small, 'Vera Vik')}:nei", command="vara-svar")
    assert plain(reply) == "Takk for svaret. Vi spør neste vara."
    assert small.requests() == [("Kari Nordmann", "Vera Vik", "no"), ("Kari Nordmann", "Vidar Vold", "asked")]
    late_value = _ask_value(small, "Vidar Vold")
    # The deadline: 24 hours after the question (the cut-off, 24 hours before the meeting, is later).
    with unit_of_work(db) as s:
        assert vara_chain.expire(s, now=NOW + dt.timedelta(hours=23, minutes=59)) == 0
    with unit_of_work(db) as s:
        assert vara_chain.expire(s, now=NOW + dt.timedelta(hours=24)) == 1
    with unit_of_work(db) as s:
        assert vara_chain.expire(s, now=NOW + dt.timedelta(hours=25)) == 0  # each step once
    assert small.requests()[-1] == ("Kari Nordmann", "Vidar Vold", "timeout")
    assert small.notices() == [
        ("vara-ask", "Vera Vik"),
        ("vara-ask", "Vidar Vold"),
        ("vara-none", "Nina Solberg"),
    ]
    reply = small.say("Vidar Vold", f"{late_value}:ja", command="vara-svar", now=NOW + dt.timedelta(hours=26))
    assert plain(reply).startswith("Fristen for å svare er ute")


def test_the_deadline_is_never_later_than_the_cutoff_before_the_meeting(db: sessionmaker[Session]) -> None:
    small = build(db)
    late = dt.datetime(2017, 12, 6, 7, 0, tzinfo=dt.UTC)  # 08:00 the day before: cut-off is 09:00
    small.say("Per Kierulf", "forfall 7.12", command=None, now=late)
    with unit_of_work(db) as s:
        from storage.models_secretariat import VaraRequest

        [request] = s.scalars(select(VaraRequest)).all()
        assert request.deadline == dt.datetime(2017, 12, 6, 8, 0, tzinfo=dt.UTC)
    with unit_of_work(db) as s:
        vara_chain.expire(s, now=dt.datetime(2017, 12, 6, 8, 0, tzinfo=dt.UTC))
    # Past the cut-off nobody more is asked in chat: the secretariat is told it is too late.
    assert small.requests() == [("Per Kierulf", "Vera Vik", "timeout")]
    assert small.notices()[-1] == ("vara-late", "Nina Solberg")


def test_the_next_vara_skips_one_already_asked_for_another_member(db: sessionmaker[Session]) -> None:
    small = build(db)
    small.say("Per Kierulf", "forfall 7.12")
    small.say("Kari Nordmann", "forfall 7.12")
    assert small.requests() == [
        ("Per Kierulf", "Vera Vik", "asked"),
        ("Kari Nordmann", "Vidar Vold", "asked"),
    ]
    small.say("Per Kierulf", "forfall 7.12 pga sykdom")  # a repeat with a reason: no second chain
    assert len(small.requests()) == 2


def test_a_withdrawn_forfall_tells_the_vara_who_said_yes(db: sessionmaker[Session]) -> None:
    small = build(db)
    small.say("Per Kierulf", "forfall 7.12")
    small.say("Vera Vik", f"{_ask_value(small, 'Vera Vik')}:ja", command="vara-svar")
    small.say("Per Kierulf", "trekk forfall 7.12")
    assert small.requests() == [("Per Kierulf", "Vera Vik", "withdrawn")]
    assert small.notices()[-1] == ("vara-off", "Vera Vik")
    with unit_of_work(db) as s:
        assert s.scalars(select(Attendance)).all() == []


def test_a_named_vara_is_asked_to_confirm_and_a_nei_falls_back_to_the_list(db: sessionmaker[Session]) -> None:
    small = build(db)
    small.say("Per Kierulf", "forfall 7.12, Lise Lund møter for meg")
    assert small.requests() == [("Per Kierulf", "Lise Lund", "asked")]
    small.say("Lise Lund", f"{_ask_value(small, 'Lise Lund')}:nei", command="vara-svar")
    assert small.requests() == [("Per Kierulf", "Lise Lund", "no"), ("Per Kierulf", "Vera Vik", "asked")]


def test_the_secretariat_answers_for_a_vara_and_nobody_else_may(db: sessionmaker[Session]) -> None:
    small = build(db)
    small.say("Per Kierulf", "forfall 7.12")
    value = _ask_value(small, "Vera Vik")
    refused = small.say("Kari Nordmann", f"{value}:ja", command="vara-svar")
    assert plain(refused) == "Denne forespørselen er sendt til en annen vara."
    assert small.requests() == [("Per Kierulf", "Vera Vik", "asked")]
    view = small.say("Nina Solberg", "hvem kommer 7.12")
    assert ("Ja for Vera Vik", "vara-svar", f"{value}:ja") in buttons(view)
    reply = small.say("Nina Solberg", f"{value}:ja", command="vara-svar")
    assert plain(reply) == f"Registrert: Vera Vik møter som vara for Per Kierulf på {WHERE}."
    assert small.requests() == [("Per Kierulf", "Vera Vik", "yes")]


def test_a_body_with_the_chain_off_asks_nobody(db: sessionmaker[Session]) -> None:
    small = build(db, chain=False)
    small.say("Per Kierulf", "forfall 7.12")
    assert small.requests() == []
    assert small.notices() == []


def test_a_bad_answer_value_is_refused_and_changes_nothing(db: sessionmaker[Session]) -> None:
    small = build(db)
    small.say("Per Kierulf", "forfall 7.12")
    reply = small.say("Vera Vik", "request:abc:kanskje", command="vara-svar")
    assert plain(reply) == "Jeg forstod ikke svaret. Trykk på Ja eller Nei i meldingen."
    assert small.requests() == [("Per Kierulf", "Vera Vik", "asked")]
