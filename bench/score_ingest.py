"""Score the parser on the hand-written corpus (tests/fixtures/corpus): each document against its gold file.

Per document and as a mean: body, date, time, place, saker (number and title), vedtak, present and
absent counts, plan dates, and what was invented (saker, vedtak, plan dates or facts not in the gold).
Documents whose gold says .pdf or .docx are typeset from their text first (fpdf2, pandoc).

    python bench/score_ingest.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.model import ParsedDocument  # noqa: E402
from ingest.parse import parse_file  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
FIELDS = ("kind", "body", "date", "time", "place", "saker", "vedtak", "present", "absent", "plan")


@dataclass(frozen=True)
class Score:
    name: str
    fields: dict[str, float]
    invented: list[str]
    error: str = ""

    @property
    def mean(self) -> float:
        return sum(self.fields.values()) / len(self.fields) if self.fields else 0.0


def materialise(gold: dict[str, Any], work: Path) -> Path:
    """The document in its gold format: the text file, or a .pdf/.docx made from it."""
    source = CORPUS / gold["source"]
    if gold["format"] == "txt":
        return source
    from tests.unit.ingest.converters import to_docx, to_pdf

    target = work / f"{source.stem}.{gold['format']}"
    if gold["format"] == "pdf":
        to_pdf(source.read_text(encoding="utf-8"), target, title="Møtedokument")
    else:
        to_docx(source, target)
    return target


def _ratio(found: int, wanted: int) -> float:
    return 1.0 if wanted == 0 and found == 0 else (found / wanted if wanted else 0.0)


def score(name: str, gold: dict[str, Any], doc: ParsedDocument) -> Score:
    """Field by field, 1 for right and 0 for wrong; saker, vedtak and plan as the share found."""
    f: dict[str, float] = {}
    invented: list[str] = []
    f["kind"] = float(doc.kind == gold["kind"])
    f["body"] = float(doc.body == gold["body"])
    f["date"] = float(doc.date.isoformat() == gold["date"])
    times = (
        doc.start.strftime("%H:%M") if doc.start else None,
        doc.end.strftime("%H:%M") if doc.end else None,
    )
    f["time"] = float(times == (gold["start"], gold["end"]))
    f["place"] = float(doc.location == gold["place"])
    if doc.location and gold["place"] is None:
        invented.append(f"place {doc.location!r}")
    wanted = {(n, y): (t, v) for n, y, t, v in gold["saker"]}
    found = {(s.number, s.year): s for s in doc.saker}
    right = [k for k, (title, _) in wanted.items() if k in found and found[k].title == title]
    f["saker"] = _ratio(len(right), len(wanted))
    invented += [f"sak {n}/{y}" for n, y in found.keys() - wanted.keys()]
    with_vedtak = {k for k, (_, v) in wanted.items() if v}
    read = {k for k, s in found.items() if s.vedtak}
    f["vedtak"] = _ratio(len(with_vedtak & read), len(with_vedtak))
    invented += [f"vedtak {n}/{y}" for n, y in read - with_vedtak]
    present = len({a.name for a in doc.attendance if a.status == "present"})
    absent = len({a.name for a in doc.attendance if a.status == "absent"})
    f["present"] = float(present == gold["present"])
    f["absent"] = float(absent == gold["absent"])
    plan = {p.date.isoformat() for p in doc.plan}
    f["plan"] = _ratio(len(plan & set(gold["plan"])), len(gold["plan"]))
    invented += [f"plan {d}" for d in sorted(plan - set(gold["plan"]))]
    return Score(name, f, invented)


def run(verbose: bool = False) -> list[Score]:
    """Score every document of the corpus; print a line each and the mean."""
    scores: list[Score] = []
    with tempfile.TemporaryDirectory(prefix="motebot-corpus-") as tmp:
        for path in sorted((CORPUS / "gold").glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            try:
                doc = parse_file(materialise(gold, Path(tmp)))
            except Exception as exc:  # a document the parser refuses scores 0 on every field
                scores.append(
                    Score(path.stem, dict.fromkeys(FIELDS, 0.0), [], f"{type(exc).__name__}: {exc}")
                )
                continue
            scores.append(score(path.stem, gold, doc))
    for s in scores:
        wrong = [k for k, v in s.fields.items() if v < 1]
        line = f"{s.name:<32} {gold_format(s.name):<5} {s.mean:5.3f}"
        if wrong:
            line += "  short: " + ", ".join(f"{k} {s.fields[k]:.2f}" for k in wrong)
        if s.invented:
            line += "  INVENTED: " + ", ".join(s.invented)
        if s.error:
            line += f"  ERROR: {s.error}"
        print(line)
    mean = sum(s.mean for s in scores) / len(scores)
    per_field = {k: sum(s.fields[k] for s in scores) / len(scores) for k in FIELDS}
    print("per field: " + ", ".join(f"{k} {v:.3f}" for k, v in per_field.items()))
    invented = sum(len(s.invented) for s in scores)
    print(f"mean {mean:.3f} over {len(scores)} documents, {invented} invented")
    return scores


def gold_format(name: str) -> str:
    return str(json.loads((CORPUS / "gold" / f"{name}.json").read_text(encoding="utf-8"))["format"])


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--verbose", action="store_true")
    run(args.parse_args().verbose)


if __name__ == "__main__":
    main()
