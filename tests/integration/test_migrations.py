"""Alembic: `upgrade head` builds an empty database and autogenerate finds no difference."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from ingest.load import import_paths
from storage.clock import fixed_clock
from storage.db import downgrade, session_factory, upgrade
from storage.models import Base
from storage.search import include_name

NOW = dt.datetime(2017, 10, 2, 8, 0, tzinfo=dt.UTC)


def test_upgrade_head_builds_every_table_and_matches_models(engine: Engine) -> None:
    upgrade(engine)  # again: idempotent on a database already at head
    names = set(inspect(engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= names
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def _rows(engine: Engine, table: str, order: str) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))]


def test_0003_fills_existing_treatments_as_the_live_writer_does(engine: Engine, seeds: list[Path]) -> None:
    """Migration 0003 carries its own frozen copy of the rules: on the seeds it must write the same
    open items, citations and decisions as the live code (storage.open_items) does on import."""
    reports = import_paths(session_factory(engine), seeds, clock=fixed_clock(NOW))
    assert all(r.ok for r in reports)
    tables = {
        "open_items": "treatment_id, position",
        "sak_citations": "treatment_id, number, year",
        "decisions": "treatment_id",
    }
    live = {t: _rows(engine, t, o) for t, o in tables.items()}
    assert live["open_items"] and live["sak_citations"] and live["decisions"]  # the seeds have all three
    try:
        downgrade(engine, "0002")
        assert "open_items" not in inspect(engine).get_table_names()
    finally:
        upgrade(engine)  # 0003 again, on a database that has treatments
    frozen = {t: _rows(engine, t, o) for t, o in tables.items()}
    # Ids of open_items rows are a sequence: compare everything but the id.
    assert [r[1:] for r in frozen["open_items"]] == [r[1:] for r in live["open_items"]]
    assert frozen["sak_citations"] == live["sak_citations"]
    assert frozen["decisions"] == live["decisions"]


def test_0012_rebuilds_saker_without_losing_treatments_or_search(engine: Engine, seeds: list[Path]) -> None:
    """0012 changes the saker's unique key; on SQLite that means building the table anew, which must
    neither cascade to the treatments nor leave the search triggers behind, going down or up."""
    from storage.search import search_saker

    reports = import_paths(session_factory(engine), seeds, clock=fixed_clock(NOW))
    assert all(r.ok for r in reports)
    tables = {
        "saker": "id",
        "treatments": "id",
        "open_items": "id",
        "sak_citations": "treatment_id, number, year",
    }
    before = {t: _rows(engine, t, o) for t, o in tables.items()}
    assert before["treatments"]
    downgrade(engine, "0005_secretariat")
    upgrade(engine)
    after = {t: _rows(engine, t, o) for t, o in tables.items()}
    assert after["saker"] == before["saker"]
    assert after == before
    with session_factory(engine)() as session:
        hits = search_saker(session, query="kunst rett vest", limit=3, offset=0)
        assert hits, "the search index still follows the saker"
        # The triggers came back: a new title is found at once.
        session.execute(
            text("UPDATE saker SET title = 'Xylofonverksted' WHERE id = :i"), {"i": hits[0].sak_id}
        )
        session.commit()
        assert [h.sak_id for h in search_saker(session, query="xylofonverksted", limit=3, offset=0)] == [
            hits[0].sak_id
        ]
        # And the foreign keys still point at saker: a body's saker and treatments go with it.
        body_id = session.scalar(text("SELECT body_id FROM saker WHERE id = :i"), {"i": hits[0].sak_id})
        session.execute(text("DELETE FROM bodies WHERE id = :b"), {"b": body_id})
        session.commit()
        left = session.scalar(
            text("SELECT count(*) FROM treatments t LEFT JOIN saker s ON s.id = t.sak_id WHERE s.id IS NULL")
        )
        assert left == 0
