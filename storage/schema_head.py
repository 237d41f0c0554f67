"""Whether a database's schema is at the newest migration, without loading Alembic.

The newest revisions are read from the migration files themselves (their `revision` and
`down_revision` constants); the database's from its `alembic_version` row. At every start after the
first the two agree, and `upgrade` then costs one small read instead of Alembic's import and
script loading (most of a start-up).
"""

from __future__ import annotations

import ast
import contextlib
import functools
from pathlib import Path

from sqlalchemy import Connection, inspect, text

VERSIONS = Path(__file__).parent / "migrations" / "versions"


@functools.cache
def heads() -> frozenset[str]:
    """The revisions no other migration builds on (one, once heads are linked)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in VERSIONS.glob("*.py"):
        found = _constants(path)
        revision, down = found.get("revision"), found.get("down_revision")
        if isinstance(revision, str):
            revisions.add(revision)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(d for d in down if isinstance(d, str))
    return frozenset(revisions - parents)


def _constants(path: Path) -> dict[str, object]:
    """`revision` and `down_revision` of one migration file, as written there."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            name, value = node.target.id, node.value
        elif (
            isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        ):
            name, value = node.targets[0].id, node.value
        else:
            continue
        if name in ("revision", "down_revision"):
            with contextlib.suppress(ValueError):
                found[name] = ast.literal_eval(value)
    return found


def current(conn: Connection) -> frozenset[str]:
    """The revisions the database says it is at (empty for a fresh database)."""
    if not inspect(conn).has_table("alembic_version"):
        return frozenset()
    return frozenset(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def at_head(conn: Connection) -> bool:
    """True when the database is at the newest migration."""
    newest = heads()
    return bool(newest) and current(conn) == newest
