"""The secretariat's hand against the documents: a re-imported plan line does not undo a move or a time."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from handlers import plan_admin
from handlers.services import Services
from ingest.load import import_paths
from storage.clock import OSLO, fixed_clock, parse_when
from storage.db import unit_of_work
from storage.models import Body, Meeting

ROOT = Path(__file__).resolve().parents[3]
SEEDS = sorted((ROOT / "examples" / "referater").glob("*.txt"))


def _meetings(db: sessionmaker[Session], body: str) -> list[tuple[str, str | None, str, bool]]:
    with unit_of_work(db) as session:
        rows = session.execute(
            select(Meeting.date, Meeting.starts_at, Meeting.status, Meeting.set_by_secretariat)
            .join(Body, Body.id == Meeting.body_id)
            .where(Body.name == body, Meeting.date >= dt.date(2017, 10, 2))
            .order_by(Meeting.date)
        ).all()
    return [
        (d.isoformat(), s.astimezone(OSLO).strftime("%H:%M") if s else None, status, mine)
        for d, s, status, mine in rows
    ]


def test_reimport_keeps_what_the_secretariat_set(db: sessionmaker[Session], tmp_path: Path) -> None:
    clock = fixed_clock(parse_when("2017-10-02"))
    assert all(r.ok for r in import_paths(db, SEEDS, clock=clock, tz=OSLO))
    services = Services(factory=db, clock=clock, tz=OSLO)
    plan_admin.move(
        services, body="Styringsgruppen", date="07.12.2017", to="14.12.2017", time="10:00-12:00", place=None
    )
    plan_admin.add(services, body="Rådmannsgruppen", date="23.11.2017", time="09:00-11:30", place="Drammen")
    before = {b: _meetings(db, b) for b in ("Styringsgruppen", "Rådmannsgruppen")}
    assert ("2017-12-07", None, "cancelled", True) in before["Styringsgruppen"]
    assert ("2017-12-14", "10:00", "planned", True) in before["Styringsgruppen"]

    # Corrected versions of the documents with the plan lines: the loader reads them again.
    again = []
    for seed in SEEDS:
        copy = tmp_path / seed.name
        shutil.copy(seed, copy)
        with copy.open("a", encoding="utf-8") as f:
            f.write("\n\n")
        again.append(copy)
    reports = import_paths(db, again, clock=clock, tz=OSLO)
    assert all(r.ok for r in reports), [r.error_code for r in reports]
    assert not any(r.unchanged for r in reports)  # really read again, not skipped as identical
    assert {b: _meetings(db, b) for b in before} == before
