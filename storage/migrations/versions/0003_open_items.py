"""open items and sak citations (åpne saker as indexed rows)

What may keep a sak open (language.open_rules) and the sak numbers each treatment cites, written
with the treatments, and each vedtak keyed by its sak's lowercased title («a later vedtak of the
same title» is one index probe).
Treatments already in the database get their rows here, by a frozen copy (below) of the rules
and the writer as they were at this revision: a migration must not import live code, which
changes with the models after it.

Revision ID: 0003
Revises: 0002
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "open_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("treatment_id", sa.Integer(), nullable=False),
        sa.Column("sak_id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("waits_for_body_id", sa.Integer(), nullable=True),
        sa.Column("not_before", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("treatment_position", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title_key", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["body_id"], ["bodies.id"], name=op.f("fk_open_items_body_id_bodies"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["sak_id"], ["saker.id"], name=op.f("fk_open_items_sak_id_saker"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["treatment_id"],
            ["treatments.id"],
            name=op.f("fk_open_items_treatment_id_treatments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["waits_for_body_id"],
            ["bodies.id"],
            name=op.f("fk_open_items_waits_for_body_id_bodies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open_items")),
    )
    with op.batch_alter_table("open_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_open_items_body_id_meeting_date",
            ["body_id", "meeting_date", "treatment_position", "treatment_id", "position"],
            unique=False,
        )
        batch_op.create_index(
            "ix_open_items_body_id_kind",
            [
                "body_id",
                "kind",
                "sak_id",
                "meeting_date",
                "waits_for_body_id",
                "not_before",
                "number",
                "year",
                "title_key",
            ],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_open_items_treatment_id"), ["treatment_id"], unique=False)

    op.create_table(
        "sak_citations",
        sa.Column("treatment_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["body_id"], ["bodies.id"], name=op.f("fk_sak_citations_body_id_bodies"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["treatment_id"],
            ["treatments.id"],
            name=op.f("fk_sak_citations_treatment_id_treatments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("treatment_id", "number", "year", name=op.f("pk_sak_citations")),
    )
    with op.batch_alter_table("sak_citations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sak_citations_number_year", ["number", "year", "body_id", "meeting_date"], unique=False
        )

    op.create_table(
        "decisions",
        sa.Column("treatment_id", sa.Integer(), nullable=False),
        sa.Column("sak_id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("title_key", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["body_id"], ["bodies.id"], name=op.f("fk_decisions_body_id_bodies"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["treatment_id"],
            ["treatments.id"],
            name=op.f("fk_decisions_treatment_id_treatments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sak_id"], ["saker.id"], name=op.f("fk_decisions_sak_id_saker"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("treatment_id", name=op.f("pk_decisions")),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_decisions_title_key_body_id_meeting_date",
            ["title_key", "body_id", "meeting_date"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_decisions_sak_id"), ["sak_id"], unique=False)
    _fill()


def _fill() -> None:
    """Open items and citations for the treatments already in the database."""
    _write_all(op.get_bind())


# --- Frozen copy of the rules and the writer at revision 0003 (do not import live code here) ------

_MONTHS = {
    "januar": 1,
    "februar": 2,
    "mars": 3,
    "april": 4,
    "august": 8,
    "september": 9,
    "sept": 9,
    "oktober": 10,
    "november": 11,
    "desember": 12,
}  # fmt: skip  (the names longer than three letters, all the month-year rule reads)
_RECOMMENDS = re.compile(r"\banbefaler\b")
_TASK = re.compile(r"\bbes\b|\bber\b.{1,60}\bom å\b|\binformerer i\b|\btas opp\b|\blegges (fram|frem)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"])|\n+")
_MONTH_YEAR = re.compile(rf"\b({'|'.join(_MONTHS)})\s+(\d{{4}})\b")
_DAY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_CITATION = re.compile(r"(?<!\d)(\d{1,4})/(\d{4}|\d{2})(?!\d)")
_FOLD = str.maketrans({"å": "a", "ø": "o", "æ": "ae", "é": "e", "è": "e"})

_bodies = sa.table("bodies", sa.column("id"), sa.column("name"))
_saker = sa.table(
    "saker", sa.column("id"), sa.column("body_id"), sa.column("number"), sa.column("year"), sa.column("title")
)
_meetings = sa.table("meetings", sa.column("id"), sa.column("body_id"), sa.column("date", sa.Date))
_treatments = sa.table(
    "treatments",
    sa.column("id"),
    sa.column("sak_id"),
    sa.column("meeting_id"),
    sa.column("text"),
    sa.column("proposal"),
    sa.column("vedtak"),
    sa.column("position"),
)
_open_items = sa.table(
    "open_items",
    *(
        sa.column(c)
        for c in (
            "treatment_id",
            "sak_id",
            "body_id",
            "kind",
            "sentence",
            "waits_for_body_id",
            "position",
            "treatment_position",
            "number",
            "year",
            "title_key",
        )
    ),
    sa.column("meeting_date", sa.Date),
    sa.column("not_before", sa.Date),
)
_citations = sa.table(
    "sak_citations",
    *(sa.column(c) for c in ("treatment_id", "number", "year", "body_id")),
    sa.column("meeting_date", sa.Date),
)
_decisions = sa.table(
    "decisions",
    *(sa.column(c) for c in ("treatment_id", "sak_id", "body_id", "title_key")),
    sa.column("meeting_date", sa.Date),
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower().translate(_FOLD)


def _stem(name: str) -> str:
    stem = _fold(name)
    for suffix in ("ene", "en", "et", "a"):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 5:
            return stem[: -len(suffix)]
    return stem


def _sentences(text: str) -> list[str]:
    return [" ".join(s.split()) for s in _SENTENCE_END.split(text) if s and s.strip()]


def _addressed(sentence: str, bodies: list[tuple[int, str]]) -> list[int]:
    folded = _fold(sentence)
    named = [b for b in bodies if re.search(rf"(?<![a-z]){re.escape(_stem(b[1]))}", folded)]
    first = _fold(sentence.split()[0]) if sentence.split() else ""
    return [b[0] for b in named if not first.startswith(_stem(b[1]))]


def _not_before(lowered: str) -> dt.date | None:
    m = _MONTH_YEAR.search(lowered)
    if m:
        return dt.date(int(m[2]), _MONTHS[m[1]], 1)
    d = _DAY.search(lowered)
    if d:
        try:
            return dt.date(int(d[3]), int(d[2]), int(d[1]))
        except ValueError:
            return None
    return None


def _candidates(row: Any, bodies: list[tuple[int, str]]) -> list[tuple[str, str, int | None, dt.date | None]]:
    """(kind, sentence, waits_for, not_before) of one treatment row."""
    if row.vedtak is None:
        first = _sentences(row.proposal)[:1] if row.proposal else []
        return [("proposal", first[0], None, None)] if first else []
    out: list[tuple[str, str, int | None, dt.date | None]] = []
    for sentence in _sentences(row.vedtak):
        lowered = sentence.lower()
        if _RECOMMENDS.search(lowered):
            other = [b for b in _addressed(sentence, bodies) if b != row.body_id]
            out.append(("recommends", sentence, other[0] if other else None, None))
        elif _TASK.search(lowered):
            named = _addressed(sentence, bodies)
            named_day = _not_before(lowered)
            since = row.date + dt.timedelta(days=1)
            if named_day is not None and named_day > since:
                since = named_day
            out.append(("task", sentence, named[0] if named else row.body_id, since))
    return out


def _cited(row: Any) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for text in (row.text, row.vedtak):
        for m in _CITATION.finditer(text or ""):
            number, year = int(m[1]), int(m[2])
            if len(m[2]) == 2:
                year += row.date.year - row.date.year % 100
                if year > row.date.year + 1:
                    year -= 100
            out.add((number, year))
    return out


def _write_all(connection: sa.Connection, *, batch: int = 5_000) -> None:
    bodies = [
        (r.id, r.name)
        for r in connection.execute(sa.select(_bodies.c.id, _bodies.c.name).order_by(_bodies.c.name))
    ]
    t, s, m = _treatments.c, _saker.c, _meetings.c
    rows_query = sa.select(
        t.id,
        t.sak_id,
        t.text,
        t.proposal,
        t.vedtak,
        t.position,
        s.number,
        s.year,
        s.body_id,
        s.title,
        m.body_id.label("meeting_body_id"),
        m.date,
    ).select_from(_treatments.join(_saker, s.id == t.sak_id).join(_meetings, m.id == t.meeting_id))
    last = 0
    while True:
        rows = list(connection.execute(rows_query.where(t.id > last).order_by(t.id).limit(batch)))
        if not rows:
            return
        items: list[dict[str, Any]] = []
        cited: list[dict[str, Any]] = []
        decided: list[dict[str, Any]] = []
        for row in rows:
            for position, (kind, sentence, waits_for, not_before) in enumerate(_candidates(row, bodies)):
                items.append(
                    dict(
                        treatment_id=row.id,
                        sak_id=row.sak_id,
                        body_id=row.body_id,
                        meeting_date=row.date,
                        kind=kind,
                        sentence=sentence,
                        waits_for_body_id=waits_for,
                        not_before=not_before,
                        position=position,
                        treatment_position=row.position,
                        number=row.number,
                        year=row.year,
                        title_key=row.title.lower(),
                    )
                )
            if row.vedtak is not None:
                cited += [
                    dict(
                        treatment_id=row.id,
                        number=n,
                        year=y,
                        body_id=row.meeting_body_id,
                        meeting_date=row.date,
                    )
                    for n, y in sorted(_cited(row))
                ]
                decided.append(
                    dict(
                        treatment_id=row.id,
                        sak_id=row.sak_id,
                        body_id=row.meeting_body_id,
                        meeting_date=row.date,
                        title_key=row.title.lower(),
                    )
                )
        for table, values in ((_decisions, decided), (_open_items, items), (_citations, cited)):
            if values:
                connection.execute(sa.insert(table), values)
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decisions_sak_id"))
        batch_op.drop_index("ix_decisions_title_key_body_id_meeting_date")
    op.drop_table("decisions")
    with op.batch_alter_table("sak_citations", schema=None) as batch_op:
        batch_op.drop_index("ix_sak_citations_number_year")
    op.drop_table("sak_citations")
    with op.batch_alter_table("open_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_open_items_treatment_id"))
        batch_op.drop_index("ix_open_items_body_id_kind")
        batch_op.drop_index("ix_open_items_body_id_meeting_date")
    op.drop_table("open_items")
