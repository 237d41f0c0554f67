"""The open saker of a body, read from the open-items table: each still open while its reason stands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, literal, or_, select
from sqlalchemy.orm import Session, aliased

from storage.models import Body, Decision, Meeting, OpenItem, Sak, SakCitation


@dataclass(frozen=True)
class OpenSak:
    """One open item: the sak, the treatment's meeting date, the reason and whom it waits for."""

    body_id: int
    number: int
    year: int
    title: str
    meeting_date: dt.date
    kind: str  # proposal | recommends | task
    sentence: str
    waits_for_body_id: int | None


def _probe(*conditions: ColumnElement[bool], outer: Sequence[Any] = (OpenItem,)) -> ColumnElement[bool]:
    """EXISTS, probed per item along an index: OFFSET 0 keeps PostgreSQL from hashing the whole
    table for it (it did for decisions: a 90,000-row scan for every reply). Correlated to `outer`
    by name: auto-correlation reaches only the SELECT just outside."""
    return select(literal(1)).where(*conditions).correlate(*outer).limit(1).offset(0).exists()


def _first(*conditions: ColumnElement[bool], along: Any) -> ColumnElement[bool]:
    """EXISTS, walking the index `along` leads (PostgreSQL otherwise scans the table from the start)."""
    stmt = select(literal(1)).where(*conditions).correlate(OpenItem).order_by(along)
    return stmt.limit(1).offset(0).exists()


def _open_by_kind() -> dict[str, ColumnElement[bool]]:
    """kind → true for an open item of that kind whose reason still stands."""
    m, other = aliased(Meeting), aliased(Body)
    waits, own = OpenItem.waits_for_body_id, OpenItem.body_id

    def later(table: type[Decision] | type[SakCitation], *key: ColumnElement[bool]) -> ColumnElement[bool]:
        """A later vedtak in the body waited for, or (none named) in any other body: each an
        equality on (key, body) and a range on the date, one index probe."""
        after = table.meeting_date > OpenItem.meeting_date
        in_other = _probe(*key, after, table.body_id == other.id, outer=(OpenItem, other))
        return or_(
            and_(waits.is_not(None), _probe(*key, after, table.body_id == waits)),
            and_(waits.is_(None), _probe(other.id != own, in_other)),
        )

    same_title = later(Decision, Decision.title_key == OpenItem.title_key)
    cited = later(SakCitation, SakCitation.number == OpenItem.number, SakCitation.year == OpenItem.year)
    minutes = _first(m.body_id == waits, m.status == "held", m.date >= OpenItem.not_before, along=m.date)
    return {
        "proposal": ~_probe(Decision.sak_id == OpenItem.sak_id),
        "recommends": and_(~same_title, ~cited),
        "task": ~minutes,
    }


def _still_open() -> ColumnElement[bool]:
    return or_(*(and_(OpenItem.kind == kind, cond) for kind, cond in _open_by_kind().items()))


def open_items(
    session: Session, *, body_ids: Sequence[int], limit_per_body: int, count_up_to: int
) -> tuple[list[OpenSak], dict[int, int]]:
    """The oldest open items of each body (at most `limit_per_body`), and how many each has in all,
    counted up to `count_up_to` (a body with thousands open answers as fast as one with 30)."""
    order = (OpenItem.meeting_date, OpenItem.treatment_position, OpenItem.treatment_id, OpenItem.position)
    rows: list[OpenSak] = []
    totals: dict[int, int] = {}
    for body_id in body_ids:
        # One walk per body along ix_open_items_body_id_meeting_date, oldest first: the first
        # items are shown, the rest only counted, and the walk stops at `count_up_to`.
        stmt = (
            select(
                OpenItem.body_id,
                OpenItem.number,
                OpenItem.year,
                Sak.title,
                OpenItem.meeting_date,
                OpenItem.kind,
                OpenItem.sentence,
                OpenItem.waits_for_body_id,
            )
            .join(Sak, Sak.id == OpenItem.sak_id)
            .where(OpenItem.body_id == body_id, _still_open())
            .order_by(*order)
            .limit(count_up_to)
        )
        found = session.execute(stmt).all()
        rows += [OpenSak(*r) for r in found[:limit_per_body]]
        totals[body_id] = len(found)
    return rows, totals
