"""The hand-written corpus (tests/fixtures/corpus): the scorer's bar, and every document into a database."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from bench.score_ingest import CORPUS, materialise, run
from ingest.load import import_paths
from storage.clock import fixed_clock, parse_when
from tests.integration.ingest.helpers import data

GOLD = sorted((CORPUS / "gold").glob("*.json"))


def test_the_corpus_is_what_the_issue_asks_for() -> None:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD]
    assert len(golds) >= 24
    assert {g["format"] for g in golds} == {"txt", "pdf", "docx"}
    assert sum(g["kind"] == "innkalling" for g in golds) >= 4
    assert sum(bool(g["plan"]) and len(g["plan"]) >= 3 for g in golds) >= 3  # møteplaner


def test_scores_at_least_095_and_invents_nothing(capsys) -> None:
    scores = run()
    mean = sum(s.mean for s in scores) / len(scores)
    assert mean >= 0.95, capsys.readouterr().out
    assert [s.invented for s in scores if s.invented] == []
    assert all(not s.error for s in scores)


def test_every_document_imports_as_its_gold_says(db: sessionmaker[Session], tmp_path: Path) -> None:
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in GOLD}
    paths = [materialise(g, tmp_path) for g in golds.values()]
    reports = import_paths(db, paths, clock=fixed_clock(parse_when("2019-01-01")))
    assert [r.file_name for r in reports if not r.ok] == []
    meetings = {(m["body"], m["date"]): m for m in data(db)["meetings"]}
    for name, gold in golds.items():
        if gold["kind"] == "moteplan":
            for day in gold["plan"]:
                assert meetings[(gold["body"], day)]["status"] == "planned", name
            continue
        meeting = meetings[(gold["body"], gold["date"])]
        numbers = {(s["number"], s["year"]) for s in meeting["saker"]}
        assert {(n, y) for n, y, _, _ in gold["saker"]} <= numbers, name
        if gold["kind"] == "referat":
            assert meeting["status"] == "held", name
    # Bodies come from the documents' headings only: no sak title or sentence made one.
    bodies = {g["body"] for g in golds.values()}
    assert {b["name"] for b in data(db)["bodies"]} == bodies
