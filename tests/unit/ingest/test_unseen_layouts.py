"""Layouts no corpus document uses, written here: the parser reads them from labels and numbering, not
from a rule per sample. Each names its body only in its heading; people and places are invented."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.model import DocumentError
from ingest.parse import parse_text

UNGDOMSRAD = """\
Protokoll frå møte i Ungdomsrådet i Bjørkedal

Møtestad: Bjørkedal ungdomshus
Møtedato: 03.11.2021
Klokkeslett: 17:30 - 19:00

Møtande medlemmer: Ida Rønning, Bjørkedal, Sander Lie, Bjørkedal og Emma Foss, Bjørkedal

Meldt forfall: Jonas Berg, Bjørkedal

Sak nr. 12/21: Ungdomskort i kollektivtrafikken

Røysting:
Samrøystes.

Vedtak:
Ungdomsrådet ber kommunen arbeide for billigare ungdomskort.

Sak nr. 13/21: Val av leiar

Vedtak:
Ida Rønning vert vald til leiar.
"""

MOTEBOK_FLAT = (
    "Møtebok for Kontrollutvalget i Steinvik Møtested: Steinvik rådhus "
    "Møtedato: 17.05.2022 Tid: 13:00 - 15:00\n"
    "Til stede: Rune Dahl, Steinvik, Hege Sand, Steinvik Forfall: Ove Nygård, Steinvik\n"
    "PS 9/22 Årsrapport 2021 Innstilling: Årsrapporten sendes kommunestyret. "
    "Vedtak: Årsrapporten sendes kommunestyret.\n"
    "PS 10/22 Eventuelt Vedtak: Ingen saker.\n"
)

INNKALLING_TABLE = """\
Innkalling til møte i Fjordkommunenes samarbeidsråd

Dato: 14.09.2023
Tid: 10:00 - 15:00
Sted: Vikbygd kulturhus

Saksliste
Saksnr. 20/23 Godkjenning av innkalling
Saksnr. 21/23 Felles beredskapsplan
Saksnr. 22/23 Møteplan 2024

Saksnr. 22/23 Møteplan 2024

Forslag til vedtak:
Rådet vedtar møteplanen.

Møteplan 2024: 8.2, 11.4 og 13.6
"""


def test_a_nynorsk_protokoll_with_sak_nr_and_roysting() -> None:
    d = parse_text(UNGDOMSRAD, file_name="u.txt")
    assert (d.kind, d.body, d.date) == ("referat", "Ungdomsrådet i Bjørkedal", dt.date(2021, 11, 3))
    assert (d.start, d.end, d.location) == (dt.time(17, 30), dt.time(19, 0), "Bjørkedal ungdomshus")
    assert [(a.name, a.status) for a in d.attendance] == [
        ("Ida Rønning", "present"),
        ("Sander Lie", "present"),
        ("Emma Foss", "present"),
        ("Jonas Berg", "absent"),
    ]
    assert [(s.number, s.year, s.title) for s in d.saker] == [
        (12, 2021, "Ungdomskort i kollektivtrafikken"),
        (13, 2021, "Val av leiar"),
    ]
    # «Røysting: Samrøystes.» is how it was voted, not the vedtak
    assert d.saker[0].vedtak == "Ungdomsrådet ber kommunen arbeide for billigare ungdomskort."


def test_a_flattened_motebok() -> None:
    d = parse_text(MOTEBOK_FLAT, file_name="m.txt")
    assert (d.kind, d.body, d.date) == ("referat", "Kontrollutvalget i Steinvik", dt.date(2022, 5, 17))
    assert d.location == "Steinvik rådhus" and (d.start, d.end) == (dt.time(13), dt.time(15))
    assert [a.status for a in d.attendance] == ["present", "present", "absent"]
    assert [(s.number, s.title, s.proposal, s.vedtak) for s in d.saker] == [
        (9, "Årsrapport 2021", "Årsrapporten sendes kommunestyret.", "Årsrapporten sendes kommunestyret."),
        (10, "Eventuelt", None, "Ingen saker."),
    ]


def test_an_innkalling_with_saksnr_and_a_moteplan() -> None:
    d = parse_text(INNKALLING_TABLE, file_name="i.txt")
    assert (d.kind, d.body, d.date) == ("innkalling", "Fjordkommunenes samarbeidsråd", dt.date(2023, 9, 14))
    assert d.agenda == (("", 20, 2023), ("", 21, 2023), ("", 22, 2023))
    assert [s.title for s in d.saker] == [
        "Godkjenning av innkalling",
        "Felles beredskapsplan",
        "Møteplan 2024",
    ]
    assert all(s.vedtak is None for s in d.saker) and d.saker[2].proposal == "Rådet vedtar møteplanen."
    assert [p.date for p in d.plan] == [dt.date(2024, 2, 8), dt.date(2024, 4, 11), dt.date(2024, 6, 13)]
    assert {p.body for p in d.plan} == {"Fjordkommunenes samarbeidsråd"}


def test_a_sak_title_naming_a_body_never_makes_it_the_documents_body() -> None:
    text = "Sak 5/2020 Referat fra møte i Styringsgruppen\n\nVedtak:\nGodkjent.\n"
    with pytest.raises(DocumentError) as refused:  # no heading: no meeting, whatever the sak title says
        parse_text(text, file_name="x.txt")
    assert refused.value.code == "no_meeting"
