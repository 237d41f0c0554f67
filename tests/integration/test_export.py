"""`motebot-export/1`: exact shape, Europe/Oslo times, sorted and byte-stable, reasons only from chat."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage.export import export_json
from storage.models import Attendance, Body, Meeting, Membership, Person, PersonAlias
from tests.conftest import SEEDS
from tests.integration.ingest.helpers import load
from tests.integration.ingest.seed_docs import fake_parse


def _export(db: sessionmaker[Session]) -> str:
    with db() as session:
        return export_json(session)


def test_empty_database(db: sessionmaker[Session]) -> None:
    assert _export(db) == (
        '{\n  "schema": "motebot-export/1",\n  "bodies": [],\n  "people": [],\n  "meetings": []\n}\n'
    )


def test_shape_keys_and_order(db: sessionmaker[Session]) -> None:
    load(db, list(SEEDS), fake_parse)
    text = _export(db)
    assert text == _export(db)  # byte-identical twice
    assert "Bærug" in text and "\\u" not in text and text.endswith("}\n") and not text.endswith("\n\n")
    data = json.loads(text)
    assert list(data) == ["schema", "bodies", "people", "meetings"]
    assert all(list(p) == ["name", "organisation", "aliases", "bodies"] for p in data["people"])
    meeting_keys = [
        "body", "date", "start", "end", "location", "status", "sources", "attendance", "saker",
        "vara_requests", "habilitet",
    ]  # fmt: skip
    assert all(list(m) == meeting_keys for m in data["meetings"])
    attendance_keys = ["name", "organisation", "status", "substitute_for", "role", "origin", "reason"]
    assert all(list(a) == attendance_keys for m in data["meetings"] for a in m["attendance"])
    sak_keys = ["number", "year", "title", "vedtak", "proposal"]
    assert all(list(s) == sak_keys for m in data["meetings"] for s in m["saker"])
    names = [p["name"] for p in data["people"]]
    assert names == sorted(names)
    keys = [(m["body"], m["date"]) for m in data["meetings"]]
    assert keys == sorted(keys)
    for m in data["meetings"]:
        assert [(s["year"], s["number"]) for s in m["saker"]] == sorted(
            (s["year"], s["number"]) for s in m["saker"]
        )
    assert "imported" not in text and "registered" not in text


def test_times_are_stored_utc_and_shown_in_oslo(db: sessionmaker[Session]) -> None:
    with db() as session:
        body = Body(name="Styringsgruppen")
        session.add(body)
        session.flush()
        oslo = dt.timezone(dt.timedelta(hours=1))  # 7 December: winter time, UTC+1
        session.add(
            Meeting(
                body_id=body.id,
                date=dt.date(2017, 12, 7),
                starts_at=dt.datetime(2017, 12, 7, 10, 0, tzinfo=oslo),
                ends_at=dt.datetime(2017, 12, 7, 12, 30, tzinfo=oslo),
                status="planned",
                set_by_secretariat=True,
            )
        )
        session.commit()
    load(db, [SEEDS[0]], fake_parse)  # 15 September 2016, summer time: 09.00 Oslo is 07.00 UTC
    with db() as session:
        starts = dict(session.execute(select(Meeting.date, Meeting.starts_at)).all())
    assert starts[dt.date(2016, 9, 15)] == dt.datetime(2016, 9, 15, 7, 0, tzinfo=dt.UTC)
    meetings = {m["date"]: m for m in json.loads(_export(db))["meetings"]}
    assert (meetings["2016-09-15"]["start"], meetings["2016-09-15"]["end"]) == ("09:00", "11:30")
    assert (meetings["2017-12-07"]["start"], meetings["2017-12-07"]["end"]) == ("10:00", "12:30")


def test_reason_only_for_chat_forfall(db: sessionmaker[Session]) -> None:
    with db() as session:
        body = Body(name="Rådmannsgruppen")
        ola, kari = Person(name="Ola Nordmann", organisation="Asker"), Person(name="Kari Nordmann")
        session.add_all([body, ola, kari])
        session.flush()
        m = Meeting(body_id=body.id, date=dt.date(2018, 2, 22), status="planned", set_by_secretariat=False)
        session.add(m)
        session.flush()
        session.add_all(
            [
                Attendance(
                    meeting_id=m.id,
                    person_id=ola.id,
                    status="absent",
                    origin="chat",
                    reason="Syk",
                    substitute_name="Per Vara",
                    registered_at=dt.datetime(2018, 2, 20, tzinfo=dt.UTC),
                ),
                # A reason must never leak from a minutes line (it should not have one at all).
                Attendance(
                    meeting_id=m.id, person_id=kari.id, status="present", origin="minutes", reason="x"
                ),
                Membership(person_id=ola.id, body_id=body.id, role="member"),
                PersonAlias(person_id=ola.id, alias="O. Nordmann"),
            ]
        )
        session.commit()
    data = json.loads(_export(db))
    assert data["people"] == [
        {"name": "Kari Nordmann", "organisation": None, "aliases": [], "bodies": []},
        {
            "name": "Ola Nordmann",
            "organisation": "Asker",
            "aliases": ["O. Nordmann"],
            "bodies": ["Rådmannsgruppen"],
        },
    ]
    [meeting] = data["meetings"]
    kari_line = {
        "name": "Kari Nordmann",
        "organisation": None,
        "status": "present",
        "substitute_for": None,
        "role": None,
        "origin": "minutes",
        "reason": None,
    }
    ola_line = {
        "name": "Ola Nordmann",
        "organisation": "Asker",
        "status": "absent",
        "substitute_for": None,  # «Per Vara» stands in for Ola, not the other way round
        "role": None,
        "origin": "chat",
        "reason": "Syk",
    }
    # The vara Ola named comes in his place (issue 11), with substitute_for pointing at him.
    per_line = {
        "name": "Per Vara",
        "organisation": None,
        "status": "present",
        "substitute_for": "Ola Nordmann",
        "role": None,
        "origin": "chat",
        "reason": None,
    }
    # Forfall from chat first (with the vara named), then the minutes' order.
    assert meeting["attendance"] == [ola_line, per_line, kari_line]
    assert meeting["sources"] == [] and meeting["saker"] == []
