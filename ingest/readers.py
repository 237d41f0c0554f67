"""Documents → text: .md/.txt as they are, .pdf through pypdf, .docx through python-docx.

The text keeps the document's paragraphs as blank-line separated blocks, so the parsers see the same
shape whatever the format: PDF page headers and footers are dropped, Word headings become «## …»,
list items «- …» or «1. …», table rows tab-separated lines.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable
from pathlib import Path

from ingest import limits
from ingest.docx_reader import read_docx
from ingest.model import DocumentError
from ingest.text import collapse, ends_sentence, is_page_number, starts_lowercase

__all__ = ["ERROR_CODES", "SUFFIXES", "read_document", "read_docx", "read_pdf", "read_plain"]

# C0 control characters other than tab, newline, carriage return and form feed: a sign of binary data.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

E_EMPTY = "empty"
E_UNREADABLE = "unreadable"
E_NO_TEXT = "no_text"
E_UNSUPPORTED = "unsupported_type"
E_TOO_LARGE = limits.E_TOO_LARGE
ERROR_CODES: tuple[str, ...] = (E_EMPTY, E_UNREADABLE, E_NO_TEXT, E_UNSUPPORTED, E_TOO_LARGE)

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")
SUFFIXES = (*TEXT_SUFFIXES, ".pdf", ".docx")


def read_document(path: Path) -> str:
    """The text of a .md/.txt/.pdf/.docx file; DocumentError with a stable code when there is none.

    A file above the limits of `ingest.limits` is refused («too_large») before it is read whole.
    """
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix) or (read_plain if suffix in TEXT_SUFFIXES else None)
    if reader is None:
        raise DocumentError(E_UNSUPPORTED, suffix or path.name)
    try:
        limits.check_file_size(path.stat().st_size, text=reader is read_plain)
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(E_UNREADABLE, str(exc)) from exc
    if not data.strip():
        raise DocumentError(E_EMPTY, path.name)
    text = reader(data)
    limits.check_text(text)
    return text


def read_plain(data: bytes) -> str:
    """UTF-8 (a BOM tolerated; UTF-16 when it has a BOM), else Windows-1252; binary data refused."""
    text: str | None = None
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            text = _decode(data, encoding)
            break
    else:
        if b"\x00" in data:
            raise DocumentError(E_UNREADABLE, "binary data")
        text = _decode(data, "utf-8") if _is_utf8(data) else _decode(data, "cp1252")
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > max(2, len(text) // 100):
        raise DocumentError(E_UNREADABLE, "binary data")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(E_EMPTY, "only whitespace")
    return text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(E_UNREADABLE, f"not {encoding} text") from exc


# --- PDF -------------------------------------------------------------------------------------------

_ZONE = 3  # how many lines at the top and bottom of a page may be header or footer


def read_pdf(data: bytes) -> str:
    """Each page's text in layout mode (it keeps blank lines between paragraphs), furniture dropped."""
    from pypdf import PdfReader

    if b"%PDF-" not in data[:1024]:
        raise DocumentError(E_UNREADABLE, "not a PDF")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(E_UNREADABLE, "encrypted PDF")
        limits.check_pages(len(reader.pages))
        pages = [_page_lines(page) for page in reader.pages]
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many kinds on broken files; all mean the same to us
        raise DocumentError(E_UNREADABLE, f"broken PDF: {exc}") from exc
    if not any(line.strip() for page in pages for line in page):
        raise DocumentError(E_NO_TEXT, "the PDF has no text layer")
    return _join_pages(_drop_furniture(pages))


def _page_lines(page: object) -> list[str]:
    try:
        text = page.extract_text(extraction_mode="layout")  # type: ignore[attr-defined]
    except Exception:  # layout mode is stricter about odd fonts; plain mode still gives the words
        text = page.extract_text()  # type: ignore[attr-defined]
    return [line.rstrip() for line in (text or "").split("\n")]


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", collapse(line)).lower()


def _drop_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop, from the edges of each page inward, page numbers and lines repeated at every page's edge.

    A running header is on every page, or on every page but the first (which may carry a letterhead
    instead); content that merely recurs on some pages («Vedtak:») is kept.
    """
    edges = [_edge_keys(page) for page in pages]
    repeated: set[str] = set()
    if len(pages) > 1:
        everywhere = set.intersection(*edges)
        after_first = set.intersection(*edges[1:]) if len(pages) >= 3 else set()
        repeated = everywhere | after_first

    def furniture(line: str) -> bool:
        return _furniture_key(line) in repeated or is_page_number(line)

    cleaned: list[list[str]] = []
    for page in pages:
        lines = _trim_blank(page)
        for _ in range(_ZONE):
            if lines and furniture(lines[0]):
                lines = _trim_blank(lines[1:])
            if lines and furniture(lines[-1]):
                lines = _trim_blank(lines[:-1])
        cleaned.append(lines)
    return cleaned


def _edge_keys(page: list[str]) -> set[str]:
    content = [ln for ln in page if ln.strip()]
    return {_furniture_key(ln) for ln in content[:_ZONE] + content[-_ZONE:]}


def _trim_blank(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _join_pages(pages: list[list[str]]) -> str:
    """Pages as one text; a page break between sentences counts as a paragraph break."""
    out: list[str] = []
    for lines in pages:
        if not lines:
            continue
        if out and ends_sentence(out[-1]) and not starts_lowercase(lines[0]):
            out.append("")
        out.extend(lines)
    return "\n".join(out) + "\n"


_READERS: dict[str, Callable[[bytes], str]] = {".pdf": read_pdf, ".docx": read_docx}
