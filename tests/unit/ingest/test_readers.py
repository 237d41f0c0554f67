"""Readers: encodings, Word and PDF structure, and bad input refused with a stable code."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import docx
import pytest

from ingest.model import DocumentError
from ingest.parse import ERROR_CODES, parse_file, parse_text
from ingest.readers import _drop_furniture, _join_pages, read_document
from tests.unit.ingest import converters


def code_of(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        parse_file(path)
    assert caught.value.code in ERROR_CODES
    return caught.value.code


MINUTES = (
    "Referat fra møte i Styringsgruppen 7. desember 2017\n\nTid: kl. 10.00 – 12.00\n\nSak 30/2017 Eventuelt\n"
)


@pytest.mark.parametrize("name", ["tomt.txt", "tomt.md", "tomt.pdf", "tomt.docx"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    assert code_of(path) == "empty"


def test_whitespace_only_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_text("\n  \n\t\n", encoding="utf-8")
    assert code_of(path) == "empty"


@pytest.mark.parametrize("name", ["søppel.pdf", "søppel.docx", "søppel.txt"])
def test_binary_garbage(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(random.Random(2).randbytes(8192))
    assert code_of(path) == "unreadable"


def test_broken_pdf_with_a_pdf_header(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(3).randbytes(4096))
    assert code_of(path) == "unreadable"


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "arkiv.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hei")
    assert code_of(path) == "unreadable"


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    assert code_of(converters.blank_pdf(tmp_path / "skannet.pdf")) == "no_text"


def test_word_document_without_text(tmp_path: Path) -> None:
    path = tmp_path / "tom.docx"
    docx.Document().save(str(path))
    assert code_of(path) == "empty"


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "referat.rtf"
    path.write_text(MINUTES, encoding="utf-8")
    assert code_of(path) == "unsupported_type"


def test_text_without_a_meeting(tmp_path: Path) -> None:
    path = tmp_path / "handleliste.txt"
    path.write_text("Melk, brød og egg.\n\nHusk å kjøpe kaffe 15. mars 2018.\n", encoding="utf-8")
    assert code_of(path) == "no_meeting"


def test_a_body_without_a_date_is_no_meeting() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_text("Referat fra møte i Styringsgruppen\n\nSak 30/2017 Eventuelt\n", file_name="x.txt")
    assert caught.value.code == "no_meeting"


def test_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + MINUTES.replace("\n", "\r\n").encode("utf-8"))
    text = read_document(path)
    assert text.startswith("Referat fra møte") and "\r" not in text
    assert parse_file(path).body == "Styringsgruppen"


def test_windows_1252_fallback(tmp_path: Path) -> None:
    path = tmp_path / "ansi.txt"
    path.write_bytes(MINUTES.encode("cp1252"))
    assert read_document(path).startswith("Referat fra møte i Styringsgruppen 7. desember 2017")


def test_word_headings_lists_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Referat fra møte i Rådmannsgruppen 22. februar 2018", level=2)
    document.add_paragraph("Sak 5/2018 Møteplan")
    document.add_paragraph("Første punkt", style="List Bullet")
    document.add_paragraph("Andre punkt", style="List Bullet")
    document.add_paragraph("Ett", style="List Number")
    document.add_paragraph("To", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "Dato", (0, 1): "Organ", (1, 0): "7.12", (1, 1): "Styringsgruppen"}.items():
        table.cell(r, c).text = value
    path = tmp_path / "ord.docx"
    document.save(str(path))
    text = read_document(path)
    assert "## Referat fra møte i Rådmannsgruppen 22. februar 2018" in text
    assert "- Første punkt\n\n- Andre punkt" in text
    assert "1. Ett\n\n2. To" in text
    assert "Dato\tOrgan\n7.12\tStyringsgruppen" in text
    parsed = parse_file(path)
    assert (parsed.body, parsed.saker[0].title) == ("Rådmannsgruppen", "Møteplan")
    assert (
        parsed.saker[0].text
        == "- Første punkt\n- Andre punkt\n\n1. Ett\n2. To\n\nDato\tOrgan\n7.12\tStyringsgruppen"
    )


def test_pdf_furniture_is_dropped_from_page_edges_only() -> None:
    pages = [
        ["Brevhode AS", "", "Vedtak:", "Første linje av side 1", "Sak 21/2017 Referat", "Side 1 av 3"],
        ["Vestregionen – referat", "Sak 22/2017", "midt i teksten", "", "Side 2 av 3"],
        ["Vestregionen – referat", "", "Vedtak:", "Slutt.", "Side 3 av 3"],
    ]
    cleaned = _drop_furniture(pages)
    # the running header (missing from page 1) and the page numbers go; «Vedtak:» on two pages stays
    assert cleaned == [
        ["Brevhode AS", "", "Vedtak:", "Første linje av side 1", "Sak 21/2017 Referat"],
        ["Sak 22/2017", "midt i teksten"],
        ["Vedtak:", "Slutt."],
    ]
    two_pages = [["Topp", "a", "- 1 -"], ["Topp", "b", "- 2 -"]]
    assert _drop_furniture(two_pages) == [["a"], ["b"]]


def test_pages_join_as_one_paragraph_unless_a_sentence_ended() -> None:
    assert _join_pages(
        [
            [
                "broken across the",
            ],
            ["page here."],
            ["New paragraph."],
        ]
    ) == ("broken across the\npage here.\n\nNew paragraph.\n")
    assert _join_pages([["Vedtak:"], ["framlagt sak"]]) == "Vedtak:\nframlagt sak\n"


def test_docx_bytes_detected_even_with_wrong_zip_content(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    path = tmp_path / "halv.docx"
    path.write_bytes(buffer.getvalue()[:200])  # a truncated Word file
    assert code_of(path) == "unreadable"


def test_word_numbering_from_pandoc(tmp_path: Path) -> None:
    """Numbers live in numbering.xml, not in the text: the reader writes them back, levels included."""
    import pypandoc

    path = tmp_path / "nummer.docx"
    markdown = "Tekst\n\n1. Det politiske\n2. Rådmennene\n    a. under\n    b. under2\n3. Tre\n\n- kule\n"
    pypandoc.convert_text(markdown, "docx", format="markdown", outputfile=str(path))
    assert read_document(path) == (
        "Tekst\n\n1. Det politiske\n\n2. Rådmennene\n\na) under\n\nb) under2\n\n3. Tre\n\n- kule\n"
    )
