"""Hypothesis strategies for broken documents: the seeds mutated as bytes, and small Word packages and
PDFs built from them, then broken in their zip, their XML or their PDF syntax.

Every strategy draws a (file name, bytes) pair; the suffix says which reader gets it.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from xml.sax.saxutils import escape

from hypothesis import strategies as st

from tests.conftest import SEEDS

_TEXT_TOKENS = [
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\r\n\r\n", b"\x1b[2J", b"\xe6\xf8\xe5", b"\xc3",
    b"31.02.2017", b"99.99.9999", b"7.12.10000", b"15.09.0000", b"1.1.1",
    "Møte i Styringsgruppen 7.12.99999\n".encode(),
    "Referat fra møte i Rådmannsgruppen 32.13.2016\n".encode(),
    b"Sak 99999999999999999999/2017 ", b"Sak 1/99999 ", b"Sak 0/0 ", b"Sak 21/2016 ", b"kl. 25.61 - 99.99",
    b"Til stede: ", b"Forfall: ", b"Vedtak:\n", "Møteplan 2018:\n7.12: Styringsgruppen\n".encode(),
    "Møteplan:\n99.99: Rådmannsgruppen\n".encode(), b"## ", b"| a | b |\n|---|---|\n", b"**", b"\n\n\n",
    b"a" * 5_000, b"Sak " * 300, ", ".join(["Per Kierulf, Akershus"] * 50).encode(), "\u202e".encode(),
]  # fmt: skip

_XML_TOKENS = [
    b"<w:p>", b"</w:p>", b"<w:p/>", b"</w:body>", b"<w:r><w:t>", b"</w:t></w:r>", b"<w:t>Sak 21/2016</w:t>",
    b"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"99999\"/><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
    b"</w:tbl>",
    b"<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"-3\"/></w:trPr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/>"
    b"</w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    b"<w:pPr><w:numPr><w:ilvl w:val=\"x\"/><w:numId w:val=\"999999999999\"/></w:numPr></w:pPr>",
    b"<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr>", b"<w:pPr><w:numPr/></w:pPr>",
    b"<w:pPr><w:pStyle w:val=\"Heading9\"/></w:pPr>", b"<w:pPr><w:pStyle/></w:pPr>",
    b"<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>", b"&b;", b"&#0;",
    b"<w:sectPr/>", b"<w:tab/>", b"<w:br/>", b"<w:sdt><w:sdtContent>", b"\xff", b"<?xml version=\"1.0\"?>",
    b"<" * 50, b"<w:p>" * 300,
]  # fmt: skip

_PDF_TOKENS = [
    b"/Count 99999999", b"/Count -1", b"/Length 99999999", b"/Length -5", b"/Kids [1 0 R]", b"/Parent 3 0 R",
    b"/Filter /FlateDecode", b"/Filter /LZWDecode", b"/Encrypt 1 0 R", b"startxref\n0\n", b"xref\n0 9999\n",
    b"trailer\n<< /Root 99 0 R >>\n", b"%%EOF", b"[" * 200, b"<<" * 200, b"(" * 100, b"stream\n", b"endobj",
    b"/Type /Page", b"/Contents 9 0 R", b"BT /F1 12 Tf (Sak 21/2016) Tj ET", b"\x00" * 8, b"999999999 0 obj",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, data: bytes, tokens: list[bytes], *, most: int = 4) -> bytes:
    """`data` with a few byte-level edits: flips, inserted tokens or noise, deletions, a duplicated
    span, truncation."""
    for _ in range(draw(st.integers(min_value=0, max_value=most))):
        at = draw(st.integers(min_value=0, max_value=len(data)))
        edit = draw(st.sampled_from(["insert", "noise", "flip", "delete", "duplicate", "truncate"]))
        if edit == "insert":
            data = data[:at] + draw(st.sampled_from(tokens)) * draw(st.integers(1, 3)) + data[at:]
        elif edit == "noise":
            data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
        elif edit == "flip" and at < len(data):
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        elif edit == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 200)) :]
        elif edit == "duplicate":
            span = data[at : at + draw(st.integers(1, 400))]
            data = data[:at] + span * draw(st.integers(2, 5)) + data[at:]
        elif edit == "truncate":
            data = data[:at]
    return data


def _seed_bytes() -> list[bytes]:
    return [p.read_bytes() for p in SEEDS]


SEED = st.sampled_from(_seed_bytes())


@st.composite
def text_documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed as .txt or .md, with a few byte edits (or none: the seed itself, re-imported)."""
    suffix = draw(st.sampled_from([".txt", ".md"]))
    return f"fuzz{suffix}", draw(mutated(draw(SEED), _TEXT_TOKENS))


# --- Word ------------------------------------------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STYLES = ["", "Heading1", "Heading2", "Title", "ListBullet", "ListNumber", "Overskrift1", "Ukjent"]


@cache
def _template() -> dict[str, bytes]:
    """The parts of python-docx's empty document, read once."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _paragraph(line: str, style: str) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'


def _table(rows: list[list[str]]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{_paragraph(c, '')}</w:tc>" for c in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


@st.composite
def _document_xml(draw: st.DrawFn) -> bytes:
    """A seed's lines as Word paragraphs, some styled as headings or lists, some rows as a table."""
    lines = [ln for ln in draw(SEED).decode("utf-8").split("\n") if ln.strip()]
    parts: list[str] = []
    for i, line in enumerate(lines):
        if draw(st.integers(0, 30)) == 0:
            parts.append(_table([[line, lines[(i + 1) % len(lines)]], ["", line[:10]]]))
        else:
            parts.append(_paragraph(line, draw(st.sampled_from(_STYLES)) if i % 4 == 0 else ""))
    body = "".join(parts)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W_NS}">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    ).encode()


def _zipped(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@cache
def _over_the_limits() -> tuple[bytes, ...]:
    """Small packages past ingest.limits: a document.xml that unpacks past the XML part limit, more
    members than any Word file has, and more paragraphs than the limit (a few KB to 200 KB each)."""
    from ingest import limits

    bomb = dict(_template(), **{"word/document.xml": b"<w:p/>" * (limits.MAX_XML_PART_BYTES // 6 + 1)})
    members = dict(_template(), **{f"word/media/{i}.xml": b"<x/>" for i in range(limits.MAX_ZIP_MEMBERS)})
    body = f'<w:document xmlns:w="{_W_NS}"><w:body>' + "<w:p/>" * (limits.MAX_PARAGRAPHS + 1)
    paragraphs = dict(_template(), **{"word/document.xml": (body + "</w:body></w:document>").encode()})
    return tuple(_zipped(p) for p in (bomb, members, paragraphs))


@st.composite
def docx_documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """A Word package of a seed, broken in its XML (any part), its members, or its zip bytes; now
    and then one past the size limits."""
    if draw(st.integers(0, 15)) == 0:
        big = draw(st.sampled_from(_over_the_limits()))
        return "fuzz.docx", draw(mutated(big, [b"\xff" * 4, b"\x00" * 4], most=1))
    parts = dict(_template())
    parts["word/document.xml"] = draw(_document_xml())
    target = draw(st.sampled_from(sorted(parts)))
    if target.endswith((".xml", ".rels")) and draw(st.booleans()):
        parts[target] = draw(mutated(parts[target], _XML_TOKENS))
    member_edit = draw(st.sampled_from(["none", "none", "drop", "extra", "rename"]))
    if member_edit == "drop":
        del parts[target]
    elif member_edit == "extra":
        parts[draw(st.sampled_from(["../evil.xml", "word/x.xml", "/abs.xml", "word/document.xml2"]))] = (
            b"<x/>"
        )
    elif member_edit == "rename":
        parts["word/Document.xml"] = parts.pop("word/document.xml")
    data = _zipped(parts, draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])))
    if draw(st.integers(0, 3)) == 0:  # the zip itself: bad CRCs, headers, central directory
        data = draw(mutated(data, [b"PK\x03\x04", b"PK\x05\x06", b"\xff" * 4, b"\x00" * 4], most=2))
    return "fuzz.docx", data


# --- PDF -------------------------------------------------------------------------------------------


@cache
def _pdf(index: int) -> bytes:
    """The first lines of a seed typeset by fpdf2, uncompressed (so the mutations meet PDF syntax)."""
    from fpdf import FPDF

    from tests.unit.ingest.converters import unicode_font

    lines = SEEDS[index].read_text(encoding="utf-8").split("\n")[:40]
    pdf = FPDF()
    pdf.set_compression(False)
    font = unicode_font()
    family = "dejavu" if font else "helvetica"
    if font:
        pdf.add_font(family, fname=str(font))
    pdf.add_page()
    pdf.set_font(family, size=10)
    for line in lines:
        text = line.replace("\t", " ").strip() or " "
        if font is None:
            text = text.encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@st.composite
def pdf_documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """A small PDF of a seed with a few edits to its syntax or bytes."""
    data = _pdf(draw(st.integers(0, len(SEEDS) - 1)))
    return "fuzz.pdf", draw(mutated(data, _PDF_TOKENS))


DOCUMENTS = st.one_of(text_documents(), docx_documents(), pdf_documents())
