"""The narrow rule for two ways of writing one person's name."""

from __future__ import annotations

import pytest

from ingest.people import fuller, same_name, same_organisation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kjersti B. Hulbakk", "Kjersti Bærug Hulbakk"),
        ("Kjersti B Hulbakk", "Kjersti B. Hulbakk"),
        ("kjersti bærug hulbakk", "Kjersti Bærug Hulbakk"),
        ("Per R. Berger", "Per Rune Berger"),
    ],
)
def test_same_person(a: str, b: str) -> None:
    assert same_name(a, b) and same_name(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kjersti B. Hulbakk", "Kjersti C. Hulbakk"),  # different initials
        ("Kjersti B. Hulbakk", "Kjersti Hulbakk"),  # a middle name is not dropped silently
        ("Kjersti Bærug Hulbakk", "Kjersti Berit Hulbakk"),  # two different full middle names
        ("Per Berger", "Per Berge"),  # close is not the same
        ("Lars Bjerke", "Lars Joakim Tveit"),
        ("Hulbakk", "Hulbakk"),  # one word is no name
    ],
)
def test_different_people(a: str, b: str) -> None:
    assert not same_name(a, b)


def test_the_fuller_form_wins_whatever_the_order() -> None:
    assert fuller("Kjersti B. Hulbakk", "Kjersti Bærug Hulbakk") == "Kjersti Bærug Hulbakk"
    assert fuller("Kjersti Bærug Hulbakk", "Kjersti B. Hulbakk") == "Kjersti Bærug Hulbakk"
    assert fuller("Kjersti B Hulbakk", "Kjersti B. Hulbakk") == fuller(
        "Kjersti B. Hulbakk", "Kjersti B Hulbakk"
    )


def test_organisation_must_agree_unless_unknown() -> None:
    assert same_organisation("Buskerud", "buskerud")
    assert same_organisation(None, "Buskerud") and same_organisation("Asker", None)
    assert not same_organisation("Asker", "Bærum")
