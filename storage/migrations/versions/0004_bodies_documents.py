"""bodies as data, documents by content and subject

Body aliases (short forms such as «regionrådet», «NRR»), keyed by their folded form. A document is
identified by its content hash and by what it describes (its subject), no longer by its file name:
two documents with the same file name in different folders both stay. Documents already imported
keep their file name as their subject.

Revision ID: 0004_bodies_documents
Revises: 0008_house
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_bodies_documents"
down_revision: str | None = "0008_house"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "body_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["body_id"], ["bodies.id"], name=op.f("fk_body_aliases_body_id_bodies"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_body_aliases")),
        sa.UniqueConstraint("key", name=op.f("uq_body_aliases_key")),
    )
    with op.batch_alter_table("body_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_body_aliases_body_id"), ["body_id"], unique=False)

    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subject", sa.String(length=400), nullable=True))
    op.execute("UPDATE documents SET subject = 'file:' || file_name")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.alter_column("subject", existing_type=sa.String(length=400), nullable=False)
        batch_op.drop_constraint("uq_documents_file_name", type_="unique")
        batch_op.drop_index("ix_documents_content_hash")
        batch_op.create_index(batch_op.f("ix_documents_file_name"), ["file_name"], unique=False)
        batch_op.create_unique_constraint(batch_op.f("uq_documents_content_hash"), ["content_hash"])
        batch_op.create_unique_constraint(batch_op.f("uq_documents_subject"), ["subject"])


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_constraint("uq_documents_subject", type_="unique")
        batch_op.drop_constraint("uq_documents_content_hash", type_="unique")
        batch_op.drop_index("ix_documents_file_name")
        batch_op.create_index("ix_documents_content_hash", ["content_hash"], unique=False)
        batch_op.create_unique_constraint("uq_documents_file_name", ["file_name"])
        batch_op.drop_column("subject")
    with op.batch_alter_table("body_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_body_aliases_body_id"))
    op.drop_table("body_aliases")
