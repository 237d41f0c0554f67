"""Small modules: none of ours over 300 lines (migrations, which only grow, excepted)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "storage", "ingest", "language")
LIMIT = 300


def _modules() -> list[Path]:
    found = [p for pkg in PACKAGES if (ROOT / pkg).is_dir() for p in sorted((ROOT / pkg).rglob("*.py"))]
    return [p for p in found if "migrations" not in p.relative_to(ROOT).parts]


def test_the_packages_are_found() -> None:
    assert len(_modules()) > 50  # the glob looks where the code is


def test_no_module_is_over_300_lines() -> None:
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in _modules()}
    too_long = {name: n for name, n in sizes.items() if n > LIMIT}
    assert too_long == {}, f"split these modules: {too_long}"
