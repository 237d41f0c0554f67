"""Open items stay right after every write path (there are no ORM hooks: each writer refreshes).

The documents are written here: two bodies, a recommendation to a body that is not yet known, a
sak that a later document retitles, and a task that waits for another body's minutes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ingest.load import import_paths
from storage.clock import fixed_clock
from storage.models import Body, OpenItem

NOW = dt.datetime(2030, 1, 2, 8, 0, tzinfo=dt.UTC)


def _minutes(path: Path, body: str, day: str, saker: list[tuple[int, str, str]]) -> Path:
    lines = [f"## Referat fra møte i {body} {day}", "", "**Til stede:** Ola Testesen, Kari Prøvesen", ""]
    for number, title, vedtak in saker:
        lines += [
            f"**Sak {number}/2029**      **{title}**",
            "Saken ble drøftet.",
            "",
            "*Vedtak:*",
            vedtak,
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _import(db: sessionmaker[Session], *paths: Path) -> None:
    reports = import_paths(db, list(paths), clock=fixed_clock(NOW))
    assert all(r.ok for r in reports), reports


def _items(db: sessionmaker[Session]) -> list[tuple[str, str | None, str]]:
    """(kind, name of the body it waits for, title key) of every open item."""
    with db() as s:
        names = {i: n for i, n in s.execute(select(Body.id, Body.name))}
        rows = s.execute(select(OpenItem.kind, OpenItem.waits_for_body_id, OpenItem.title_key)).all()
        return sorted((kind, names.get(waits) if waits else None, title) for kind, waits, title in rows)


def test_a_new_body_is_found_in_recommendations_written_before_it(
    db: sessionmaker[Session], tmp_path: Path
) -> None:
    first = _minutes(tmp_path / "a.md", "Rådmannsgruppen", "5. mars 2029", [
        (4, "Felles innkjøp", "Rådmannsgruppen anbefaler styringsgruppen å slutte seg til avtalen."),
    ])  # fmt: skip
    _import(db, first)
    assert _items(db) == [("recommends", None, "felles innkjøp")]  # Styringsgruppen is not known yet
    later = _minutes(tmp_path / "b.md", "Styringsgruppen", "7. mai 2029", [(9, "Budsjett", "Godkjent.")])
    _import(db, later)  # the loader inserts the body and refreshes what may name it
    assert _items(db) == [("recommends", "Styringsgruppen", "felles innkjøp")]


def test_a_sak_retitled_by_a_later_document_rewrites_the_items_of_its_earlier_treatments(
    db: sessionmaker[Session], tmp_path: Path
) -> None:
    sak = [(4, "Felles innkjøp", "Sekretariatet bes utrede saken videre.")]
    _import(db, _minutes(tmp_path / "a.md", "Rådmannsgruppen", "5. mars 2029", sak))
    assert _items(db) == [("task", "Rådmannsgruppen", "felles innkjøp")]
    retitled = [(4, "Felles innkjøp av IKT", "Tatt til orientering.")]
    _import(db, _minutes(tmp_path / "b.md", "Rådmannsgruppen", "7. mai 2029", retitled))
    assert _items(db) == [("task", "Rådmannsgruppen", "felles innkjøp av ikt")]


def test_a_reimport_without_the_task_removes_it(db: sessionmaker[Session], tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    _import(
        db, _minutes(path, "Rådmannsgruppen", "5. mars 2029", [(4, "Innkjøp", "Sekretariatet bes utrede.")])
    )
    assert [k for k, _, _ in _items(db)] == ["task"]
    _import(db, _minutes(path, "Rådmannsgruppen", "5. mars 2029", [(4, "Innkjøp", "Tatt til orientering.")]))
    assert _items(db) == []
