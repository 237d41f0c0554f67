"""How much a document may hold before it is refused, and the checks that refuse it cheaply.

Every limit is checked before the expensive step it guards: the file size before reading, the zip's
declared uncompressed sizes before unpacking a .docx (a zip bomb), the page count before extracting
a PDF's text, the paragraph count before building Word's object model. Together they keep the
memory of one import under 300 MB whatever the file.
"""

from __future__ import annotations

import zipfile

from ingest.model import DocumentError

E_TOO_LARGE = "too_large"

MAX_FILE_BYTES = 25_000_000  # a .pdf or .docx as stored; images make real ones a few MB
MAX_TEXT_FILE_BYTES = 5_000_000  # a .txt/.md: some 2,500 pages of minutes
MAX_CHARS = 3_000_000  # the text of any document, after extraction
MAX_LINES = 100_000
MAX_PAGES = 500
MAX_PARAGRAPHS = 20_000
MAX_ZIP_MEMBERS = 2_000
MAX_UNZIPPED_BYTES = 80_000_000  # everything in a .docx, unpacked
MAX_XML_PART_BYTES = 8_000_000  # one XML part of a .docx (word/document.xml), unpacked


def too_large(what: str, limit: int) -> DocumentError:
    """The refusal for a document above one limit; the detail names the limit."""
    return DocumentError(E_TOO_LARGE, f"{what} > {limit:,}".replace(",", " "))


def check_file_size(size: int, *, text: bool) -> None:
    """Refuse a file larger than its kind may be, before it is read."""
    limit = MAX_TEXT_FILE_BYTES if text else MAX_FILE_BYTES
    if size > limit:
        raise too_large("bytes", limit)


def check_text(text: str) -> None:
    """Refuse extracted text with more characters or lines than any minutes have."""
    if len(text) > MAX_CHARS:
        raise too_large("characters", MAX_CHARS)
    if text.count("\n") > MAX_LINES:
        raise too_large("lines", MAX_LINES)


def check_pages(count: int) -> None:
    if count > MAX_PAGES:
        raise too_large("pages", MAX_PAGES)


def check_zip(archive: zipfile.ZipFile) -> None:
    """Refuse a zip whose declared sizes are too large (zipfile never inflates past them)."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise too_large("zip members", MAX_ZIP_MEMBERS)
    if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
        raise too_large("unpacked bytes", MAX_UNZIPPED_BYTES)
    for member in members:
        if member.filename.endswith((".xml", ".rels")) and member.file_size > MAX_XML_PART_BYTES:
            raise too_large(f"unpacked bytes in {member.filename}", MAX_XML_PART_BYTES)


def check_paragraphs(document_xml: bytes) -> None:
    """Refuse a Word body with too many paragraphs, counted in the raw XML before parsing it."""
    count = sum(document_xml.count(tag) for tag in (b"<w:p>", b"<w:p ", b"<w:p/>"))
    if count > MAX_PARAGRAPHS:
        raise too_large("paragraphs", MAX_PARAGRAPHS)
