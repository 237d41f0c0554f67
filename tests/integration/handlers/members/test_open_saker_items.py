"""Åpne saker as stored rows: a re-import rewrites them, later vedtak and minutes close them, and
each body shows at most PER_BODY of them with a count of the rest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from handlers import open_saker
from handlers.open_saker import PER_BODY
from ingest.load import import_paths
from storage import open_items
from storage.clock import fixed_clock
from storage.models import Body, Meeting, OpenItem, Sak, Treatment
from tests.conftest import SEEDS_DIR
from tests.integration.handlers.members.seeds import NOW, Chat, plain
from tests.integration.handlers.members.test_open_saker import held

KOMUT = "Prosjektleder bes utarbeide oversikt over status i den enkelte kommune"


def _later_vedtak(db: sessionmaker[Session], *, day: dt.date, title: str, number: int, text: str) -> None:
    """A Styringsgruppen sak with a vedtak at a held meeting on `day`."""
    meeting = held(db, "Styringsgruppen", day)
    with db.begin() as s:
        styring = s.scalar(select(Body.id).where(Body.name == "Styringsgruppen"))
        sak = Sak(body_id=styring, number=number, year=day.year, title=title)
        s.add(sak)
        s.flush()
        s.add(Treatment(sak_id=sak.id, meeting_id=meeting.id, text=text, vedtak="Saken godkjennes."))
        s.flush()
        open_items.refresh_meeting(s, meeting_id=meeting.id)  # a writer refreshes what it wrote


def test_a_reimport_with_a_changed_vedtak_rewrites_the_open_items(
    chat: Chat, db: sessionmaker[Session], tmp_path: Path
) -> None:
    assert KOMUT in plain(chat.say("saker rådmannsgruppen"))
    seed = SEEDS_DIR / "000_e039b04203c56e42.txt"
    changed = tmp_path / seed.name
    changed.write_text(
        seed.read_text(encoding="utf-8").replace(KOMUT, "Ferdig oversikt over status i hver kommune"),
        encoding="utf-8",
    )
    reports = import_paths(db, [changed], clock=fixed_clock(NOW))
    assert all(r.ok for r in reports), reports
    text = plain(chat.say("saker rådmannsgruppen"))
    assert KOMUT not in text
    assert "26/2016" not in text
    with db() as s:
        sentences = s.scalars(select(OpenItem.sentence)).all()
    assert not [x for x in sentences if x.startswith(KOMUT)]  # no stale row left behind


def test_a_recommendation_closes_with_a_later_vedtak_citing_its_number(
    chat: Chat, db: sessionmaker[Session]
) -> None:
    # Before the recommendation (15.09.2016): it cannot answer it.
    _later_vedtak(db, day=dt.date(2016, 6, 16), title="Økonomi", number=31, text="Se sak 29/16.")
    assert "29/2016" in plain(chat.say("saker rådmannsgruppen"))
    _later_vedtak(db, day=dt.date(2016, 10, 20), title="Økonomi", number=40, text="Jf. sak 29/16.")
    text = plain(chat.say("saker rådmannsgruppen"))
    assert "29/2016" not in text
    assert "25/2016" in text  # another recommendation of that day still waits


def test_a_recommendation_closes_with_a_later_vedtak_of_the_same_title(
    chat: Chat, db: sessionmaker[Session]
) -> None:
    _later_vedtak(db, day=dt.date(2016, 6, 16), title="Budsjettjustering", number=31, text="")  # before
    assert "29/2016" in plain(chat.say("saker rådmannsgruppen"))
    _later_vedtak(db, day=dt.date(2016, 11, 17), title="BUDSJETTJUSTERING", number=41, text="")
    text = plain(chat.say("saker rådmannsgruppen"))
    assert "29/2016" not in text
    assert "25/2016" in text


def test_a_task_closes_with_the_next_held_minutes(chat: Chat, db: sessionmaker[Session]) -> None:
    held(db, "Styringsgruppen", dt.date(2016, 10, 20))  # another body's minutes: still open
    assert KOMUT in plain(chat.say("saker rådmannsgruppen"))
    held(db, "Rådmannsgruppen", dt.date(2016, 10, 20))
    assert KOMUT not in plain(chat.say("saker rådmannsgruppen"))


def _many_proposals(db: sessionmaker[Session], extra: int) -> None:
    """`extra` saker with a forslag at a Styringsgruppen meeting in 2019."""
    with db.begin() as s:
        styring = s.scalar(select(Body.id).where(Body.name == "Styringsgruppen"))
        assert styring is not None
        meeting = Meeting(body_id=styring, date=dt.date(2019, 3, 14))
        s.add(meeting)
        for number in range(1, extra + 1):
            sak = Sak(body_id=styring, number=number, year=2019, title=f"Ny sak {number}")
            s.add(sak)
            s.flush()
            s.add(Treatment(sak_id=sak.id, meeting=meeting, position=number, proposal="Forslaget vedtas."))
        s.flush()
        open_items.refresh_meeting(s, meeting_id=meeting.id)


def test_each_body_shows_the_oldest_items_and_counts_the_rest(chat: Chat, db: sessionmaker[Session]) -> None:
    extra = PER_BODY + 5
    _many_proposals(db, extra)
    lines = plain(chat.say("saker styringsgruppen")).splitlines()
    items = [line for line in lines if line.startswith("- ")]
    assert len(items) == PER_BODY
    assert "03/2018" in items[2]  # oldest first: the seeds' items lead
    assert f"… og {3 + extra - PER_BODY} til (de eldste vises først)" in lines
    assert "Ny sak 30" not in "\n".join(items)


def test_a_long_list_is_counted_up_to_a_bound(
    chat: Chat, db: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(open_saker, "COUNT_UP_TO", PER_BODY + 3)
    _many_proposals(db, PER_BODY + 5)
    reply = chat.say("saker styringsgruppen")
    assert "… og over 3 til (de eldste vises først)" in plain(reply).splitlines()
    assert reply.fallback == f"over {PER_BODY + 3} åpne saker"
