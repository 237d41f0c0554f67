"""Documents → text: .md/.txt as they are, .pdf through pypdf, .docx through python-docx.

The text keeps the document's paragraphs as blank-line separated blocks, so the parsers see the same
shape whatever the format: PDF page headers and footers are dropped, Word headings become «## …»,
list items «- …» or «1. …», table rows tab-separated lines.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.model import DocumentError
from ingest.text import collapse, ends_sentence, is_page_number, starts_lowercase

# C0 control characters other than tab, newline, carriage return and form feed: a sign of binary data.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

E_EMPTY = "empty"
E_UNREADABLE = "unreadable"
E_NO_TEXT = "no_text"
E_UNSUPPORTED = "unsupported_type"
ERROR_CODES: tuple[str, ...] = (E_EMPTY, E_UNREADABLE, E_NO_TEXT, E_UNSUPPORTED)

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")
SUFFIXES = (*TEXT_SUFFIXES, ".pdf", ".docx")


def read_document(path: Path) -> str:
    """The text of a .md/.txt/.pdf/.docx file; DocumentError with a stable code when there is none."""
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix) or (read_plain if suffix in TEXT_SUFFIXES else None)
    if reader is None:
        raise DocumentError(E_UNSUPPORTED, suffix or path.name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(E_UNREADABLE, str(exc)) from exc
    if not data.strip():
        raise DocumentError(E_EMPTY, path.name)
    return reader(data)


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


# --- DOCX ------------------------------------------------------------------------------------------


def read_docx(data: bytes) -> str:
    """Paragraphs as blank-line separated blocks, headings as «## …», lists as «- …», tables as rows."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError(E_UNREADABLE, "not a DOCX (zip) file")
    try:
        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
        blocks: list[str] = []
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                text = _paragraph(item, numbering)
                if text.strip():
                    blocks.append(text)
            elif isinstance(item, Table):
                rows = _table_rows(item)
                if rows:
                    blocks.append("\n".join(rows))
    except DocumentError:
        raise
    except Exception as exc:  # a zip that is not a Word document, or a broken one
        raise DocumentError(E_UNREADABLE, f"broken DOCX: {exc}") from exc
    if not blocks:
        raise DocumentError(E_EMPTY, "the document has no text")
    return "\n\n".join(blocks) + "\n"


def _paragraph(paragraph: object, numbering: _Numbering) -> str:
    text: str = paragraph.text  # type: ignore[attr-defined]
    style = (paragraph.style.name or "") if paragraph.style is not None else ""  # type: ignore[attr-defined]
    heading = re.match(r"(?:Heading|Overskrift)\s*(\d)", style)
    if heading:
        return "#" * int(heading[1]) + " " + text.strip()
    if style in ("Title", "Tittel"):
        return "# " + text.strip()
    marker = numbering.marker(paragraph, style)
    return f"{marker} {text.strip()}" if marker else text


def _table_rows(table: object) -> list[str]:
    rows: list[str] = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell is listed once per grid column
                continue
            previous = cell._tc
            cells.append(collapse(" ".join(p.text for p in cell.paragraphs)))
        if any(cells):
            rows.append("\t".join(cells))
    return rows


class _Numbering:
    """Bullet or number of a list paragraph, from the document's numbering definitions."""

    _W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def __init__(self, document: object) -> None:
        self._formats: dict[tuple[str, str], str] = {}
        self._counters: dict[tuple[str, str], int] = {}
        self._style_count = 0
        try:
            root = document.part.numbering_part.element  # type: ignore[attr-defined]
        except (KeyError, NotImplementedError, AttributeError):
            return
        w = self._W
        abstract = {
            a.get(f"{w}abstractNumId"): {
                lvl.get(f"{w}ilvl"): self._format(lvl) for lvl in a.findall(f"{w}lvl")
            }
            for a in root.findall(f"{w}abstractNum")
        }
        for num in root.findall(f"{w}num"):
            ref = num.find(f"{w}abstractNumId")
            levels = abstract.get(ref.get(f"{w}val") if ref is not None else None, {})
            for ilvl, fmt in levels.items():
                self._formats[(num.get(f"{w}numId") or "", ilvl or "0")] = fmt

    def _format(self, level: Any) -> str:
        fmt = level.find(f"{self._W}numFmt")
        return str(fmt.get(f"{self._W}val")) if fmt is not None else "bullet"

    def marker(self, paragraph: object, style: str) -> str | None:
        """«-» for a bullet, «3.» for the third item of a numbered list, None for other paragraphs."""
        ppr = paragraph._p.pPr  # type: ignore[attr-defined]
        num = ppr.numPr if ppr is not None else None
        if num is None or num.numId is None:
            return self._style_marker(style)
        key = (str(num.numId.val), str(num.ilvl.val if num.ilvl is not None else 0))
        if key[0] == "0":
            return None  # numId 0 switches numbering off
        fmt = self._formats.get(key, "bullet")
        if fmt in ("bullet", "none"):
            return "-"
        for other in [k for k in self._counters if k[0] == key[0] and k[1] > key[1]]:
            del self._counters[other]  # a deeper level restarts under each new item
        self._counters[key] = self._counters.get(key, 0) + 1
        count = self._counters[key]
        if fmt in ("lowerLetter", "upperLetter"):
            letter = chr(ord("a") + (count - 1) % 26)
            return (letter.upper() if fmt == "upperLetter" else letter) + ")"
        return f"{count}."

    def _style_marker(self, style: str) -> str | None:
        """Lists made with Word's built-in list styles carry their numbering in the style."""
        if style.startswith(("List Number", "Nummerert liste")):
            self._style_count += 1
            return f"{self._style_count}."
        self._style_count = 0  # any other paragraph ends the numbered run
        return "-" if style.startswith(("List Bullet", "Punktliste")) else None


_READERS: dict[str, Callable[[bytes], str]] = {".pdf": read_pdf, ".docx": read_docx}
