"""The search indexes follow saker and treatments through triggers, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from storage.db import downgrade, unit_of_work, upgrade
from storage.models import Body, Document, Meeting, Sak, Treatment
from storage.search import query_words, saker_by_number, search_saker

NOW = dt.datetime(2017, 10, 2, 10, tzinfo=dt.UTC)


def _meeting(session: Session, body: Body, day: dt.date, file_name: str) -> tuple[Meeting, Document]:
    # The content hash is unique (a document is its content): one per file here.
    digest = hashlib.sha256(file_name.encode()).hexdigest()
    doc = Document(file_name=file_name, content_hash=digest, kind="referat", doc_date=day, imported_at=NOW)
    meeting = Meeting(body=body, date=day, status="held")
    session.add_all([doc, meeting])
    session.flush()
    return meeting, doc


@pytest.fixture
def archive(db: sessionmaker[Session]) -> dict[str, int]:
    """Two bodies, three saker; sak 24/2016 exists in both; one sak has a forslag, then a vedtak."""
    with unit_of_work(db) as s:
        rg, sg = Body(name="Rådmannsgruppen"), Body(name="Styringsgruppen")
        s.add_all([rg, sg])
        s.flush()
        m1, d1 = _meeting(s, rg, dt.date(2016, 9, 15), "rg-2016-09-15.txt")
        m2, d2 = _meeting(s, sg, dt.date(2016, 10, 6), "sg-2016-10-06.txt")
        m3, d3 = _meeting(s, sg, dt.date(2016, 12, 8), "sg-2016-12-08.txt")
        helse = Sak(body=rg, number=25, year=2016, title="Status kommunehelsesamarbeidet")
        okonomi = Sak(body=rg, number=24, year=2016, title="Økonomisk status pr 30.07.2016")
        kunst = Sak(body=sg, number=24, year=2016, title="Vertskap 2017 – Kunst rett vest")
        s.add_all([helse, okonomi, kunst])
        s.flush()
        s.add_all(
            [
                Treatment(sak=helse, meeting=m1, document=d1, text="Koordinator orienterte.",
                          vedtak="Framlagt informasjon tas til orientering."),
                Treatment(sak=okonomi, meeting=m1, document=d1, text="Regnskapet viser en omsetning.",
                          vedtak="Framlagt resultatrapport godkjennes."),
                Treatment(sak=kunst, meeting=m2, document=d2, text="Bærum er vertskommune.",
                          proposal="Styringsgruppen ber Bærum ta vertskapet."),
                Treatment(sak=kunst, meeting=m3, document=d3, text="Bærum takket ja.",
                          vedtak="Bærum er vertskap for Kunst rett vest 2017."),
            ]
        )  # fmt: skip
        return {"helse": helse.id, "okonomi": okonomi.id, "kunst": kunst.id}


def _ids(db: sessionmaker[Session], query: str, limit: int = 10, offset: int = 0) -> list[int]:
    with db() as s:
        return [h.sak_id for h in search_saker(s, query=query, limit=limit, offset=offset)]


def test_words_in_title_vedtak_forslag_and_text_are_found(
    db: sessionmaker[Session], archive: dict[str, int]
) -> None:
    assert _ids(db, "resultatrapport") == [archive["okonomi"]]  # vedtak
    assert _ids(db, "vertskapet") == [archive["kunst"]]  # forslag
    assert _ids(db, "omsetning") == [archive["okonomi"]]  # text
    assert _ids(db, "kunst rett vest") == [archive["kunst"]]  # title


def test_compounds_inflections_typos_and_case(db: sessionmaker[Session], archive: dict[str, int]) -> None:
    assert _ids(db, "helsesamarbeid") == [archive["helse"]]  # inside a compound title
    assert _ids(db, "kommunehelsesamarbeide") == [archive["helse"]]  # cut short
    assert _ids(db, "kommunehelsesamarbiedet") == [archive["helse"]]  # letters swapped
    assert _ids(db, "informasjonen") == [archive["helse"]]  # another form of «informasjon»
    assert _ids(db, "resultatrapportene") == [archive["okonomi"]]
    assert _ids(db, "Økonomisk") == _ids(db, "økonomisk") == [archive["okonomi"]]


def test_all_words_first_then_any(db: sessionmaker[Session], archive: dict[str, int]) -> None:
    # No sak has both words: the saker with either come back rather than nothing.
    assert set(_ids(db, "resultatrapport vertskapet")) == {archive["okonomi"], archive["kunst"]}
    assert _ids(db, "xyzzy plugh") == []


def test_paging_never_repeats_a_sak(db: sessionmaker[Session], archive: dict[str, int]) -> None:
    every = _ids(db, "framlagt")
    assert set(every) == {archive["helse"], archive["okonomi"]}
    assert _ids(db, "framlagt", limit=1) + _ids(db, "framlagt", limit=1, offset=1) == every
    assert _ids(db, "framlagt", limit=1, offset=2) == []


def test_a_hit_shows_the_vedtak_over_an_earlier_forslag(
    db: sessionmaker[Session], archive: dict[str, int]
) -> None:
    with db() as s:
        (hit,) = search_saker(s, query="kunst rett vest", limit=5, offset=0)
    assert (hit.body, hit.number, hit.year) == ("Styringsgruppen", 24, 2016)
    assert hit.vedtak == "Bærum er vertskap for Kunst rett vest 2017."
    assert (hit.meeting_date, hit.source) == (dt.date(2016, 12, 8), "sg-2016-12-08.txt")


def test_a_number_in_two_bodies_gives_both(db: sessionmaker[Session], archive: dict[str, int]) -> None:
    with db() as s:
        hits = saker_by_number(s, number=24, year=2016)
        assert [(h.body, h.title) for h in hits] == [
            ("Rådmannsgruppen", "Økonomisk status pr 30.07.2016"),
            ("Styringsgruppen", "Vertskap 2017 – Kunst rett vest"),
        ]
        assert saker_by_number(s, number=24, year=2017) == []
        assert saker_by_number(s, number=26, year=2016) == []


def test_the_index_follows_updates_and_deletes(db: sessionmaker[Session], archive: dict[str, int]) -> None:
    with unit_of_work(db) as s:
        treatment = s.query(Treatment).filter_by(sak_id=archive["okonomi"]).one()
        treatment.vedtak = "Framlagt tertialrapport godkjennes."
        s.get(Sak, archive["helse"]).title = "Status samhandlingsreformen"  # type: ignore[union-attr]
    assert _ids(db, "resultatrapport") == []
    assert _ids(db, "tertialrapport") == [archive["okonomi"]]
    assert _ids(db, "helsesamarbeid") == []
    assert _ids(db, "samhandling") == [archive["helse"]]
    with unit_of_work(db) as s:
        s.delete(s.query(Treatment).filter_by(sak_id=archive["okonomi"]).one())
    assert _ids(db, "tertialrapport") == []
    assert _ids(db, "økonomisk status") == [archive["okonomi"]]  # the title is still there
    with unit_of_work(db) as s:
        s.delete(s.get(Sak, archive["kunst"]))
    assert _ids(db, "kunst rett vest") == []
    assert _ids(db, "vertskapet") == []


def test_function_words_alone_find_nothing(db: sessionmaker[Session], archive: dict[str, int]) -> None:
    assert query_words("Hva ble vedtatt om det?") == ["vedtatt"]
    assert _ids(db, "og i om det") == []


def test_saker_already_there_are_indexed_by_the_migration(engine: Engine, db: sessionmaker[Session]) -> None:
    try:
        downgrade(engine, "0001")
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO bodies (name, reminder_offsets, reminder_time) VALUES ('R', '[]', '09:00')")
            )
            conn.execute(
                text(
                    "INSERT INTO saker (body_id, number, year, title) "
                    "SELECT id, 1, 2016, 'Budsjett' FROM bodies"
                )
            )
    finally:
        upgrade(engine)
    assert len(_ids(db, "budsjett")) == 1
