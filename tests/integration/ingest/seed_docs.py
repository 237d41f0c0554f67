# ruff: noqa: E501, RUF005
"""The five seed documents as ParsedDocument objects built by hand from what the documents say.

These stand in for the parser in the loader's own tests, so the loader is tested on its own; the
integration tests in test_seeds.py run the real parser over the same files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ingest.model import ParsedAttendance, ParsedDocument, ParsedSak, PlanLine

R = "Rådmannsgruppen"
S = "Styringsgruppen"
D = dt.date
T = dt.time


def _att(block: str, status: str) -> tuple[ParsedAttendance, ...]:
    """«Name, Org; Name, Org» → attendance lines."""
    out = []
    for item in block.split(";"):
        name, _, org = item.strip().partition(", ")
        out.append(ParsedAttendance(name=name, organisation=org or None, status=status))
    return tuple(out)


def _sec(*names: str) -> tuple[ParsedAttendance, ...]:
    return tuple(ParsedAttendance(name=n, organisation=None, status="secretariat") for n in names)


def _saker(
    year: int, rows: list[tuple[int, str, str | None]], *, proposal: bool = False
) -> tuple[ParsedSak, ...]:
    return tuple(
        ParsedSak(
            number=n,
            year=year,
            title=title,
            text=f"Tekst til sak {n}/{year}.",
            vedtak=None if proposal else text,
            proposal=text if proposal else None,
            line=10 + i,
        )
        for i, (n, title, text) in enumerate(rows)
    )


ORIENTERING = "Framlagt informasjon tas til orientering."

DOC_000 = ParsedDocument(
    kind="referat",
    body=R,
    date=D(2016, 9, 15),
    start=T(9, 0),
    end=T(11, 30),
    location="Drammen rådhus",
    attendance=_att(
        "Trude Andresen, Øvre Eiker; Øyvind Brandt, Bærum; Kirsti Aas Olsen, Drammen; Elin Aasnæss, Hole;"
        " Aud Norunn Strand, Modum; Tore Isaksen, Ringerike; Leif-Arne Steingrimsen, Svelvik;"
        " Per Kierulf, Akershus; Kjersti B. Hulbakk, Buskerud",
        "present",
    )
    + _sec("Nina Solberg", "Kjetil Axelsen", "Lena Hansson", "Kari Engen Sørensen")
    + _att(
        "Lars Bjerke, Asker; Lars Joakim Tveit, Hurum; Anita Larsen, Krødsherad; Hans-Petter Christensen, Lier;"
        " Truls Hvitstein, Nedre Eiker; Per Morstad, Røyken; Toril Marlene Staxrud, Sigdal; Olav Grande, Sande",
        "absent",
    ),
    saker=_saker(
        2016,
        [
            (21, "Referat fra møte i Rådmannsgruppen", "Framlagt referat godkjennes."),
            (22, "Referat fra møte i Styringsgruppen", "Framlagt referat tas til orientering."),
            (23, "Protokoll fra Vestregionens generalforsamling", "Framlagt protokoll tas til orientering."),
            (24, "Økonomisk status pr 30.07.2016", "Framlagt resultatrapport godkjennes."),
            (
                25,
                "Status kommunehelsesamarbeidet",
                ORIENTERING + "\n\nRådmannsgruppen anbefaler at det legges opp til en bred diskusjon.",
            ),
            (
                26,
                "Status Kommunal elektronisk meldingsutbredelse (KomUt)",
                ORIENTERING + "\n\nProsjektleder bes utarbeide oversikt.",
            ),
            (27, "Status Innovasjonsarena Transport 2.0", ORIENTERING),
            (28, "Studietur til Manchester 2016", ORIENTERING),
            (
                29,
                "Budsjettjustering",
                "Rådmannsgruppen anbefaler at kr 150 000 fra fokusområdet Folkehelse omdisponeres.",
            ),
            (30, "Øvrige prosjekter innen prioriterte satsingsområder", ORIENTERING),
            (31, "Øvrige orienteringer, meldinger og informasjon", ORIENTERING),
            (32, "Eventuelt", None),
        ],
    ),
)

DOC_001 = ParsedDocument(
    kind="referat",
    body=R,
    date=D(2016, 5, 26),
    start=T(9, 0),
    end=T(11, 30),
    location="Drammen rådhus",
    attendance=(
        ParsedAttendance("Kirsti Aas Olsen", "Drammen", "present", role="chair"),
        ParsedAttendance("Tuss Benum", "Asker", "present", substitute_for="Lars Bjerke"),
    )
    + _att(
        "Erik Kjeldstadli, Bærum; Anita Larsen, Krødsherad; Hans-Petter Christensen, Lier;"
        " Truls Hvitstein, Nedre Eiker; Tore Isaksen, Ringerike; Toril Marlene Staxrud, Sigdal;"
        " Arvid Askø, Svelvik; Per Kierulf, Akershus; Kjersti Bærug Hulbakk, Buskerud",
        "present",
    )
    + _sec("Nina Solberg", "Lena Hansson", "Kari Engen Sørensen")
    + _att(
        "Ståle Tangstuen, Hole; Aud Norunn Strand, Modum; Per Morstad, Røyken; Olav Grande, Sande;"
        " Trude Andresen, Øvre Eiker",
        "absent",
    ),
    saker=_saker(
        2016,
        [
            (11, "Referat fra møter i Rådmannsgruppen", "Framlagte referater godkjennes."),
            (12, "Referat fra møte i Styringsgruppen", "Framlagt referat tas til orientering"),
            (
                13,
                "Ny kommunelov – høringsuttalelse",
                "Rådmannsgruppen foreslår at det ikke sendes felles uttalelse fra Vestregionen.",
            ),
            (
                14,
                "Tertialrapport 1_2016",
                "Rådmannsgruppen anbefaler styringsgruppen å godkjenne framlagt tertialrapport.",
            ),
            (
                15,
                "Vertskap 2017 – Kunst rett vest",
                "Drammen, Svelvik og Asker sjekker mulighetene for å påta seg vertsrollen.",
            ),
            (16, "Møteplan 2017", "Rådmannsgruppen slutter seg til framlagt forslag til møteplan for 2017."),
            (
                17,
                "Studietur november 2016",
                "Rådmannsgruppen ber daglig leder om å utarbeide mulig opplegg i Norge.",
            ),
            (
                18,
                "Prosjekter innen prioriterte satsingsområder",
                "Rådmannsgruppen slutter seg til presiseringene for punkt 4.10.",
            ),
            (19, "Øvrige orienteringer, meldinger og informasjon", None),
            (20, "Eventuelt", None),
        ],
    ),
)

DOC_002 = ParsedDocument(
    kind="saksframlegg",
    body=R,
    date=D(2018, 5, 31),
    start=None,
    end=None,
    location=None,
    saker=_saker(
        2018,
        [
            (
                15,
                "Revidert handlingsplan 2018",
                "Rådmannsgruppen slutter seg til framlagt forslag til revidert handlingsplan.",
            )
        ],
        proposal=True,
    ),
)

DOC_003 = ParsedDocument(
    kind="referat",
    body=S,
    date=D(2017, 9, 28),
    start=T(10, 0),
    end=T(12, 30),
    location="Kildehuset, Modum Bad, Modum kommune",
    attendance=_att(
        "Leif Frode Onarheim, Asker; Lisbeth Hammer Krog, Bærum; Ståle Versland, Modum; Elly Thoresen, Nedre Eiker;"
        " Dag Henaug, Ringerike; Elin Weggesrud, Sande; Kjell Tore Finnerud, Sigdal;"
        " Ann Sire Fjerdingstad, Øvre Eiker; Anette Solli, Akershus",
        "present",
    )
    + _att(
        "Ragnar Sand Fuglum, Asker; Erik Kjeldstadli, Bærum; Steinar Valset, Drammen; Monica Vee Bratlie, Hurum;"
        " Aud Norunn Strand, Modum; Per Kierulf, Akershus",
        "present",
    )
    + _att(
        "Tore Opdal Hansen, Drammen; Per R. Berger, Hole; Gunn Cecilie Ringdal, Lier; Eva Norèn Eriksen, Røyken;"
        " Andreas Muri, Svelvik; Olav Skinnes, Buskerud",
        "absent",
    )
    + _att(
        "Torger Ødegaard, Hole; Lars Joakim Tveit, Hurum; Stig Rune Kroken, Krødsherad; Bente Gravdal, Lier;"
        " Truls Hvitstein, Nedre Eiker; Tore Isaksen, Ringerike; Per Morstad, Røyken; Olav Grande, Sande;"
        " Jostein Harm, Sigdal; Leif-Arne Steingrimsen, Svelvik; Trude Andresen, Øvre Eiker;"
        " Kjersti B. Hulbakk, Buskerud",
        "absent",
    )
    + (
        ParsedAttendance("Lisbeth Hammer Krog", "Bærum", "present", role="chair"),
        ParsedAttendance("Nina Solberg", None, "secretariat", role="secretary"),
    ),
    saker=_saker(
        2017,
        [
            (21, "Referat fra møte i Styringsgruppen", "Framlagt forslag til referat godkjennes."),
            (22, "Referat fra møte i Rådmannsgruppen", "Framlagt forslag til referat tas til orientering."),
            (
                23,
                "Protokoll fra Vestregionens generalforsamling 2017",
                "Framlagt forslag til protokoll tas til orientering.",
            ),
            (
                24,
                "Vestregionens framtid",
                "Framlagt justert tidsplan frem til generalforsamling 14.6.2018 vedtas.",
            ),
            (
                25,
                "Tertialrapport 2 – 2017",
                "Framlagt tertialrapport inkl. resultatregnskap pr 30.07.2017, godkjennes",
            ),
            (
                26,
                "Prosjekter innen prioriterte satsingsområder",
                "A Framlagt informasjon ble tatt til orientering.",
            ),
            (27, "Øvrige orienteringer, meldinger og informasjon", None),
            (28, "Eventuelt", None),
        ],
    ),
    plan=(
        PlanLine(R, D(2017, 11, 23), 97, "23. nov: Rådmannsgruppen"),
        PlanLine(S, D(2017, 12, 7), 98, "7.12:  Styringsgruppen"),
        PlanLine(R, D(2018, 2, 22), 99, "22.2:  Rådmannsgruppen"),
        PlanLine(R, D(2018, 5, 3), 101, "3.5:   Rådmannsgruppen"),
        PlanLine(S, D(2018, 5, 24), 102, "24.5:  Styringsgruppen (nytt møte)"),
    ),
)

DOC_004 = ParsedDocument(
    kind="saksframlegg",
    body=S,
    date=D(2018, 3, 15),
    start=None,
    end=None,
    location=None,
    saker=_saker(
        2018,
        [
            (
                3,
                "Vestregionens fremtid – skisse til fremtidig samarbeid",
                "Styringsgruppen slutter seg til Rådmannsgruppens forslag.",
            )
        ],
        proposal=True,
    ),
    plan=(
        PlanLine(S, D(2018, 3, 15), 43, "15.3: Styringsgruppen – ordinært møte"),
        PlanLine(R, D(2018, 5, 31), 49, "31.5: Rådmannsgruppen – ordinært møte"),
        PlanLine(S, D(2018, 6, 14), 51, "14.6: Styringsgruppemøte + Generalforsamling"),
    ),
)

BY_PREFIX = {"000": DOC_000, "001": DOC_001, "002": DOC_002, "003": DOC_003, "004": DOC_004}


def fake_parse(path: Path) -> ParsedDocument:
    """Stand-in for ingest.parse.parse_file: the hand-built document for a seed (by its number)."""
    return BY_PREFIX[path.name[:3]]
