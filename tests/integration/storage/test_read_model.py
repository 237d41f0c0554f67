"""Kept answers are never stale: every kind of write draws a new read generation, in any process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from handlers import reply_cache
from storage import read_model
from storage.db import make_engine, session_factory, unit_of_work
from storage.models import Attendance, Meeting, Person
from tests.integration.handlers.members.seeds import Chat, import_seeds, plain, services

NEXT = dt.date(2017, 11, 23)  # Rådmannsgruppen's next meeting after the clock's 2017-10-02


def _generation(db: sessionmaker[Session]) -> int | None:
    with unit_of_work(db, write=False) as session:
        return read_model.generation(session)


@pytest.fixture
def seeded(db: sessionmaker[Session]) -> sessionmaker[Session]:
    import_seeds(db)
    return db


def _meeting_id(db: sessionmaker[Session]) -> int:
    with unit_of_work(db, write=False) as session:
        found = session.scalar(select(Meeting.id).where(Meeting.date == NEXT))
        assert found is not None
        return found


def _per(db: sessionmaker[Session]) -> int:
    with unit_of_work(db, write=False) as session:
        found = session.scalar(select(Person.id).where(Person.name == "Per Kierulf"))
        assert found is not None
        return found


def _orm_forfall(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as session:
        session.add(
            Attendance(
                meeting_id=_meeting_id(db), person_id=_per(db), status="absent", origin="chat", reason="kurs"
            )
        )


def _core_update(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as session:
        session.execute(update(Meeting).where(Meeting.date == NEXT).values(location="Kulturhuset"))


WRITES: dict[str, tuple[Callable[[sessionmaker[Session]], None], str]] = {
    "an ORM add (a forfall)": (_orm_forfall, "Per Kierulf"),
    "a Core UPDATE through the session": (_core_update, "Kulturhuset"),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_makes_the_next_answer_fresh(seeded: sessionmaker[Session], write: str) -> None:
    chat = Chat(services(seeded))
    first = plain(chat.say("neste møte i rådmannsgruppen"))
    cache = reply_cache.cache_of(_engine(seeded))
    hits = cache.hits
    assert plain(chat.say("neste møte i rådmannsgruppen")) == first
    assert cache.hits == hits + 1  # the second answer was the kept one
    before = _generation(seeded)
    change, shows = WRITES[write]
    change(seeded)
    assert _generation(seeded) != before
    fresh = plain(chat.say("neste møte i rådmannsgruppen"))
    assert shows not in first and shows in fresh


def test_a_write_in_another_process_is_seen(seeded: sessionmaker[Session], engine: Engine) -> None:
    """Another engine on the same database stands for another process with a cache of its own."""
    chat = Chat(services(seeded))
    first = plain(chat.say("neste møte i rådmannsgruppen"))
    other = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        _orm_forfall(session_factory(other))
    finally:
        other.dispose()
    fresh = plain(chat.say("neste møte i rådmannsgruppen"))
    assert "Per Kierulf" not in first and "Per Kierulf" in fresh


def test_a_rolled_back_write_changes_nothing_kept(seeded: sessionmaker[Session]) -> None:
    before = _generation(seeded)
    with pytest.raises(RuntimeError), unit_of_work(seeded) as session:
        session.execute(update(Meeting).where(Meeting.date == NEXT).values(location="Kulturhuset"))
        raise RuntimeError("rolled back")
    assert _generation(seeded) == before
    assert "Kulturhuset" not in plain(Chat(services(seeded)).say("neste møte i rådmannsgruppen"))


def test_a_delivery_mark_keeps_the_generation(seeded: sessionmaker[Session]) -> None:
    from storage import events

    before = _generation(seeded)
    with unit_of_work(seeded) as session:
        assert events.claim_event(session, key="slack:command:x", now=dt.datetime.now(dt.UTC))
    assert _generation(seeded) == before  # bookkeeping no answer is made from


def _engine(db: sessionmaker[Session]) -> Engine:
    with db() as session:
        return session.get_bind().engine
