"""Sak numbers: which series a heading opens, how a member writes one, how it is shown."""

from __future__ import annotations

import pytest

from ingest.numbering import sak_heading
from language.sak_numbers import find_sak_number, sak_label, series_of


@pytest.mark.parametrize(
    ("prefix", "series"),
    [
        ("Sak", ""),
        ("PS", ""),
        ("Saksnr.", ""),
        ("", ""),
        ("RS", "RS"),
        ("rs", "RS"),
        ("R-", "R"),
        ("OS", "OS"),
    ],
)
def test_series_of_a_prefix(prefix: str, series: str) -> None:
    assert series_of(prefix) == series


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Sak 21/2016 Referat", (21, 2016, "Referat", "")),
        ("PS 12/17 Budsjett", (12, 2017, "Budsjett", "")),
        ("RS 3/17 Brev fra departementet", (3, 2017, "Brev fra departementet", "RS")),
        ("DS 4/17: Delegerte vedtak", (4, 2017, "Delegerte vedtak", "DS")),
        ("047/12: Budsjett", (47, 2012, "Budsjett", "")),
    ],
)
def test_a_heading_names_its_series(line: str, found: tuple[int, int, str, str]) -> None:
    assert sak_heading(line, year=2017) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("vedtak 24/2016", ("", 24, "2016")),
        ("hva ble vedtatt i sak 24/16?", ("", 24, "16")),
        ("RS 3/17", ("RS", 3, "17")),
        ("vis rs 03/2017 takk", ("RS", 3, "2017")),
        ("R-27/19", ("R", 27, "19")),
        ("kos 3/17", ("", 3, "17")),  # «os» inside a word is no series
        ("7.12.2017", None),
        ("1/2/2017", None),
    ],
)
def test_a_number_as_members_write_it(text: str, found: tuple[str, int, str] | None) -> None:
    assert find_sak_number(text) == found


def test_labels() -> None:
    assert sak_label("", 3, 2018) == "03/2018"
    assert sak_label("RS", 3, 2018) == "RS 03/2018"
    assert sak_label("RS", 3, 2018, short_year=True) == "RS 03/18"
