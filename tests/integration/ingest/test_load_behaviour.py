"""The loader's promises: order independence, idempotency, corrections, one transaction per document."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

import ingest.load
import ingest.write
from ingest.load import CHAT_ATTENDANCE_KEPT, FILE_NOT_FOUND, INTERNAL_ERROR, Parser
from ingest.model import DocumentError, ParsedDocument
from storage.clock import OSLO
from storage.models import Attendance, Body, Document, Meeting, Person
from tests.conftest import SEEDS
from tests.integration.ingest import expected as X
from tests.integration.ingest.helpers import data, dump, load, meeting, seed
from tests.integration.ingest.seed_docs import fake_parse


def test_any_order_gives_a_byte_identical_export(engine, parser: Parser, tmp_path: Path) -> None:
    from storage.db import session_factory

    db = session_factory(engine)
    load(db, list(SEEDS), parser)
    forward = dump(db)
    orders = [list(reversed(SEEDS)), random.Random(7).sample(list(SEEDS), len(SEEDS))]
    for order in orders:
        with db() as session:  # empty the database between orders
            for model in (Meeting, Document, Person, Body):
                for row in session.scalars(select(model)):
                    session.delete(row)
            session.commit()
        load(db, order, parser)
        assert dump(db) == forward, [p.name[:3] for p in order]


def test_second_import_changes_nothing(db: sessionmaker[Session], parser: Parser) -> None:
    load(db, list(SEEDS), parser)
    first = dump(db)
    again = load(db, list(SEEDS), parser)
    assert [(r.ok, r.unchanged) for r in again] == [(True, True)] * 5
    assert dump(db) == first
    assert first.endswith("}\n") and "Bærug" in first  # UTF-8 as is, one trailing newline


def _corrected(parser: Parser, old: str, new: str, sak: int) -> Parser:
    """The parser, and for the hand-built stand-in the same edit the test makes in the file."""

    def parse(path: Path) -> ParsedDocument:
        doc = parser(path)
        if parser is fake_parse and new in path.read_text(encoding="utf-8"):
            doc = replace(
                doc, saker=tuple(replace(s, vedtak=new) if s.number == sak else s for s in doc.saker)
            )
        return doc

    return parse


def test_corrected_version_replaces_the_old_vedtak(
    db: sessionmaker[Session], parser: Parser, tmp_path: Path
) -> None:
    load(db, list(SEEDS), parser)
    before = data(db)
    old, new = "Framlagt resultatrapport godkjennes.", "Resultatrapporten sendes tilbake til sekretariatet."
    copy = tmp_path / seed("000").name
    copy.write_text(seed("000").read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    [report] = load(db, [copy], _corrected(parser, old, new, 24))
    assert report.ok and not report.unchanged
    after = data(db)
    saker = meeting(db, X.R, "2016-09-15")["saker"]
    assert [s["vedtak"] for s in saker if s["number"] == 24] == [new]
    assert len(saker) == 12
    # Nothing else moved: same meetings, people, attendance; only that one vedtak differs.
    assert [m for m in after["meetings"] if m["date"] != "2016-09-15"] == [
        m for m in before["meetings"] if m["date"] != "2016-09-15"
    ]
    assert after["people"] == before["people"]
    old_m = next(m for m in before["meetings"] if m["date"] == "2016-09-15")
    assert meeting(db, X.R, "2016-09-15")["attendance"] == old_m["attendance"]


def _chat_forfall(db: sessionmaker[Session], *, body: str, date: dt.date, name: str, reason: str) -> None:
    """What the bot's forfall command stores: an absence of chat origin with a private reason."""
    with db() as session:
        body_row = session.scalars(select(Body).where(Body.name == body)).one_or_none() or Body(name=body)
        session.add(body_row)
        session.flush()
        m = session.scalars(
            select(Meeting).where(Meeting.body_id == body_row.id, Meeting.date == date)
        ).first()
        if m is None:
            m = Meeting(body_id=body_row.id, date=date, status="planned", set_by_secretariat=False)
            session.add(m)
        person = session.scalars(select(Person).where(Person.name == name)).first() or Person(name=name)
        session.add(person)
        session.flush()
        session.add(
            Attendance(
                meeting_id=m.id,
                person_id=person.id,
                status="absent",
                origin="chat",
                reason=reason,
                registered_by_id=person.id,
                registered_at=dt.datetime(2016, 9, 1, 8, tzinfo=dt.UTC),
            )
        )
        session.commit()


def test_chat_forfall_survives_import_and_re_import(
    db: sessionmaker[Session], parser: Parser, tmp_path: Path
) -> None:
    day = dt.date(2016, 9, 15)
    _chat_forfall(db, body=X.R, date=day, name="Lars Bjerke", reason="Sykdom")
    _chat_forfall(db, body=X.R, date=day, name="Ola Nordmann", reason="Ferie")
    [first] = load(db, [seed("000")], parser)
    assert first.ok
    assert [(w.code, w.detail) for w in first.warnings if w.code == CHAT_ATTENDANCE_KEPT] == [
        (CHAT_ATTENDANCE_KEPT, "Lars Bjerke")
    ]
    copy = tmp_path / seed("000").name
    shutil.copy(seed("000"), copy)
    with copy.open("a", encoding="utf-8") as f:
        f.write("\n")  # a new hash: a corrected version
    [again] = load(db, [copy], parser)
    assert again.ok and not again.unchanged
    rows = {a["name"]: a for a in meeting(db, X.R, "2016-09-15")["attendance"]}
    assert (rows["Lars Bjerke"]["origin"], rows["Lars Bjerke"]["reason"]) == ("chat", "Sykdom")
    assert (rows["Ola Nordmann"]["origin"], rows["Ola Nordmann"]["reason"]) == ("chat", "Ferie")
    assert rows["Trude Andresen"]["origin"] == "minutes" and rows["Trude Andresen"]["reason"] is None
    assert len(rows) == 22  # the minutes' 21 (Lars kept as chat) and Ola


def test_a_document_failing_midway_leaves_nothing(
    db: sessionmaker[Session], parser: Parser, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = dump(db)
    real = ingest.write._write_sak
    calls = {"n": 0}

    def third_fails(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest.write, "_write_sak", third_fails)
    [failed] = load(db, [seed("000")], parser)
    assert (failed.ok, failed.error_code) == (False, INTERNAL_ERROR)
    assert "disk full" in failed.error_detail
    assert dump(db) == empty  # no body, person, meeting or document left behind
    calls["n"] = -100  # the other documents go in
    reports = load(db, [seed(p) for p in ("001", "002", "003", "004")], parser)
    assert all(r.ok for r in reports)
    names = {p["name"] for p in data(db)["people"]}
    assert "Øyvind Brandt" not in names and "Tuss Benum" in names
    monkeypatch.setattr(ingest.write, "_write_sak", real)
    load(db, [seed("000")], parser)
    assert [m["date"] for m in data(db)["meetings"] if m["status"] == "held"] == [
        "2016-05-26",
        "2016-09-15",
        "2017-09-28",
    ]


def test_a_document_error_changes_nothing_and_others_go_in(db: sessionmaker[Session], tmp_path: Path) -> None:
    load(db, [seed("001")], fake_parse)
    before = dump(db)

    def refuse(path: Path) -> ParsedDocument:
        if path.name.startswith("000"):
            raise DocumentError("no_meeting", "ingen dato")
        return fake_parse(path)

    missing = tmp_path / "finnes_ikke.txt"
    reports = load(db, [seed("000"), missing, seed("002")], refuse)
    assert [(r.ok, r.error_code) for r in reports] == [
        (False, "no_meeting"),
        (False, FILE_NOT_FOUND),
        (True, None),
    ]
    after = data(db)
    assert [m["date"] for m in after["meetings"]] == ["2016-05-26", "2018-05-31"]
    load(db, [seed("002")], fake_parse)  # unchanged
    with db() as session:
        files = sorted(session.scalars(select(Document.file_name)))
    assert files == [seed("001").name, seed("002").name]
    assert before != dump(db)


def test_later_plan_replaces_earlier_for_its_bodies_and_period(
    db: sessionmaker[Session], parser: Parser
) -> None:
    load(db, [seed("003")], parser)
    planned = [(m["body"], m["date"]) for m in data(db)["meetings"] if m["status"] == "planned"]
    assert (X.R, "2018-05-03") in planned and (X.S, "2018-05-24") in planned
    load(db, [seed("004")], parser)
    planned = [(m["body"], m["date"]) for m in data(db)["meetings"] if m["status"] == "planned"]
    assert planned == [
        (X.R, "2017-11-23"),
        (X.R, "2018-02-22"),
        (X.R, "2018-05-31"),
        (X.S, "2017-12-07"),
        (X.S, "2018-03-15"),
        (X.S, "2018-06-14"),
    ]


def test_a_meeting_out_of_force_stays_while_something_holds_it(
    db: sessionmaker[Session], parser: Parser
) -> None:
    load(db, [seed("003")], parser)
    _chat_forfall(db, body=X.R, date=dt.date(2018, 5, 3), name="Per Kierulf", reason="Reise")
    load(db, [seed("004")], parser)
    dates = [(m["body"], m["date"]) for m in data(db)["meetings"]]
    assert (X.R, "2018-05-03") in dates  # held by a member's forfall
    assert (X.S, "2018-05-24") not in dates  # held by nothing: gone


def test_the_secretariat_s_meeting_keeps_time_place_and_status(
    db: sessionmaker[Session], parser: Parser
) -> None:
    with db() as session:
        body = Body(name=X.S)
        session.add(body)
        session.flush()
        session.add(
            Meeting(
                body_id=body.id,
                date=dt.date(2017, 9, 28),
                starts_at=dt.datetime(2017, 9, 28, 14, tzinfo=OSLO),
                location="Asker rådhus",
                status="planned",
                set_by_secretariat=True,
            )
        )
        session.commit()
    load(db, [seed("003")], parser)
    m = meeting(db, X.S, "2017-09-28")
    assert (m["start"], m["end"], m["location"], m["status"]) == ("14:00", None, "Asker rådhus", "planned")
    assert len(m["saker"]) == 8 and len(m["attendance"]) == 34


def _without_line(parser: Parser, line: str) -> Parser:
    def parse(path: Path) -> ParsedDocument:
        doc = parser(path)
        if parser is fake_parse and line not in path.read_text(encoding="utf-8"):
            doc = replace(doc, plan=tuple(p for p in doc.plan if line not in p.raw))
        return doc

    return parse


@pytest.mark.parametrize("with_case_document", [True, False])
def test_corrected_plan_drops_a_line(
    db: sessionmaker[Session], parser: Parser, tmp_path: Path, with_case_document: bool
) -> None:
    line = "31.5: Rådmannsgruppen – ordinært møte"
    load(db, [seed("003"), seed("004")] + ([seed("002")] if with_case_document else []), parser)
    copy = tmp_path / seed("004").name
    copy.write_text(seed("004").read_text(encoding="utf-8").replace(line, ""), encoding="utf-8")
    [report] = load(db, [copy], _without_line(parser, line))
    assert report.ok and report.counts.plan_lines == 2
    dates = {(m["body"], m["date"]): m for m in data(db)["meetings"]}
    if with_case_document:
        assert dates[(X.R, "2018-05-31")]["sources"] == [X.F002]
    else:
        assert (X.R, "2018-05-31") not in dates
    # 004's plan no longer names Rådmannsgruppen, so 003's line for it is in force again;
    # Styringsgruppen's 24.5 stays replaced.
    assert dates[(X.R, "2018-05-03")]["sources"] == [X.F003]
    assert (X.S, "2018-05-24") not in dates


def test_same_file_name_for_another_meeting_keeps_both(
    db: sessionmaker[Session], parser: Parser, tmp_path: Path
) -> None:
    """Issue 13: a document's identity is what it describes, not its file name. A file of the same
    name in another folder that describes another meeting is another document: both stay."""
    load(db, list(SEEDS), parser)
    before = data(db)
    copy = tmp_path / seed("000").name
    text = seed("000").read_text(encoding="utf-8")
    copy.write_text(
        text.replace("15. september 2016", "16. september 2016").replace("15.09.2016", "16.09.2016")
    )

    def parse(path: Path) -> ParsedDocument:
        doc = parser(path)
        return replace(doc, date=dt.date(2016, 9, 16)) if parser is fake_parse else doc

    [report] = load(db, [copy], parse)
    assert report.ok and report.date == dt.date(2016, 9, 16)
    assert report.same_file_name and report.replaced == ()
    after = {(m["body"], m["date"]): m for m in data(db)["meetings"]}
    old = next(m for m in before["meetings"] if m["date"] == "2016-09-15")
    assert after[(X.R, "2016-09-15")] == old  # the first document's meeting is whole
    moved = after[(X.R, "2016-09-16")]
    assert {k: v for k, v in moved.items() if k != "date"} == {k: v for k, v in old.items() if k != "date"}
    assert len(after) == len(before["meetings"]) + 1


def test_two_documents_of_one_file_name_in_two_folders_both_stay(
    db: sessionmaker[Session], parser: Parser, tmp_path: Path
) -> None:
    """Issue 13's data loss: the second «referat.txt» deleted the first's meetings (12 saker gone)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = tmp_path / "a" / "referat.txt"
    second = tmp_path / "b" / "referat.txt"
    shutil.copy(seed("000"), first)
    shutil.copy(seed("001"), second)

    def parse(path: Path) -> ParsedDocument:
        # the hand-built stand-in knows documents by their seed prefix
        source = seed("000") if path == first else seed("001")
        return parser(source) if parser is fake_parse else parser(path)

    reports = load(db, [first, second], parse)
    assert [r.ok for r in reports] == [True, True]
    assert reports[1].same_file_name and reports[1].replaced == ()
    by_day = {m["date"]: m for m in data(db)["meetings"] if m["body"] == X.R}
    assert len(by_day["2016-09-15"]["saker"]) == 12 and len(by_day["2016-09-15"]["attendance"]) == 21
    assert len(by_day["2016-05-26"]["saker"]) > 0
