"""The seeds as .docx (pandoc) and .pdf (fpdf2, wrapped, with page furniture) parse as the .txt does."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pypdf import PdfReader

from ingest.model import ParsedDocument
from ingest.parse import parse_file, parse_text
from ingest.readers import read_document
from tests.conftest import SEEDS
from tests.unit.ingest import converters


def without_line_numbers(document: ParsedDocument) -> ParsedDocument:
    """Line numbers differ between formats by nature; everything else must not."""
    return dataclasses.replace(
        document,
        saker=tuple(dataclasses.replace(s, line=0) for s in document.saker),
        plan=tuple(dataclasses.replace(p, line=0) for p in document.plan),
        warnings=tuple(dataclasses.replace(w, line=0) for w in document.warnings),
    )


def expected(source: Path, exact: bool) -> ParsedDocument:
    if exact:
        return parse_file(source)
    # Without a Unicode font the PDF carries the Latin-1 fallback (– → -, ” → "): compare like with like.
    text = source.read_text(encoding="utf-8").translate(converters.LATIN1_FALLBACK)
    return parse_text(text, file_name=source.name)


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
@pytest.mark.parametrize("source", SEEDS, ids=lambda p: p.name[:3])
def test_same_document_in_every_format(converted, source: Path, suffix: str) -> None:
    path, exact = converted[(source.name, suffix)]
    assert path.suffix == suffix
    assert without_line_numbers(parse_file(path)) == without_line_numbers(expected(source, exact))


@pytest.mark.parametrize("source", SEEDS, ids=lambda p: p.name[:3])
def test_pdf_furniture_is_gone(converted, source: Path) -> None:
    path, _ = converted[(source.name, ".pdf")]
    pages = len(PdfReader(path).pages)
    text = read_document(path)
    assert pages >= 2  # every seed runs over pages: headers, footers and page breaks are exercised
    assert "møtedokument" not in text  # the running header
    assert f"av {pages}" not in text  # the «Side N av M» footer
    assert "Sak " in text


def test_pdf_paragraph_broken_by_a_page_is_joined(converted) -> None:
    """In the 003 PDF a page ends inside «… fokuserer å» / «kjennskap til …»: one paragraph again."""
    source = next(p for p in SEEDS if p.name.startswith("003"))
    path, _ = converted[(source.name, ".pdf")]
    reader = PdfReader(path)
    ends = [page.extract_text().strip().split("\n")[-2].strip() for page in reader.pages[:-1]]
    assert any(not end.endswith((".", ":")) for end in ends)  # some page does break mid-sentence
    (sak,) = [s for s in parse_file(path).saker if s.number == 24]
    assert "fokuserer å kjennskap til Vestregionens arbeid" in sak.text


def test_docx_keeps_headings_lists_and_tables(converted) -> None:
    source = next(p for p in SEEDS if p.name.startswith("001"))
    text = read_document(converted[(source.name, ".docx")][0])
    assert "#### Sak 19/2016" in text  # Markdown «####» → Word «Heading 4» → «#### »
    assert "\n- D Folkehelse" in text  # a Word bullet list item
    table = read_document(converted[(next(p for p in SEEDS if p.name.startswith("002")).name, ".docx")][0])
    assert "Fokusområde 1\tKommunehelsesamarbeidet i Vestre Viken tjenestoområde (KHS)" in table
