"""secretariat: seats and vara in the roster, the vara chain, notices, habilitet, quorum

Memberships get the group a member sits for and a vara's order; bodies get the chain, quorum and
«kommer du?» settings (docs/secretariat.md).

Revision ID: 0005_secretariat
Revises: 0007_chat
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models


revision: str = "0005_secretariat"
down_revision: str | None = "0007_chat"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "habilitet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("sak_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("registered_by_id", sa.Integer(), nullable=True),
        sa.Column("registered_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_habilitet_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_habilitet_person_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["registered_by_id"],
            ["people.id"],
            name=op.f("fk_habilitet_registered_by_id_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["sak_id"], ["saker.id"], name=op.f("fk_habilitet_sak_id_saker"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_habilitet")),
        sa.UniqueConstraint(
            "meeting_id", "sak_id", "person_id", name=op.f("uq_habilitet_meeting_id_sak_id_person_id")
        ),
    )
    with op.batch_alter_table("habilitet", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_habilitet_person_id"), ["person_id"], unique=False)

    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=420), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("due_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.Column("claimed_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("next_attempt_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("posted_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("message_ref", sa.String(length=420), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_notices_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_notices_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
        sa.UniqueConstraint("key", name=op.f("uq_notices_key")),
    )
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notices_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index("ix_notices_state_due_at", ["state", "due_at"], unique=False)

    op.create_table(
        "quorum_watch",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_quorum_watch_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_quorum_watch")),
    )
    op.create_table(
        "vara_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("vara_id", sa.Integer(), nullable=False),
        sa.Column("sak_key", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("named", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("asked_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("deadline", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("answered_at", storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["people.id"],
            name=op.f("fk_vara_requests_answered_by_id_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_vara_requests_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["people.id"], name=op.f("fk_vara_requests_member_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["vara_id"], ["people.id"], name=op.f("fk_vara_requests_vara_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vara_requests")),
        sa.UniqueConstraint(
            "meeting_id",
            "member_id",
            "sak_key",
            "vara_id",
            name=op.f("uq_vara_requests_meeting_id_member_id_sak_key_vara_id"),
        ),
    )
    with op.batch_alter_table("vara_requests", schema=None) as batch_op:
        batch_op.create_index("ix_vara_requests_state_deadline", ["state", "deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_vara_requests_vara_id"), ["vara_id"], unique=False)

    # Added in place (no table rebuild on SQLite): each has a constant default.
    op.add_column("bodies", sa.Column("vara_chain", sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column("bodies", sa.Column("quorum_fraction", sa.Float(), server_default="0.5", nullable=True))
    op.add_column("bodies", sa.Column("vara_answer_hours", sa.Integer(), server_default="24", nullable=False))
    op.add_column("bodies", sa.Column("vara_cutoff_hours", sa.Integer(), server_default="24", nullable=False))
    op.add_column("bodies", sa.Column("ask_days", sa.Integer(), server_default="3", nullable=False))

    op.add_column("memberships", sa.Column("seat_group", sa.String(length=200), nullable=True))
    op.add_column("memberships", sa.Column("vara_order", sa.Integer(), nullable=True))


def downgrade() -> None:
    # The new tables first (they point at meetings and people), then the columns; SQLite ≥ 3.35
    # drops a column in place, so no table is rebuilt.
    for index, table in (
        ("ix_vara_requests_vara_id", "vara_requests"),
        ("ix_vara_requests_state_deadline", "vara_requests"),
        ("ix_notices_state_due_at", "notices"),
        ("ix_notices_meeting_id", "notices"),
        ("ix_habilitet_person_id", "habilitet"),
    ):
        op.drop_index(index, table_name=table)
    for table in ("vara_requests", "quorum_watch", "notices", "habilitet"):
        op.drop_table(table)
    for column in ("vara_order", "seat_group"):
        op.drop_column("memberships", column)
    for column in ("ask_days", "vara_cutoff_hours", "vara_answer_hours", "quorum_fraction", "vara_chain"):
        op.drop_column("bodies", column)
