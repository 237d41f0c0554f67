"""Word (.docx) → text: paragraphs as blank-line separated blocks, headings «## …», lists, table rows.

Linear in the document: style names are looked up in one table built once (python-docx's
`paragraph.style` scans every style for each paragraph), and tables are read from their XML row by
row (python-docx's `row.cells` walks up a vertical merge from every cell below it). The zip's sizes
and the paragraph count are checked before anything is unpacked or parsed.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

from ingest import limits
from ingest.model import DocumentError
from ingest.text import collapse

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_E_EMPTY, _E_UNREADABLE = "empty", "unreadable"


def read_docx(data: bytes) -> str:
    """Paragraphs as blank-line separated blocks, headings as «## …», lists as «- …», tables as rows."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError(_E_UNREADABLE, "not a DOCX (zip) file")
    _check_package(data)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        styles = _StyleNames(document)
        numbering = _Numbering(document)
        blocks: list[str] = []
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                text = _paragraph(item, styles.name(item._p), numbering)
                if text.strip():
                    blocks.append(text)
            elif isinstance(item, Table):
                rows = _table_rows(item._tbl, item)
                if rows:
                    blocks.append("\n".join(rows))
    except DocumentError:
        raise
    except Exception as exc:  # a zip that is not a Word document, or a broken one
        raise DocumentError(_E_UNREADABLE, f"broken DOCX: {exc}") from exc
    if not blocks:
        raise DocumentError(_E_EMPTY, "the document has no text")
    return "\n\n".join(blocks) + "\n"


def _check_package(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            limits.check_zip(archive)
            try:
                body = archive.read("word/document.xml")
            except KeyError:
                return  # not a Word document: python-docx says so below
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise DocumentError(_E_UNREADABLE, f"broken DOCX: {exc}") from exc
    limits.check_paragraphs(body)


class _StyleNames:
    """Paragraph style id → the name Word shows, built once per document."""

    def __init__(self, document: Any) -> None:
        from docx.styles import BabelFish

        self._names: dict[str, str] = {}
        self._default = ""
        for style in document.styles.element.findall(f"{_W}style"):
            if style.get(f"{_W}type") != "paragraph":
                continue
            name_el = style.find(f"{_W}name")
            name = BabelFish.internal2ui(name_el.get(f"{_W}val") or "") if name_el is not None else ""
            self._names[style.get(f"{_W}styleId") or ""] = name
            if style.get(f"{_W}default") in ("1", "true", "on") and not self._default:
                self._default = name

    def name(self, p: Any) -> str:
        style_id = p.style  # the pStyle value, None when the paragraph uses the default style
        return self._default if style_id is None else self._names.get(style_id, self._default)


def _paragraph(paragraph: Any, style: str, numbering: _Numbering) -> str:
    text: str = paragraph.text
    heading = re.match(r"(?:Heading|Overskrift)\s*(\d)", style)
    if heading:
        return "#" * int(heading[1]) + " " + text.strip()
    if style in ("Title", "Tittel"):
        return "# " + text.strip()
    marker = numbering.marker(paragraph, style)
    return f"{marker} {text.strip()}" if marker else text


def _table_rows(tbl: Any, parent: Any) -> list[str]:
    """Each row's cells tab-separated; a vertically merged cell repeats the text of its first row."""
    from docx.text.paragraph import Paragraph

    above: dict[int, str] = {}  # grid column → text of the cell that starts a vertical merge there
    rows: list[str] = []
    for tr in tbl.findall(f"{_W}tr"):
        cells: list[str] = []
        column = _grid_before(tr)
        for tc in tr.findall(f"{_W}tc"):
            tc_pr = tc.find(f"{_W}tcPr")
            span, merge = _span_and_merge(tc_pr)
            if merge == "continue":
                text = above.get(column, "")
            else:
                text = collapse(" ".join(Paragraph(p, parent).text for p in tc.findall(f"{_W}p")))
                above[column] = text
            cells.append(text)
            column += span
        if any(cells):
            rows.append("\t".join(cells))
    return rows


def _grid_before(tr: Any) -> int:
    tr_pr = tr.find(f"{_W}trPr")
    before = tr_pr.find(f"{_W}gridBefore") if tr_pr is not None else None
    return _int(before.get(f"{_W}val")) if before is not None else 0


def _span_and_merge(tc_pr: Any) -> tuple[int, str | None]:
    if tc_pr is None:
        return 1, None
    span_el = tc_pr.find(f"{_W}gridSpan")
    merge_el = tc_pr.find(f"{_W}vMerge")
    span = max(1, _int(span_el.get(f"{_W}val"))) if span_el is not None else 1
    merge = (merge_el.get(f"{_W}val") or "continue") if merge_el is not None else None
    return span, merge


def _int(value: str | None) -> int:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 6 else 0


class _Numbering:
    """Bullet or number of a list paragraph, from the document's numbering definitions."""

    def __init__(self, document: Any) -> None:
        self._formats: dict[tuple[str, str], str] = {}
        self._counters: dict[tuple[str, str], int] = {}
        self._style_count = 0
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {
            a.get(f"{_W}abstractNumId"): {
                lvl.get(f"{_W}ilvl"): self._format(lvl) for lvl in a.findall(f"{_W}lvl")
            }
            for a in root.findall(f"{_W}abstractNum")
        }
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = abstract.get(ref.get(f"{_W}val") if ref is not None else None, {})
            for ilvl, fmt in levels.items():
                self._formats[(num.get(f"{_W}numId") or "", ilvl or "0")] = fmt

    @staticmethod
    def _format(level: Any) -> str:
        fmt = level.find(f"{_W}numFmt")
        return str(fmt.get(f"{_W}val")) if fmt is not None else "bullet"

    def marker(self, paragraph: Any, style: str) -> str | None:
        """«-» for a bullet, «3.» for the third item of a numbered list, None for other paragraphs."""
        ppr = paragraph._p.pPr
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
