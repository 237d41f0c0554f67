"""Importing the five seeds gives exactly the database the documents describe (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ingest.load import Parser
from storage.models import Membership, Person, PersonAlias, Sak
from tests.conftest import SEEDS
from tests.integration.ingest import expected as X
from tests.integration.ingest.helpers import data, load


def _imported(db: sessionmaker[Session], parser: Parser) -> dict:
    reports = load(db, list(SEEDS), parser)
    assert [r.ok for r in reports] == [True] * 5, [
        (r.file_name, r.error_code, r.error_detail) for r in reports
    ]
    return data(db)


def test_meetings_with_status_time_place_and_sources(db: sessionmaker[Session], parser: Parser) -> None:
    got = _imported(db, parser)
    meetings = [
        (m["body"], m["date"], m["start"], m["end"], m["location"], m["status"], m["sources"])
        for m in got["meetings"]
    ]
    assert meetings == X.MEETINGS
    assert got["bodies"] == [{"name": X.R}, {"name": X.S}]


def test_all_32_saker_with_titles_vedtak_and_proposals(db: sessionmaker[Session], parser: Parser) -> None:
    got = _imported(db, parser)
    found = {
        (m["body"], m["date"]): [
            (s["number"], s["year"], s["title"], s["vedtak"] is not None, s["proposal"] is not None)
            for s in m["saker"]
        ]
        for m in got["meetings"]
        if m["saker"]
    }
    assert found == X.SAKER
    with db() as session:
        assert session.scalar(select(func.count()).select_from(Sak)) == 32
    texts = {(m["body"], m["date"], s["number"]): s for m in got["meetings"] for s in m["saker"]}
    for key, start in X.VEDTAK_STARTS.items():
        assert texts[key]["vedtak"].startswith(start), key
    for key, start in X.PROPOSAL_STARTS.items():
        assert texts[key]["proposal"].startswith(start), key


def test_attendance_of_the_three_held_meetings(db: sessionmaker[Session], parser: Parser) -> None:
    got = _imported(db, parser)
    for (body, date), want in X.ATTENDANCE.items():
        m = next(m for m in got["meetings"] if (m["body"], m["date"]) == (body, date))
        rows = [
            (a["name"], a["organisation"], a["status"], a["substitute_for"], a["role"])
            for a in m["attendance"]
        ]
        assert rows == want, (body, date)
        assert {a["origin"] for a in m["attendance"]} == {"minutes"}
        assert {a["reason"] for a in m["attendance"]} == {None}
    planned = [m for m in got["meetings"] if m["status"] == "planned"]
    assert [(m["body"], m["date"]) for m in planned] == X.PLANNED
    assert all(m["attendance"] == [] and m["start"] is None for m in planned)


def test_people_one_per_person_with_alias_and_memberships(db: sessionmaker[Session], parser: Parser) -> None:
    got = _imported(db, parser)
    people = {p["name"]: p for p in got["people"]}
    assert not any("Hulbakk" in name for name in people if name != "Kjersti Bærug Hulbakk")
    assert people["Kjersti Bærug Hulbakk"] == {
        "name": "Kjersti Bærug Hulbakk",
        "organisation": "Buskerud",
        "aliases": ["Kjersti B. Hulbakk"],
        "bodies": [X.R, X.S],
    }
    assert people["Per Kierulf"]["bodies"] == [X.R, X.S]
    assert people["Erik Kjeldstadli"]["bodies"] == [X.R, X.S]
    assert people["Lars Bjerke"]["bodies"] == [X.R]  # the member the vara stood in for
    assert people["Tuss Benum"]["bodies"] == []  # a vara is not a member
    assert people["Leif Frode Onarheim"]["bodies"] == [X.S]
    with db() as session:
        roles = dict(
            session.execute(
                select(Person.name, Membership.role).join(Membership, Membership.person_id == Person.id)
            ).all()
        )
        assert session.scalar(select(func.count()).select_from(PersonAlias)) == 1
    # One row per person: the last membership read wins in this dict, so check people in one body.
    assert roles["Kirsti Aas Olsen"] == "chair"
    assert roles["Lisbeth Hammer Krog"] == "chair"
    assert roles["Kjetil Axelsen"] == "secretariat"
    assert roles["Trude Andresen"] == "member"
    everyone = {name for block in X.ATTENDANCE.values() for name, *_ in block}
    assert set(people) == everyone | {"Lars Bjerke"}
