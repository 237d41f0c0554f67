"""perf: the read generation, a counter every write to what members read bumps (storage/read_model.py)

Revision ID: 0011_perf
Revises: 0012_sak_series
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_perf"
down_revision: str | None = "0012_sak_series"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    table = op.create_table(
        "read_generation",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_read_generation")),
    )
    # A random start: a generation an earlier database had never stamps this one.
    op.bulk_insert(table, [{"id": 1, "n": secrets.randbelow(2**62)}])


def downgrade() -> None:
    op.drop_table("read_generation")
