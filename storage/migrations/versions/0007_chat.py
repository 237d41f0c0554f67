"""summary mode per body (the channel summary after each meeting's minutes)

Plain ADD/DROP COLUMN on both databases (SQLite ≥ 3.35): a batch rebuild of `bodies` would have
to drop a table that every other table references.

Revision ID: 0007_chat
Revises: 0004_bodies_documents
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_chat"
down_revision: str | None = "0004_bodies_documents"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "bodies", sa.Column("summary_mode", sa.String(length=10), nullable=False, server_default="on")
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE bodies DROP COLUMN summary_mode")
    else:
        op.drop_column("bodies", "summary_mode")
