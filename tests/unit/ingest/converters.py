"""Seed documents → .docx (pandoc, through pypandoc) and .pdf (fpdf2), as a secretariat would make them.

Markdown seeds go through pandoc's Markdown reader; plain-text seeds (pandoc has no plain-text reader)
through an HTML rendering that keeps their line breaks. The PDF is typeset by fpdf2 with automatic
line wrapping and a page header and «Side N av M» footer on every page, so the PDF reader's
furniture stripping and line joining are exercised for real.
"""

from __future__ import annotations

import html
from pathlib import Path

import pypandoc
from fpdf import FPDF

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
)
PANDOC_MARKDOWN = "markdown-smart"  # keep quotes and dashes exactly as written


def unicode_font() -> Path | None:
    """A DejaVu Sans on this machine (æøå, «», – and ” all need a Unicode font), or None."""
    return next((p for p in FONT_CANDIDATES if p.exists()), None)


def is_markdown(text: str) -> bool:
    """The seeds written in Markdown use ** and # markup; the others are plain text."""
    return "**" in text or "\n#" in text or "\n|" in text


def to_docx(source: Path, target: Path) -> Path:
    """Convert a seed to .docx with pandoc."""
    text = source.read_text(encoding="utf-8")
    if is_markdown(text):
        pypandoc.convert_text(text, "docx", format=PANDOC_MARKDOWN, outputfile=str(target))
    else:
        pypandoc.convert_text(plain_to_html(text), "docx", format="html", outputfile=str(target))
    return target


def plain_to_html(text: str) -> str:
    """Blank-line separated blocks as <p>, their lines kept with <br>."""
    blocks, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(html.escape(line.strip()))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    body = "\n".join("<p>" + "<br/>\n".join(lines) + "</p>" for lines in blocks)
    return f"<html><body>\n{body}\n</body></html>\n"


def printable_text(source: Path) -> str:
    """What gets printed: Markdown seeds as pandoc renders them in plain text, plain seeds as they are."""
    text = source.read_text(encoding="utf-8")
    if is_markdown(text):
        return pypandoc.convert_text(text, "plain", format=PANDOC_MARKDOWN, extra_args=["--wrap=none"])
    return text


LATIN1_FALLBACK = str.maketrans({"–": "-", "—": "-", "”": '"', "“": '"', "’": "'", "•": "*", "·": "·"})


class _Pdf(FPDF):
    def __init__(self, title: str, family: str) -> None:
        super().__init__(format="A4")
        self._title = title
        self._family = family

    def header(self) -> None:
        self.set_font(self._family, size=8)
        self.cell(0, 5, self._title, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self._family, size=8)
        self.cell(0, 5, f"Side {self.page_no()} av {{nb}}", align="C")


def to_pdf(text: str, target: Path, *, title: str = "Vestregionen – møtedokument") -> tuple[Path, bool]:
    """Typeset text with wrapping, header and footer; returns the file and whether a Unicode font was used."""
    font = unicode_font()
    family = "dejavu" if font else "helvetica"
    if font is None:
        title = title.translate(LATIN1_FALLBACK)
    pdf = _Pdf(title, family)
    if font:
        pdf.add_font(family, fname=str(font))
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_margins(18, 15, 18)
    pdf.add_page()
    pdf.set_font(family, size=10)
    for line in text.split("\n"):
        line = line.replace("\t", "    ").rstrip()
        if font is None:
            line = line.translate(LATIN1_FALLBACK)
        if line.strip():
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(5)
    pdf.output(str(target))
    return target, font is not None


def blank_pdf(target: Path) -> Path:
    """A PDF page with only a rectangle on it: no text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(target))
    return target
