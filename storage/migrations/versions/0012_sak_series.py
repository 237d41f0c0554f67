"""sak series: RS 3/17 and PS 3/17 are two saker

Municipal case systems number referatsaker (RS), orienteringssaker (OS), delegerte saker (DS) …
in series of their own beside the main one. A sak is one by (body, series, year, number); the
main series is "" so every existing sak keeps its identity.

Revision ID: 0012_sak_series
Revises: 0005_secretariat
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_sak_series"
down_revision: str | None = "0005_secretariat"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_rebuild(unique=("body_id", "series", "year", "number"), series=True)
        return
    op.add_column("saker", sa.Column("series", sa.String(length=4), server_default="", nullable=False))
    op.drop_constraint("uq_saker_body_id_year_number", "saker", type_="unique")
    op.create_unique_constraint(
        "uq_saker_body_id_series_year_number", "saker", ["body_id", "series", "year", "number"]
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_rebuild(unique=("body_id", "year", "number"), series=False)
        return
    op.drop_constraint("uq_saker_body_id_series_year_number", "saker", type_="unique")
    op.create_unique_constraint("uq_saker_body_id_year_number", "saker", ["body_id", "year", "number"])
    op.drop_column("saker", "series")


# SQLite cannot drop a table's UNIQUE constraint, so the table is built anew. Not by batch mode:
# its DROP TABLE would cascade to every treatment (foreign keys are on), and its rename trips over
# the search triggers of 0002. Instead, in legacy rename mode, the old table steps aside (the other
# tables' foreign keys and triggers keep naming «saker»), the new one takes the name with the same
# ids, the old one goes with its own triggers, and those are made again word for word.
def _sqlite_rebuild(*, unique: tuple[str, ...], series: bool) -> None:
    bind = op.get_bind()
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        # With foreign keys on, dropping the old table would delete every treatment with it.
        raise RuntimeError("0012 needs foreign keys off on SQLite: migrate through storage.db.upgrade")
    triggers = {
        name: sql
        for name, sql in bind.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'saker'"
        )
    }
    op.execute("PRAGMA legacy_alter_table = ON")
    op.execute("ALTER TABLE saker RENAME TO saker_before_0012")
    columns: list[sa.schema.SchemaItem] = [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        *([sa.Column("series", sa.String(length=4), server_default="", nullable=False)] if series else []),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
    ]
    op.create_table(
        "saker",
        *columns,
        sa.ForeignKeyConstraint(
            ["body_id"], ["bodies.id"], name="fk_saker_body_id_bodies", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_saker"),
        sa.UniqueConstraint(*unique, name="uq_saker_" + "_".join(unique)),
    )
    op.execute(
        "INSERT INTO saker (id, body_id, number, year, title) "
        "SELECT id, body_id, number, year, title FROM saker_before_0012"
    )
    op.execute("DROP TABLE saker_before_0012")
    op.execute("PRAGMA legacy_alter_table = OFF")
    for sql in triggers.values():  # as they were, word for word
        op.execute(sql)
