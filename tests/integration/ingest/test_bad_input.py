"""Bad input gets a clear report and changes nothing in the database (real reader and parser)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from bot.__main__ import app
from ingest.load import FILE_NOT_FOUND
from ingest.parse import parse_file
from storage.db import session_factory
from tests.conftest import SEEDS
from tests.integration.ingest.helpers import dump, load, seed
from tests.unit.ingest.converters import blank_pdf


def _bad_files(folder: Path) -> dict[str, Path]:
    """One file for each kind of bad input, named for the code it must give."""
    (folder / "tom.txt").write_bytes(b"")
    (folder / "bare_mellomrom.md").write_text("  \n\n \t\n", encoding="utf-8")
    (folder / "søppel.pdf").write_bytes(bytes(range(256)) * 40)
    (folder / "ikke_word.docx").write_bytes(b"PK\x03\x04 dette er ikke et Word-dokument")
    blank_pdf(folder / "skannet.pdf")
    (folder / "handleliste.txt").write_text(
        "Handleliste\n\nMelk, brød og egg.\n\nHusk å ringe rørleggeren.\n", encoding="utf-8"
    )
    (folder / "regneark.xlsx").write_bytes(b"PK\x03\x04")
    return {
        "empty": folder / "tom.txt",
        "empty ": folder / "bare_mellomrom.md",
        "unreadable": folder / "søppel.pdf",
        "unreadable ": folder / "ikke_word.docx",
        "no_text": folder / "skannet.pdf",
        "no_meeting": folder / "handleliste.txt",
        "unsupported_type": folder / "regneark.xlsx",
        FILE_NOT_FOUND: folder / "finnes_ikke.txt",
    }


def test_each_bad_file_is_refused_with_its_code_and_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    db = session_factory(engine)
    load(db, list(SEEDS), parse_file)
    before = dump(db)
    bad = _bad_files(tmp_path)
    reports = load(db, [*bad.values(), seed("002")], parse_file)
    assert [(r.ok, r.error_code) for r in reports] == [(False, code.strip()) for code in bad] + [(True, None)]
    assert reports[-1].unchanged
    assert dump(db) == before


def test_a_broken_new_version_leaves_the_old_one_in_place(engine: Engine, tmp_path: Path) -> None:
    db = session_factory(engine)
    load(db, list(SEEDS), parse_file)
    before = dump(db)
    broken = tmp_path / seed("000").name
    broken.write_text("Referat\n\nDet meste av teksten forsvant.\n", encoding="utf-8")
    [report] = load(db, [broken], parse_file)
    assert (report.ok, report.error_code) == (False, "no_meeting")
    assert dump(db) == before
    shutil.copy(seed("000"), broken)
    [same] = load(db, [broken], parse_file)
    assert same.ok and same.unchanged  # the stored version is still the good one


@pytest.mark.parametrize("many", [False, True])
def test_cli_reports_bad_files_in_norwegian_and_exits_1(engine: Engine, tmp_path: Path, many: bool) -> None:
    bad = _bad_files(tmp_path)
    files = [*SEEDS, *bad.values()] + ([*SEEDS] * 2 if many else [])  # many: past the progress-bar limit
    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["import", *map(str, files)], env={"DATABASE_URL": url})
    assert result.exit_code == 1
    out = result.output
    assert "tom.txt: IKKE importert. Filen er tom." in out
    assert "søppel.pdf: IKKE importert. Filen kan ikke leses" in out
    assert "skannet.pdf: IKKE importert. Dokumentet har ingen tekst å lese" in out
    assert "handleliste.txt: IKKE importert. Fant ikke noe møte i dokumentet" in out
    assert "regneark.xlsx: IKKE importert. Filtypen støttes ikke" in out
    assert "finnes_ikke.txt: IKKE importert. Finner ikke filen." in out
    done = 5 + (10 if many else 0)
    assert out.rstrip().endswith(
        f"{done} av {len(files)} dokumenter importert, {10 if many else 0} uendret, {len(bad)} feilet."
    )
    assert "Traceback" not in out and "internal" not in out
