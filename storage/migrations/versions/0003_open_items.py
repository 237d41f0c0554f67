"""open items and sak citations (åpne saker as indexed rows)

What may keep a sak open (storage.open_rules) and the sak numbers each treatment cites, written
with the treatments, and each vedtak keyed by its sak's lowercased title («a later vedtak of the
same title» is one index probe).
Treatments already in the database get their rows here.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

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
    from storage.open_items import write_all

    write_all(op.get_bind())


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
