"""The log formats of `motebot run`, and the newest migration read without Alembic."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from bot import logs
from handlers.errors import REQUEST_ID, new_error_id
from storage import schema_head
from storage.db import alembic_config


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _log_one(stream: io.StringIO, fmt: str | None) -> str:
    chosen = logs.configure("info", fmt, stream)
    token = REQUEST_ID.set("abcd1234")
    try:
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("motebot.test").exception("it failed [%s]", new_error_id())
    finally:
        REQUEST_ID.reset(token)
        root = logging.getLogger()
        for handler in [h for h in root.handlers if h.get_name() == logs.HANDLER_NAME]:
            root.removeHandler(handler)
    return chosen


def test_json_lines_off_a_terminal() -> None:
    out = io.StringIO()
    assert _log_one(out, None) == "json"
    (line,) = out.getvalue().splitlines()
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "motebot.test"
    assert entry["message"] == "it failed [abcd1234]" and entry["request_id"] == "abcd1234"
    assert "ValueError: boom" in entry["exception"] and entry["time"].endswith("+00:00")


def test_text_on_a_terminal_and_the_setting_wins() -> None:
    out = _Terminal()
    assert _log_one(out, None) == "text"
    first = out.getvalue().splitlines()[0]
    assert "ERROR motebot.test [abcd1234]: it failed [abcd1234]" in first
    assert "ValueError: boom" in out.getvalue()
    forced = _Terminal()
    assert _log_one(forced, "json") == "json"
    assert json.loads(forced.getvalue().splitlines()[0])["request_id"] == "abcd1234"
    with pytest.raises(ValueError, match="json or text"):
        logs.choose("yaml", io.StringIO())


def test_outside_a_request_an_error_id_is_fresh() -> None:
    assert REQUEST_ID.get() is None
    first, second = new_error_id(), new_error_id()
    assert first != second and len(first) == 8


def test_the_newest_migration_is_alembics_head() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert schema_head.heads() == frozenset(script.get_heads())


def test_heads_follow_merges_and_tuples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {
        "a.py": 'revision = "a"\ndown_revision = None\n',
        "b.py": 'revision: str = "b"\ndown_revision: str | None = "a"\n',
        "c.py": 'revision = "c"\ndown_revision = "a"\n',
        "m.py": 'revision = "m"\ndown_revision = ("b", "c")\n',
    }
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    monkeypatch.setattr(schema_head, "VERSIONS", tmp_path)
    schema_head.heads.cache_clear()
    try:
        assert schema_head.heads() == {"m"}
        (tmp_path / "m.py").unlink()
        schema_head.heads.cache_clear()
        assert schema_head.heads() == {"b", "c"}
    finally:
        schema_head.heads.cache_clear()
