"""Fixtures for the ingest tests: the seed documents by number, and their .docx/.pdf conversions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.unit.ingest import converters


def seed(number: str) -> Path:
    """The seed whose file name starts with the number («003»)."""
    return next(p for p in SEEDS if p.name.startswith(number))


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, bool]]:
    """Every seed as .docx and .pdf, made once per session: (seed name, suffix) → (file, exact)."""
    out = tmp_path_factory.mktemp("converted")
    files: dict[tuple[str, str], tuple[Path, bool]] = {}
    for source in SEEDS:
        files[(source.name, ".docx")] = (converters.to_docx(source, out / f"{source.stem}.docx"), True)
        pdf, exact = converters.to_pdf(converters.printable_text(source), out / f"{source.stem}.pdf")
        files[(source.name, ".pdf")] = (pdf, exact)
    return files
