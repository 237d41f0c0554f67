"""Storage writes for the saker a document brings and their treatment at its meeting.

Core statements built once (see storage/importing.py for why); keyword-only; never commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, insert, select, tuple_
from sqlalchemy.orm import Session

from storage import open_items
from storage.importing import LOWEST, DocumentRow, Rank, by_id, conn, expanding
from storage.models import Document, Sak, Treatment

SakKey = tuple[str, int, int]  # (series, number, year); ingest.model.SakKey is the same shape

_SAKER = select(Sak.id, Sak.series, Sak.number, Sak.year, Sak.title).where(
    Sak.body_id == bindparam("b"), tuple_(Sak.series, Sak.number, Sak.year).in_(expanding("keys"))
)
_SAK_RANKS = (
    select(Treatment.sak_id, Document.kind, Document.doc_date, Document.file_name)
    .join(Document, Document.id == Treatment.document_id)
    .where(Treatment.sak_id.in_(expanding("ids")))
)
_UPDATE_SAK = by_id(Sak)
# One statement for all new saker, ids back through RETURNING (SQLite ≥ 3.35, PostgreSQL); rows are
# matched by (series, number, year), so their order does not matter and SQLAlchemy can batch them.
_NEW_SAKER = insert(Sak).returning(Sak.id, Sak.series, Sak.number, Sak.year)


def ensure_saker(
    session: Session, *, body_id: int, titles: Mapping[SakKey, str], rank: Rank
) -> tuple[dict[SakKey, int], set[int]]:
    """The body's saker (series, number, year) → id, created when missing, and the ids that existed
    before.

    Titles follow the top-ranked document that treats the sak.
    """
    c = conn(session)
    keys = list(titles)
    if not keys:
        return {}, set()
    found = {
        (r.series, r.number, r.year): (r.id, r.title) for r in c.execute(_SAKER, {"b": body_id, "keys": keys})
    }
    if found:
        top: dict[int, Rank] = {}
        for r in c.execute(_SAK_RANKS, {"ids": [i for i, _ in found.values()]}):
            top[r.sak_id] = max(top.get(r.sak_id, LOWEST), (r.kind == "referat", r.doc_date, r.file_name))
        for key, (sak_id, title) in found.items():
            if title != titles[key] and rank >= top.get(sak_id, LOWEST):
                c.execute(_UPDATE_SAK, {"row_id": sak_id, "title": titles[key]})
                open_items.refresh_sak(c, sak_id=sak_id)
    ids = {key: sak_id for key, (sak_id, _) in found.items()}
    missing = [
        {"body_id": body_id, "series": series, "number": number, "year": year, "title": titles[key]}
        for key in keys
        if key not in found
        for series, number, year in [key]
    ]
    if missing:
        for new in c.execute(_NEW_SAKER, missing):
            ids[(new.series, new.number, new.year)] = new.id
    return ids, {sak_id for sak_id, _ in found.values()}


@dataclass(frozen=True)
class TreatmentRow:
    """A treatment already recorded, with the rank of the document behind it."""

    id: int
    rank: Rank | None
    text: str
    proposal: str | None
    vedtak: str | None


_TREATMENTS = (
    select(
        Treatment.sak_id,
        Treatment.id,
        Treatment.text,
        Treatment.proposal,
        Treatment.vedtak,
        Document.kind,
        Document.doc_date,
        Document.file_name,
    )
    .outerjoin(Document, Document.id == Treatment.document_id)
    .where(Treatment.meeting_id == bindparam("m"), Treatment.sak_id.in_(expanding("ids")))
)


def treatments_at(session: Session, *, meeting_id: int, sak_ids: Iterable[int]) -> dict[int, TreatmentRow]:
    """The treatments already recorded at a meeting for these saker, keyed by sak id."""
    ids = list(sak_ids)
    if not ids:
        return {}
    out = {}
    for r in conn(session).execute(_TREATMENTS, {"m": meeting_id, "ids": ids}):
        rank = (r.kind == "referat", r.doc_date, r.file_name) if r.kind is not None else None
        out[r.sak_id] = TreatmentRow(r.id, rank, r.text, r.proposal, r.vedtak)
    return out


_UPDATE_TREATMENT = by_id(Treatment)
_NEW_TREATMENT = insert(Treatment)


def put_treatment(
    session: Session,
    *,
    existing: TreatmentRow | None,
    sak_id: int,
    meeting_id: int,
    document: DocumentRow,
    position: int,
    text: str,
    proposal: str | None,
    vedtak: str | None,
) -> dict[str, Any] | None:
    """A sak's treatment at a meeting: the row to insert, or None when merged into another document's."""
    if existing is None:
        return {
            "sak_id": sak_id,
            "meeting_id": meeting_id,
            "document_id": document.id,
            "position": position,
            "text": text,
            "proposal": proposal,
            "vedtak": vedtak,
        }
    if existing.rank is None or document.rank >= existing.rank:
        # Minutes record what was decided; a case document only fills what the minutes lack.
        values = {
            "vedtak": vedtak if document.kind == "referat" else (vedtak or existing.vedtak),
            "proposal": proposal or existing.proposal,
            "text": text or existing.text,
            "document_id": document.id,
            "position": position,
        }
    else:
        values = {
            "vedtak": existing.vedtak or vedtak,
            "proposal": existing.proposal or proposal,
            "text": existing.text or text,
        }
    conn(session).execute(_UPDATE_TREATMENT, {"row_id": existing.id, **values})
    return None


def insert_treatments(session: Session, *, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert new treatments in one statement."""
    if rows:
        conn(session).execute(_NEW_TREATMENT, [dict(r) for r in rows])
