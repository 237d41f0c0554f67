"""The lines of a sak read as paragraphs: a Block, and whether a line is a list item, a table row or
text that goes on from the line before (a line broken by a PDF)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.parse_plan import is_schedule_item, match_plan
from ingest.text import ends_sentence, starts_lowercase

HEADING_MAX = 60
BULLET = re.compile(r"^[-–•*▪●◦]([ \t]*)(\S.*)$")
_NUMBERED = re.compile(r"^(?:\d{1,2}|[a-zA-Z])[.)]\s+(\S.*)$")


@dataclass
class Block:
    """A paragraph of a sak: its kind, its logical lines and how many source lines made it."""

    kind: str  # text | list | table | subpoint | label | heading
    no: int
    lines: list[str] = field(default_factory=list)
    sources: int = 1
    label: str = ""  # vedtak | proposal, for label blocks

    @property
    def heading_like(self) -> bool:
        """A one-line, short paragraph without a full stop: reads as a heading («Bakgrunn»)."""
        last = self.lines[-1] if self.lines else ""
        return (
            self.kind == "text"
            and self.sources == 1
            and len(last) <= HEADING_MAX
            and len(last.split()) <= 8
            and last[-1:] not in ".!?,;"
        )

    def render(self) -> str:
        """The paragraph as text: logical lines joined by newlines."""
        return "\n".join(self.lines)


def is_list_item(text: str, blank: bool, cur: Block | None) -> bool:
    """A bullet or numbered item, not a PDF line that happens to start with «- se sak …» or «2. halvår»."""
    bullet = BULLET.match(text)
    numbered = _NUMBERED.match(text)
    if not bullet and not numbered:
        return False
    content = bullet[2] if bullet else numbered[1] if numbered else ""
    if bullet and not bullet[1] and not content[:1].isupper():
        return False  # «-nettverket»: a hyphenated word, not a bullet
    if blank or cur is None or cur.kind not in ("text", "list"):
        return True
    if bullet and text[0] in "–—":
        return False  # mid-paragraph, an en dash is punctuation («Mobility – Creating Green Jobs»)
    if starts_lowercase(content):
        return False
    return cur.kind == "list" or ends_sentence(cur.lines[-1])


def marker(item: str) -> str:
    """What kind of list an item belongs to: bullets, numbers or letters, or dated lines."""
    if item.startswith("- "):
        return "bullet"
    return "numbered" if _NUMBERED.match(item) else "other"


def list_item(text: str) -> str:
    bullet = BULLET.match(text)
    return f"- {bullet[2].strip()}" if bullet else text


def joins(cur: Block, text: str) -> bool:
    """Whether a paragraph after a blank line continues the previous one (text broken by a PDF)."""
    last = cur.lines[-1]
    if cur.kind == "list" and (match_plan(last) or is_schedule_item(last)):
        return False
    if starts_lowercase(text) or dangles(last):
        return True
    # «… i perioden» / «01.05.2017 til 31.08.2017»: a number does not start a new paragraph here.
    return cur.kind == "text" and text[:1].isdigit() and not ends_sentence(last) and not cur.heading_like


# No paragraph ends on a comma, a dash, a conjunction or a preposition: the text goes on.
_DANGLING = re.compile(
    r"(?:[,\-–]|\b(?:og|eller|men|samt|som|at|å|i|for|med|til|av|på|om|fra|ved|hos|mot|mellom|under|etter|før"
    r"|en|et|ei|den|det|de|der|når|hvis|the|and|of))$",
    re.IGNORECASE,
)


def dangles(text: str) -> bool:
    return bool(_DANGLING.search(text.rstrip()))


def table_row(raw: str) -> str | None:
    cells = [c.strip() for c in (raw.strip().strip("|").split("|") if "\t" not in raw else raw.split("\t"))]
    if all(re.fullmatch(r":?-*:?", c) for c in cells):
        return None  # a Markdown separator row («|---|---|») or an empty row
    return "\t".join(" ".join(c.split()) for c in cells)
