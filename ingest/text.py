"""Text helpers shared by the parsers: whitespace, Markdown markup, page furniture, dates, paragraphs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from language.months import MONTHS  # one table of Norwegian month names for parser, rules and dates

# Non-breaking and other Unicode spaces become plain spaces; zero-width characters and soft hyphens
# go; tabs are kept (they separate table cells).
_SPACE_TABLE: dict[int, str | None] = {
    cp: " " for cp in (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)
}
_SPACE_TABLE |= {cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)}
_SPACE_RUN = re.compile(r" {2,}")
_SPECIAL = re.compile("[" + "".join(map(chr, _SPACE_TABLE)) + "]")


def clean_spaces(text: str) -> str:
    """Drop zero-width characters and turn every run of spaces (not tabs) into one space."""
    if _SPECIAL.search(text):
        text = text.translate(_SPACE_TABLE)
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def collapse(text: str) -> str:
    """All whitespace, tabs and newlines included, as single spaces; stripped."""
    if _SPECIAL.search(text):
        text = text.translate(_SPACE_TABLE)
    return " ".join(text.split())


_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s+")
_QUOTE_MARK = re.compile(r"^\s*(?:>\s?)+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_EMPH_UNDER = re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])")
_HAS_MARKUP = re.compile(r"[*_#>\[<\\]")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def strip_markup(line: str) -> str:
    """One line without Markdown markup: heading marks, emphasis, links, escapes (text kept)."""
    if not _HAS_MARKUP.search(line):
        return line  # most lines: no regex work (a benchmark imports thousands of documents)
    if "#" in line:
        line = _HEADING_MARK.sub("", line)
    if ">" in line:
        line = _QUOTE_MARK.sub("", line)
    if "](" in line:
        line = _LINK.sub(r"\1", line)
    if "<" in line:
        line = _AUTOLINK.sub(r"\1", line)
    for _ in range(2):  # nested emphasis such as ***x***
        if "*" not in line and "_" not in line:
            break
        line = _STRONG.sub(r"\2", line)
        line = _EMPH_STAR.sub(r"\1", line)
        line = _EMPH_UNDER.sub(r"\1", line)
    if "**" in line or "__" in line:
        # A lone ** or __ left over (opened on one line, closed on the next) carries no text.
        line = re.sub(r"(?<!\\)(\*\*|__)", "", line)
    return _ESCAPE.sub(r"\1", line) if "\\" in line else line


def is_markdown_heading(line: str) -> bool:
    """True for «## Title» lines."""
    return "#" in line and bool(_HEADING_MARK.match(line))


_PAGE_NUMBER = re.compile(
    r"(?:\b(?:side|page)\s+\d+\s*(?:av|of|/)\s*\d+\b)|^\s*(?:side|page)\s+\d+\s*$|^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$",
    re.IGNORECASE,
)


def is_page_number(line: str) -> bool:
    """«Side 2 av 4», «Page 3», «- 7 -», a bare page number: page furniture, not content."""
    return len(line.strip()) <= 80 and bool(_PAGE_NUMBER.search(line))


MONTH_NAME = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"

_WORD_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s*({MONTH_NAME})\.?\s+(\d{{4}})(?!\d)", re.IGNORECASE)
# «28.09.2017», and «28.09.2017.2017» (a doubled year, seen in real minutes) as the same date.
_NUM_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?:\.\d{4})?(?![\d])")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text and where it was."""

    date: dt.date
    start: int
    end: int


def find_dates(text: str) -> list[FoundDate]:
    """Every valid date in the text («15. september 2016», «28.09.2017», «2017-09-28»), in order."""
    found: list[FoundDate] = []
    for match in _WORD_DATE.finditer(text):
        _add(found, match, int(match[3]), MONTHS[match[2].lower()], int(match[1]))
    for match in _NUM_DATE.finditer(text):
        _add(found, match, int(match[3]), int(match[2]), int(match[1]))
    for match in _ISO_DATE.finditer(text):
        _add(found, match, int(match[1]), int(match[2]), int(match[3]))
    return sorted(found, key=lambda f: f.start)


def _add(found: list[FoundDate], match: re.Match[str], year: int, month: int, day: int) -> None:
    try:
        found.append(FoundDate(dt.date(year, month, day), match.start(), match.end()))
    except ValueError:
        return


def find_date(text: str) -> dt.date | None:
    """The first date in the text, or None."""
    dates = find_dates(text)
    return dates[0].date if dates else None


_CLOCK = r"(\d{1,2})[.:](\d{2})"
_RANGE = re.compile(rf"(?:kl\.?\s*)?{_CLOCK}\s*(?:–|—|-|til)\s*(?:kl\.?\s*)?{_CLOCK}(?!\d)", re.IGNORECASE)
_SINGLE = re.compile(rf"kl\.?\s*{_CLOCK}(?!\d)", re.IGNORECASE)


def find_times(text: str) -> tuple[dt.time | None, dt.time | None]:
    """Start and end from «kl. 09.00 – 11.30» (en dash, hyphen or «til»); end None if only a start."""
    for found in reversed(find_dates(text)):  # so that «28.09» in a date is never read as a time
        text = text[: found.start] + " " * (found.end - found.start) + text[found.end :]
    match = _RANGE.search(text)
    if match:
        start, end = _time(match[1], match[2]), _time(match[3], match[4])
        if start and end:
            return start, end
    match = _SINGLE.search(text)
    if match:
        return _time(match[1], match[2]), None
    return None, None


def _time(hour: str, minute: str) -> dt.time | None:
    try:
        return dt.time(int(hour), int(minute))
    except ValueError:
        return None


_SENTENCE_END = re.compile(r"[.:!?][\"'»”’)\]]*\s*$")


def ends_sentence(text: str) -> bool:
    """True when the text ends with . : ! or ? (after closing quotes and brackets)."""
    return bool(_SENTENCE_END.search(text))


def starts_lowercase(text: str) -> bool:
    """True when the first letter-or-digit of the text is a lowercase letter."""
    for ch in text:
        if ch.isalnum():
            return ch.islower()
    return False


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs as one text, separated by a blank line; empty ones dropped."""
    return "\n\n".join(p for p in (p.strip() for p in paragraphs) if p)


@dataclass(frozen=True)
class Line:
    """One line of a document: its 1-based number, the raw text (tabs kept) and the plain text."""

    no: int
    raw: str
    text: str

    @property
    def blank(self) -> bool:
        """True for an empty or whitespace-only line."""
        return not self.text


_PAGE_MARKER = re.compile(r"\b(?:side|page)\s+\d+\s*(?:av|of|/)\s*\d+\b", re.IGNORECASE)


def to_lines(text: str) -> list[Line]:
    """The document as numbered lines, without «Side 2 av 4» page furniture (dropped, not blanked)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines: list[Line] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        if not raw or raw.isspace():
            lines.append(Line(no, "", ""))
            continue
        raw = clean_spaces(raw).rstrip()
        plain = " ".join(strip_markup(raw).split())
        if plain and len(plain) <= 80 and _PAGE_MARKER.search(plain):
            continue
        lines.append(Line(no, raw, plain))
    return lines
