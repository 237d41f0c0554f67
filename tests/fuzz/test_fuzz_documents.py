"""Fuzzed .md/.txt/.docx/.pdf bytes (the seeds mutated, small broken zips, XML and PDFs) through the
readers, the parsers and the import, on SQLite and PostgreSQL.

Properties: a reader or parser raises nothing but a DocumentError with a known code; an import is
never an internal error and always has a Norwegian report; a refused document changes no table;
no small document costs more than READ_CPU seconds of CPU.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import Engine

from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.documents import DOCUMENTS, docx_documents, pdf_documents, text_documents
from tests.fuzz.importing import ERROR_CODES, INTERNAL_ERROR, import_one, norwegian, parse_or_refuse, write

READ_CPU = 2.0  # seconds for a document of a few KB; the seeds take a few ms each


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("fuzzdocs")


def _read(folder: Path, name: str, data: bytes) -> None:
    path = write(folder, name, data)
    parsed, code, cpu = parse_or_refuse(path)
    assert parsed is not None or code in ERROR_CODES, code
    assert cpu < READ_CPU, f"{cpu:.2f} s of CPU for {len(data)} bytes of {name}"


# What the fuzzing found, kept (each failed before its fix):
# a second «Sted:» line was read as an attendance list of kind «place»: KeyError in parse_minutes.
_TWO_PLACES = (
    "Referat fra møte i Rådmannsgruppen 15.09.2016\n\nSted: Drammen\n\nSted: Per Kierulf, Akershus\n"
)


@fuzz_settings(examples=150)
@given(document=st.one_of(text_documents(), docx_documents(), pdf_documents()))
@example(document=("to_steder.txt", _TWO_PLACES.encode()))
def test_a_broken_document_is_read_or_refused_with_a_known_code(
    folder: Path, document: tuple[str, bytes]
) -> None:
    _read(folder, *document)


@fuzz_settings(examples=50)
@given(document=DOCUMENTS)
@example(document=("to_steder.txt", _TWO_PLACES.encode()))
def test_a_broken_document_is_imported_or_refused_and_a_refusal_changes_nothing(
    seeded: Engine, folder: Path, document: tuple[str, bytes]
) -> None:
    name, data = document
    got = import_one(seeded, write(folder, name, data))
    assert got.report.error_code != INTERNAL_ERROR, got.report
    assert norwegian(got.report)
    if not got.report.ok:
        assert not got.wrote, got.report
