"""summary mode per body (the channel summary after each meeting's minutes)

Revision ID: 0007_chat
Revises: 0008_house
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_chat"
down_revision: str | None = "0008_house"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bodies") as batch:
        batch.add_column(sa.Column("summary_mode", sa.String(length=10), nullable=False, server_default="on"))


def downgrade() -> None:
    with op.batch_alter_table("bodies") as batch:
        batch.drop_column("summary_mode")
