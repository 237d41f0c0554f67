"""durable deliveries: a processed_events claim carries the work it stands for

A delivery acknowledged to a platform is written down before the acknowledgement: what was asked
(payload), its state (pending → answered → done), how often it was tried and the rendered answer,
so a pass after a crash finishes or answers it once. Rows without a state are plain marks.

Revision ID: 0008_house
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_house"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("processed_events", sa.Column("state", sa.String(length=12), nullable=True))
    op.add_column("processed_events", sa.Column("payload", sa.Text(), nullable=True))
    op.add_column("processed_events", sa.Column("answer", sa.Text(), nullable=True))
    op.add_column(
        "processed_events", sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False)
    )
    op.add_column("processed_events", sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_processed_events_state", "processed_events", ["state"])


def downgrade() -> None:
    op.drop_index("ix_processed_events_state", table_name="processed_events")
    for column in ("updated_at", "attempts", "answer", "payload", "state"):
        op.drop_column("processed_events", column)
