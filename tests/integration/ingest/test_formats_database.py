"""The seeds as .docx (pandoc) and .pdf (fpdf2) give the same database as the .txt originals."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from ingest.parse import parse_file
from storage.db import session_factory
from tests.conftest import SEEDS
from tests.integration.ingest.helpers import dump, load
from tests.unit.ingest import converters


@pytest.fixture(scope="module")
def formats(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """The five seeds in each format, file names kept but for the suffix."""
    out = tmp_path_factory.mktemp("formats")
    docx = [converters.to_docx(s, out / f"{s.stem}.docx") for s in SEEDS]
    pdf = []
    for s in SEEDS:
        path, exact = converters.to_pdf(converters.printable_text(s), out / f"{s.stem}.pdf")
        if not exact:
            pytest.skip("no Unicode font (DejaVu Sans) to typeset æøå in the PDFs")
        pdf.append(path)
    return {".docx": docx, ".pdf": pdf}


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_same_database_from_every_format(engine: Engine, formats: dict[str, list[Path]], suffix: str) -> None:
    db = session_factory(engine)
    reports = load(db, list(SEEDS), parse_file)
    assert all(r.ok for r in reports)
    from_text = dump(db)
    with db() as session:
        session.connection().exec_driver_sql("DELETE FROM meetings")
        session.connection().exec_driver_sql("DELETE FROM saker")
        session.connection().exec_driver_sql("DELETE FROM documents")
        session.connection().exec_driver_sql("DELETE FROM people")
        session.connection().exec_driver_sql("DELETE FROM bodies")
        session.commit()
    assert dump(db).count("{") == 1  # empty again
    reports = load(db, formats[suffix], parse_file)
    assert [(r.file_name, r.ok, r.error_code) for r in reports] == [
        (f"{s.stem}{suffix}", True, None) for s in SEEDS
    ]
    assert dump(db) == from_text.replace(".txt", suffix)
