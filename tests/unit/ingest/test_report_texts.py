"""Every error and warning code the import can give has Norwegian text; unknown codes still show."""

from __future__ import annotations

import datetime as dt

from bot import import_report
from bot.import_report import describe, summary
from ingest import load, parse
from ingest.load import ImportCounts, ImportReport
from ingest.model import Warning

LOADER_ERRORS = (load.FILE_NOT_FOUND, load.UNREADABLE, load.INTERNAL_ERROR)
LOADER_WARNINGS = (load.CHAT_ATTENDANCE_KEPT,)


def test_every_code_has_norwegian_text() -> None:
    assert set(parse.ERROR_CODES) | set(LOADER_ERRORS) <= set(import_report.IMPORT_ERRORS)
    assert set(parse.WARNING_CODES) | set(LOADER_WARNINGS) <= set(import_report.IMPORT_WARNINGS)
    for code in import_report.IMPORT_ERRORS:
        assert code not in import_report.import_error_text(code, "x")  # worded, not the bare code
    for code in import_report.IMPORT_WARNINGS:
        assert code not in import_report.import_warning_text(code, "21/2016")


def test_unknown_codes_fall_back_to_the_code() -> None:
    assert (
        import_report.import_error_text("new_code", "detalj")
        == "Dokumentet kunne ikke importeres (feilkode new_code: detalj)."
    )
    assert import_report.import_warning_text("new_warning") == "new_warning"


def test_report_lines() -> None:
    ok = ImportReport(
        "003.txt",
        ok=True,
        counts=ImportCounts(meetings=6, saker=8, vedtak=6, proposals=0, attendance=34, plan_lines=5),
        warnings=(
            Warning(113, "plan_line_without_body", "14.6 Generalforsamling"),
            Warning(0, "chat_attendance_kept", "Per Kierulf"),
        ),
        kind="referat",
        body="Styringsgruppen",
        date=dt.date(2017, 9, 28),
        start=dt.time(10, 0),
        end=dt.time(12, 30),
        location="Kildehuset",
        present=15,
        absent=19,
        agenda=load.Agenda(
            listed=("23/17", "24/17", "27/17"), with_vedtak=("23/17", "24/17"), without_vedtak=("27/17",)
        ),
        plan_dates=(("Rådmannsgruppen", dt.date(2017, 11, 23)),),
    )
    assert describe(ok) == [
        "003.txt: Referat fra Styringsgruppen 28.09.2017",
        "  6 møter, 8 saker, 6 vedtak, 0 forslag til vedtak, 34 i oppmøtelisten, 5 møteplanlinjer",
        "  møte 28.09.2017 kl. 10.00–12.30, Kildehuset: holdt",
        "  3 saker i sakslisten, 2 lest med vedtak; 1 uten vedtak: 27/17",
        "  15 til stede, 19 med forfall",
        "  møteplan: Rådmannsgruppen 23.11.2017",
        "  advarsel, linje 113: Møteplanlinjen nevner ikke noe kjent organ: «14.6 Generalforsamling».",
        "  advarsel: Per Kierulf har meldt forfall i chat; den registreringen beholdes framfor referatets.",
        "003.txt: importert, men ufullstendig (se over)",  # never plain success with saker unread
    ]
    bad = ImportReport("tom.pdf", ok=False, error_code="empty", error_detail="tom.pdf")
    assert describe(bad) == ["tom.pdf: IKKE importert. Filen er tom."]
    same = ImportReport("000.txt", ok=True, unchanged=True)
    assert describe(same) == ["000.txt: uendret (samme innhold er allerede importert)"]
    assert summary([ok, bad, same]) == "2 av 3 dokumenter importert, 1 uendret, 1 feilet."
