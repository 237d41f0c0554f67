"""Storage writes for what may keep a sak open: open_items and sak_citations, made from treatments.

Rewritten whenever a treatment is written, so the «åpne saker» query reads indexed rows instead of
the text of every treatment. There are no ORM hooks: every writer calls the refresh itself, in its
own transaction —
- the loader, after it wrote a meeting's treatments: `refresh_meeting` (ingest/load.py);
- a new body, which a recommendation or a task may name: `refresh_for_new_body` (storage/importing.py);
- a retitled sak (its rows carry the title): `refresh_sak` (storage/importing_saker.py);
- anything else that writes treatments (tests, a future editor): `refresh(treatment_ids=…)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select
from sqlalchemy.orm import Session

from language.open_rules import BodyName, candidates
from language.sentences import citations
from storage.models import Body, Decision, Meeting, OpenItem, Sak, SakCitation, Treatment

_BODIES = select(Body.id, Body.name).order_by(Body.name)
_ROWS = (
    select(
        Treatment.id,
        Treatment.sak_id,
        Treatment.text,
        Treatment.proposal,
        Treatment.vedtak,
        Treatment.position,
        Sak.number,
        Sak.year,
        Sak.body_id,
        Sak.title,
        Meeting.body_id.label("meeting_body_id"),
        Meeting.date,
    )
    .join(Sak, Sak.id == Treatment.sak_id)
    .join(Meeting, Meeting.id == Treatment.meeting_id)
)
_BY_IDS = _ROWS.where(Treatment.id.in_(bindparam("ids", expanding=True)))
_AT_MEETING = _ROWS.where(Treatment.meeting_id == bindparam("m"))
_OF_SAK = select(Treatment.id).where(Treatment.sak_id == bindparam("s"))
_DELETE_ITEMS = delete(OpenItem).where(OpenItem.treatment_id.in_(bindparam("ids", expanding=True)))
_DELETE_DECISIONS = delete(Decision).where(Decision.treatment_id.in_(bindparam("ids", expanding=True)))
_DELETE_CITATIONS = delete(SakCitation).where(SakCitation.treatment_id.in_(bindparam("ids", expanding=True)))
# A new body may be the one a recommendation or a task names: these are read again.
_NAMING = select(OpenItem.treatment_id).where(OpenItem.kind.in_(("recommends", "task"))).distinct()


def rows_for(row: Any, bodies: Sequence[BodyName]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The open_items and sak_citations rows of one treatment row (id, sak_id, text, proposal,
    vedtak, position, number, year, body_id, title, meeting_body_id, date)."""
    found = candidates(
        proposal=row.proposal, vedtak=row.vedtak, own_body=row.body_id, meeting_date=row.date, bodies=bodies
    )
    items = [
        {
            "treatment_id": row.id,
            "sak_id": row.sak_id,
            "body_id": row.body_id,
            "meeting_date": row.date,
            "kind": c.kind,
            "sentence": c.sentence,
            "waits_for_body_id": c.waits_for,
            "not_before": c.not_before,
            "position": position,
            "treatment_position": row.position,
            "number": row.number,
            "year": row.year,
            "title_key": row.title.lower(),
        }
        for position, c in enumerate(found)
    ]
    # Only a vedtak can answer a recommendation, so only a vedtak's citations are kept.
    found_cited = citations(row.text, row.vedtak, meeting_date=row.date) if row.vedtak is not None else set()
    cited = [
        dict(treatment_id=row.id, number=n, year=y, body_id=row.meeting_body_id, meeting_date=row.date)
        for n, y in sorted(found_cited)
    ]
    return items, cited


def body_names(connection: Connection) -> list[BodyName]:
    """Every body, by name (the order the rules try them in)."""
    return [BodyName(r.id, r.name) for r in connection.execute(_BODIES)]


def refresh(
    connection: Connection, *, treatment_ids: Iterable[int] = (), meeting_id: int | None = None
) -> None:
    """Rewrite the open items and citations of these treatments (or of every one at a meeting)."""
    ids = list(treatment_ids)
    if meeting_id is not None:
        rows = list(connection.execute(_AT_MEETING, {"m": meeting_id}))
    elif ids:
        rows = list(connection.execute(_BY_IDS, {"ids": ids}))
    else:
        return
    ids = sorted({*ids, *(r.id for r in rows)})
    if not ids:
        return
    connection.execute(_DELETE_ITEMS, {"ids": ids})
    connection.execute(_DELETE_CITATIONS, {"ids": ids})
    connection.execute(_DELETE_DECISIONS, {"ids": ids})
    write(connection, rows, body_names(connection))


def write(connection: Connection, rows: Iterable[Any], bodies: Sequence[BodyName]) -> None:
    """Insert the open items and citations of these treatment rows (none may have any yet)."""
    items: list[dict[str, Any]] = []
    cited: list[dict[str, Any]] = []
    decided: list[dict[str, Any]] = []
    for row in rows:
        more_items, more_cited = rows_for(row, bodies)
        items += more_items
        cited += more_cited
        if row.vedtak is not None:
            decided.append(
                {
                    "treatment_id": row.id,
                    "sak_id": row.sak_id,
                    "body_id": row.meeting_body_id,
                    "meeting_date": row.date,
                    "title_key": row.title.lower(),
                }
            )
    if decided:
        connection.execute(insert(Decision), decided)
    if items:
        connection.execute(insert(OpenItem), items)
    if cited:
        connection.execute(insert(SakCitation), cited)


def refresh_meeting(session: Session, *, meeting_id: int) -> None:
    """Rewrite the open items of every treatment at a meeting (after the loader wrote them)."""
    refresh(session.connection(), meeting_id=meeting_id)


def write_all(connection: Connection, *, batch: int = 5_000) -> None:
    """Open items and citations for every treatment (a database filled before they existed)."""
    bodies = body_names(connection)
    last = 0
    while True:
        rows = list(connection.execute(_ROWS.where(Treatment.id > last).order_by(Treatment.id).limit(batch)))
        if not rows:
            return
        write(connection, rows, bodies)
        last = rows[-1].id


def refresh_for_new_body(connection: Connection) -> None:
    """A body was added: read again the treatments whose items name a body (it may be the new one)."""
    ids = list(connection.scalars(_NAMING))
    for start in range(0, len(ids), 5_000):
        refresh(connection, treatment_ids=ids[start : start + 5_000])


def refresh_sak(connection: Connection, *, sak_id: int) -> None:
    """A sak was retitled: rewrite the rows of its treatments (they carry the title)."""
    refresh(connection, treatment_ids=list(connection.scalars(_OF_SAK, {"s": sak_id})))
