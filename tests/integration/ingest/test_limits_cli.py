"""`motebot import` of documents above the limits: a Norwegian refusal, nothing changed, few lines."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from bot.__main__ import app
from ingest import limits
from ingest.parse import parse_file
from storage.db import session_factory
from tests.conftest import SEEDS
from tests.integration.ingest.helpers import dump, load

_HEAD = "Referat fra møte i Styringsgruppen 7. desember 2017\n\nTid: kl. 10.00 – 12.00\n\n"


def _import(engine: Engine, *files: Path) -> str:
    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["import", *map(str, files)], env={"DATABASE_URL": url})
    assert "Traceback" not in result.output
    return result.output


def test_a_document_above_the_limits_is_refused_in_norwegian_and_changes_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    db = session_factory(engine)
    load(db, list(SEEDS), parse_file)
    before = dump(db)
    big = tmp_path / "referat_stor.txt"
    big.write_text(_HEAD + "Sak 30/2017 Eventuelt\n" * (limits.MAX_TEXT_FILE_BYTES // 20), encoding="utf-8")
    out = _import(engine, big)
    assert "referat_stor.txt: IKKE importert. Dokumentet er for stort" in out
    assert "ingenting er lagret" in out
    assert dump(db) == before


def test_thousands_of_warnings_are_summarised(engine: Engine, tmp_path: Path) -> None:
    lines = "".join(f"3{2 + i % 7}.{13 + i % 5}: Styringsgruppen\n\n" for i in range(3000))
    doc = tmp_path / "mange_advarsler.txt"
    doc.write_text(_HEAD + "Møteplan:\n\n" + lines, encoding="utf-8")
    out = _import(engine, doc)
    warning_lines = [ln for ln in out.splitlines() if "advarsel" in ln]
    assert 1 <= len(warning_lines) <= 20, len(warning_lines)
    more = [ln for ln in out.splitlines() if "… og " in ln and "advarsler til" in ln]
    assert len(more) == 1, out[-2000:]
    shown = len(warning_lines)
    assert f"… og {3000 - shown} advarsler til: {3000 - shown} × Møteplanlinjen" in more[0]
    assert len(out.splitlines()) < 30
