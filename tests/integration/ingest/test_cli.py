"""`motebot import` and `motebot export` through typer's CliRunner, on the test database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

import ingest.load
from bot.__main__ import app
from ingest.load import Parser
from ingest.parse import parse_file
from storage.db import session_factory
from storage.export import export_json
from tests.conftest import SEEDS
from tests.integration.ingest.helpers import seed


@pytest.fixture
def run(engine: Engine, parser: Parser, monkeypatch: pytest.MonkeyPatch):
    """Invoke `motebot …` with DATABASE_URL pointing at the test database."""
    monkeypatch.setattr(ingest.load, "_default_parser", lambda: parser)
    url = engine.url.render_as_string(hide_password=False)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), env={"DATABASE_URL": url, "MOTEBOT_NOW": "2017-10-02"})

    return invoke


def test_import_prints_a_report_per_document_and_exits_0(run, parser: Parser) -> None:
    result = run("import", *map(str, SEEDS))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "000_e039b04203c56e42.txt: Referat fra Rådmannsgruppen 15.09.2016" in out
    assert "1 møte, 12 saker, 11 vedtak, 0 forslag til vedtak, 21 i oppmøtelisten, 0 møteplanlinjer" in out
    assert "002_d59422f38da2a98d.txt: Saksframlegg fra Rådmannsgruppen 31.05.2018" in out
    assert "1 sak, 0 vedtak, 1 forslag til vedtak" in out
    assert "6 møter, 8 saker, 6 vedtak, 0 forslag til vedtak, 34 i oppmøtelisten, 5 møteplanlinjer" in out
    if parser is parse_file:  # the parser's warnings, in Norwegian with their line numbers
        assert (
            "  advarsel, linje 113: Møteplanlinjen nevner ikke noe kjent organ: «14.6 Generalforsamling»."
            in out
        )
    assert out.rstrip().endswith("5 av 5 dokumenter importert, 0 uendret, 0 feilet.")
    again = run("import", *map(str, SEEDS))
    assert again.exit_code == 0
    assert "000_e039b04203c56e42.txt: uendret" in again.output


def test_a_failed_document_exits_1_and_the_others_go_in(run, tmp_path: Path) -> None:
    missing = tmp_path / "mangler.txt"
    result = run("import", str(missing), str(seed("001")))
    assert result.exit_code == 1
    assert "mangler.txt: IKKE importert. Finner ikke filen." in result.output
    assert "1 av 2 dokumenter importert, 0 uendret, 1 feilet." in result.output
    exported = json.loads(run("export").output)
    assert [m["date"] for m in exported["meetings"]] == ["2016-05-26"]


def test_import_without_files_is_a_usage_error(run) -> None:
    assert run("import").exit_code == 2


def test_export_prints_the_database_as_json(run, engine: Engine) -> None:
    assert run("import", *map(str, SEEDS)).exit_code == 0
    result = run("export")
    assert result.exit_code == 0
    with session_factory(engine)() as session:
        assert result.stdout == export_json(session)
    data = json.loads(result.stdout)
    assert data["schema"] == "motebot-export/1"
    assert len(data["meetings"]) == 9
    assert run("export").stdout == result.stdout
