"""Attendance lists: «Kirsti Aas Olsen (møteleder), Drammen, Tuss Benum for Lars Bjerke, Asker og …»."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.text import collapse

W_UNKNOWN_ENTRY = "unknown_attendance_entry"
W_NO_ORGANISATION = "attendance_without_organisation"

# Separators: comma, semicolon, « og », and a full stop that does not close an initial («Kjersti B.
# Hulbakk» stays whole while «Sigdal. Olav Grande» splits).
_SEPARATORS = re.compile(r"\s*[,;]\s*|\s+og\s+|(?<!\b[A-ZÆØÅ])\.\s+")
_ROLE_MARKS: dict[str, str] = {
    "møteleder": "chair",
    "leder": "chair",
    "referent": "secretary",
    "sekretær": "secretary",
}
_PAREN = re.compile(r"\(([^)]*)\)")
_VARA = re.compile(r"^(?P<name>.+?)\s+(?:\(?vara\)?\s+)?for\s+(?P<member>.+)$")
_NAME_WORD = re.compile(r"^[A-ZÆØÅÉÈÜÖÄ][\w'’.\-]*$")
_PARTICLES = frozenset({"von", "van", "de", "der", "den", "af", "av", "la", "le", "di", "da"})


@dataclass(frozen=True)
class Entry:
    """One person in an attendance list."""

    name: str
    organisation: str | None
    substitute_for: str | None
    role: str | None


def split_entries(text: str) -> list[str]:
    """The comma/«og»/full-stop separated pieces of an attendance list, stripped, empty ones dropped."""
    text = collapse(text)
    pieces = (p.strip().rstrip(".").strip() for p in _SEPARATORS.split(text))
    return [p for p in pieces if p]


def looks_like_name(text: str) -> bool:
    """A person's name: two to six capitalised words («Leif-Arne Steingrimsen», «Per R. Berger»)."""
    words = _PAREN.sub("", text).split()
    return 2 <= len(words) <= 6 and all(_NAME_WORD.match(w) or w in _PARTICLES for w in words)


def looks_like_list(text: str) -> bool:
    """A paragraph that reads as an attendance list (short capitalised pieces), not as prose."""
    pieces = split_entries(text)
    return len(pieces) >= 2 and all(len(p.split()) <= 6 and p[0].isupper() for p in pieces)


def parse_person(token: str) -> tuple[str, str | None, str | None]:
    """(name, substitute_for, role) from «Tuss Benum for Lars Bjerke» or «Kirsti Aas Olsen (møteleder)»."""
    role: str | None = None
    for remark in _PAREN.findall(token):
        role = _ROLE_MARKS.get(remark.strip().lower(), role)
    token = collapse(_PAREN.sub(" ", token))
    substitute_for: str | None = None
    match = _VARA.match(token)
    if match and looks_like_name(match["member"]):
        token, substitute_for = match["name"].strip(), match["member"].strip()
    return token, substitute_for, role


def pair_entries(text: str) -> tuple[list[Entry], list[str]]:
    """Members' list: pieces alternate name, organisation. Returns entries and problem notes."""
    pieces = split_entries(text)
    entries: list[Entry] = []
    problems: list[str] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        name, substitute_for, role = parse_person(piece)
        if not looks_like_name(name):
            problems.append(f"{W_UNKNOWN_ENTRY}:{piece}")
            i += 1
            continue
        organisation: str | None = None
        if i + 1 < len(pieces) and _organisation_like(pieces[i + 1]):
            organisation = collapse(_PAREN.sub(" ", pieces[i + 1]))
            i += 2
        else:
            problems.append(f"{W_NO_ORGANISATION}:{name}")
            i += 1
        entries.append(Entry(name, organisation, substitute_for, role))
    return entries, problems


def names_only(text: str) -> tuple[list[Entry], list[str]]:
    """Secretariat list: every piece is a person, none has an organisation."""
    entries: list[Entry] = []
    problems: list[str] = []
    for piece in split_entries(text):
        name, substitute_for, role = parse_person(piece)
        if looks_like_name(name):
            entries.append(Entry(name, None, substitute_for, role))
        else:
            problems.append(f"{W_UNKNOWN_ENTRY}:{piece}")
    return entries, problems


def _organisation_like(piece: str) -> bool:
    # A vara («X for Y») or a role mark belongs to a person, never to an organisation.
    return " for " not in piece and not _ROLE_MARKS.keys() & {r.lower() for r in _PAREN.findall(piece)}
