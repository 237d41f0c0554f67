"""Alembic: `upgrade head` builds an empty database and autogenerate finds no difference."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from storage.db import upgrade
from storage.models import Base
from storage.search import include_name


def test_upgrade_head_builds_every_table_and_matches_models(engine: Engine) -> None:
    upgrade(engine)  # again: idempotent on a database already at head
    names = set(inspect(engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= names
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []
