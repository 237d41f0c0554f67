"""The two foldings and body-name stems."""

from __future__ import annotations

import pytest

from language import MONTHS, body_stem, fold, fold_marks
from language.months import FULL_MONTHS


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Møteplan", "moteplan"),
        ("Rådmannsgruppen", "radmannsgruppen"),
        ("Bærum", "baerum"),
        ("Kafé", "kafe"),
        ("RÅDMANN", "radmann"),
        ("Mu\u0308nchen", "munchen"),  # a decomposed mark goes too
        ("radmannsgruppen", "radmannsgruppen"),  # already folded: unchanged
    ],
)
def test_fold_is_the_ascii_twin(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_marks_keeps_o_slash_and_ae_as_the_fts5_index_does() -> None:
    # unicode61 remove_diacritics 2: «å» is a with a ring and folds, «ø» and «æ» are letters.
    assert fold_marks("rådmann") == "radmann"
    assert fold_marks("møte") == "møte"
    assert fold_marks("bærum") == "bærum"
    assert fold_marks("kafé") == "kafe"
    assert fold("møte") != fold_marks("møte")  # the difference is the point


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Styringsgruppen", "styringsgrupp"),
        ("Rådmannsgruppen", "radmannsgrupp"),
        ("Kontrollutvalget", "kontrollutvalg"),
        ("Representantskapet", "representantskap"),
        ("Styret", "styret"),  # too short to lose an ending
        ("Fagrådet", "fagrad"),
    ],
)
def test_body_stem_matches_the_inflected_forms(name: str, stem: str) -> None:
    assert body_stem(name) == stem
    assert fold(name).startswith(stem)


def test_month_table() -> None:
    assert MONTHS["desember"] == MONTHS["des"] == 12
    assert MONTHS["sept"] == 9
    assert sorted(set(MONTHS.values())) == list(range(1, 13))
    assert "jul" not in FULL_MONTHS and "mai" in FULL_MONTHS and "juli" in FULL_MONTHS
