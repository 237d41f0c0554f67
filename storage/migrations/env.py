"""Alembic environment: runs on a given connection or on the configured URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from storage.db import make_engine
from storage.models import Base
from storage.read_model import SKIP
from storage.search import include_name

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    connection.execution_options(**{SKIP: True})  # no read generation drawn while migrating
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,  # the search objects of 0002 are not in the models
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///motebot.db")
    with engine.begin() as conn:
        _run(conn)
