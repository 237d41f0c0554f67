"""An attendance section written as a table: one person a row («Navn Funksjon Representerer»)."""

from __future__ import annotations

import re

from ingest.names import Entry, looks_like_name

_ROLE = (
    r"(?:Leder|Leiar|Nestleder|Nestleiar|Medlem|Varamedlem|Vara|Ordfører|Ordførar|Varaordfører|Varaordførar"
    r"|Rådmann|Kommunedirektør|Kommunalsjef|Daglig\s+leder|Dagleg\s+leiar|Rådgiver|Rådgjevar"
    r"|Seniorrådgiver|Seniorrådgjevar|Sekretær|Konsulent|Observatør|Møteleder|Møteleiar|Prosjektleder"
    r"|Prosjektleiar|Økonomisjef|Regionkoordinator)"
)
_ROW = re.compile(rf"^(?P<name>.+?)\s+(?P<role>{_ROLE})(?:\s+(?P<org>[A-ZÆØÅ].*))?$")
_HEADER_ROW = re.compile(r"^(?:Navn|Namn)\b", re.IGNORECASE)
_CHAIRS = ("leder", "leiar", "møteleder", "møteleiar")


def table_rows(text: str) -> list[str] | None:
    """The rows of an attendance table («Navn Funksjon Representerer» / one person a line), or None."""
    rows = [r.strip() for r in text.split("\n") if r.strip()]
    header = bool(rows) and bool(_HEADER_ROW.match(rows[0]))
    body = rows[1:] if header else rows
    with_role = [r for r in body if _ROW.match(r) and looks_like_name(_ROW.match(r)["name"])]  # type: ignore[index]
    if header or (len(body) >= 2 and len(with_role) == len(body)):
        return body
    return None


def row_entry(row: str) -> Entry | None:
    match = _ROW.match(row)
    if match and looks_like_name(match["name"]):
        role = "chair" if match["role"].lower() in _CHAIRS else None
        org = match["org"].strip() if match["org"] else None
        return Entry(match["name"].strip(), org, None, role)
    return None
