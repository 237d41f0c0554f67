# ruff: noqa: E501, RUF005
"""What the database must say after importing the five seeds, read off the documents by hand."""

from __future__ import annotations

R = "Rådmannsgruppen"
S = "Styringsgruppen"
F000 = "000_e039b04203c56e42.txt"
F001 = "001_a1e1b03e15abdd71.txt"
F002 = "002_d59422f38da2a98d.txt"
F003 = "003_3372281d83a3b8a2.txt"
F004 = "004_4444e7d2176121a4.txt"

# body, date, start, end, location, status, sources
MEETINGS = [
    (R, "2016-05-26", "09:00", "11:30", "Drammen rådhus", "held", [F001]),
    (R, "2016-09-15", "09:00", "11:30", "Drammen rådhus", "held", [F000]),
    (R, "2017-11-23", None, None, None, "planned", [F003]),
    (R, "2018-02-22", None, None, None, "planned", [F003]),
    (R, "2018-05-31", None, None, None, "planned", [F002, F004]),
    (S, "2017-09-28", "10:00", "12:30", "Kildehuset, Modum Bad, Modum kommune", "held", [F003]),
    (S, "2017-12-07", None, None, None, "planned", [F003]),
    (S, "2018-03-15", None, None, None, "planned", [F004]),
    (S, "2018-06-14", None, None, None, "planned", [F004]),
]

PLANNED = [(b, d) for b, d, *_rest, status, _src in MEETINGS if status == "planned"]

# (body, date) → [(number, year, title, has vedtak, has proposal)]
V, P, N = (True, False), (False, True), (False, False)
SAKER = {
    (R, "2016-09-15"): [
        (21, 2016, "Referat fra møte i Rådmannsgruppen", *V),
        (22, 2016, "Referat fra møte i Styringsgruppen", *V),
        (23, 2016, "Protokoll fra Vestregionens generalforsamling", *V),
        (24, 2016, "Økonomisk status pr 30.07.2016", *V),
        (25, 2016, "Status kommunehelsesamarbeidet", *V),
        (26, 2016, "Status Kommunal elektronisk meldingsutbredelse (KomUt)", *V),
        (27, 2016, "Status Innovasjonsarena Transport 2.0", *V),
        (28, 2016, "Studietur til Manchester 2016", *V),
        (29, 2016, "Budsjettjustering", *V),
        (30, 2016, "Øvrige prosjekter innen prioriterte satsingsområder", *V),
        (31, 2016, "Øvrige orienteringer, meldinger og informasjon", *V),
        (32, 2016, "Eventuelt", *N),
    ],
    (R, "2016-05-26"): [
        (11, 2016, "Referat fra møter i Rådmannsgruppen", *V),
        (12, 2016, "Referat fra møte i Styringsgruppen", *V),
        (13, 2016, "Ny kommunelov – høringsuttalelse", *V),
        (14, 2016, "Tertialrapport 1_2016", *V),
        (15, 2016, "Vertskap 2017 – Kunst rett vest", *V),
        (16, 2016, "Møteplan 2017", *V),
        (17, 2016, "Studietur november 2016", *V),
        (18, 2016, "Prosjekter innen prioriterte satsingsområder", *V),
        (19, 2016, "Øvrige orienteringer, meldinger og informasjon", *N),
        (20, 2016, "Eventuelt", *N),
    ],
    (R, "2018-05-31"): [(15, 2018, "Revidert handlingsplan 2018", *P)],
    (S, "2017-09-28"): [
        (21, 2017, "Referat fra møte i Styringsgruppen", *V),
        (22, 2017, "Referat fra møte i Rådmannsgruppen", *V),
        (23, 2017, "Protokoll fra Vestregionens generalforsamling 2017", *V),
        (24, 2017, "Vestregionens framtid", *V),
        (25, 2017, "Tertialrapport 2 – 2017", *V),
        (26, 2017, "Prosjekter innen prioriterte satsingsområder", *V),
        (27, 2017, "Øvrige orienteringer, meldinger og informasjon", *N),
        (28, 2017, "Eventuelt", *N),
    ],
    (S, "2018-03-15"): [(3, 2018, "Vestregionens fremtid – skisse til fremtidig samarbeid", *P)],
}

# Vedtak worth checking word for word (the start of the text, so paragraph joins may vary).
VEDTAK_STARTS = {
    (R, "2016-09-15", 21): "Framlagt referat godkjennes.",
    (R, "2016-09-15", 29): "Rådmannsgruppen anbefaler at kr 150 000 fra fokusområdet Folkehelse omdisponeres",
    (R, "2016-05-26", 13): "Rådmannsgruppen foreslår at det ikke sendes felles uttalelse fra Vestregionen.",
    (S, "2017-09-28", 21): "Framlagt forslag til referat godkjennes.",
}
PROPOSAL_STARTS = {
    (R, "2018-05-31", 15): "Rådmannsgruppen slutter seg til framlagt forslag til revidert handlingsplan",
    (S, "2018-03-15", 3): "Styringsgruppen slutter seg til Rådmannsgruppens forslag",
}


Line = tuple[str, str | None, str, str | None, str | None]


def _block(text: str, status: str) -> list[Line]:
    out: list[Line] = []
    for item in text.split(";"):
        name, _, org = item.strip().partition(", ")
        out.append((name, org or None, status, None, None))
    return out


def _sec(*names: str) -> list[Line]:
    return [(n, None, "secretariat", None, None) for n in names]


# (body, date) → [(name, organisation, status, substitute_for, role)] in document order.
ATTENDANCE = {
    (R, "2016-09-15"): _block(
        "Trude Andresen, Øvre Eiker; Øyvind Brandt, Bærum; Kirsti Aas Olsen, Drammen; Elin Aasnæss, Hole;"
        " Aud Norunn Strand, Modum; Tore Isaksen, Ringerike; Leif-Arne Steingrimsen, Svelvik;"
        " Per Kierulf, Akershus; Kjersti Bærug Hulbakk, Buskerud",
        "present",
    )
    + _sec("Nina Solberg", "Kjetil Axelsen", "Lena Hansson", "Kari Engen Sørensen")
    + _block(
        "Lars Bjerke, Asker; Lars Joakim Tveit, Hurum; Anita Larsen, Krødsherad; Hans-Petter Christensen, Lier;"
        " Truls Hvitstein, Nedre Eiker; Per Morstad, Røyken; Toril Marlene Staxrud, Sigdal; Olav Grande, Sande",
        "absent",
    ),
    (R, "2016-05-26"): [
        ("Kirsti Aas Olsen", "Drammen", "present", None, "chair"),
        ("Tuss Benum", "Asker", "present", "Lars Bjerke", None),
    ]
    + _block(
        "Erik Kjeldstadli, Bærum; Anita Larsen, Krødsherad; Hans-Petter Christensen, Lier;"
        " Truls Hvitstein, Nedre Eiker; Tore Isaksen, Ringerike; Toril Marlene Staxrud, Sigdal;"
        " Arvid Askø, Svelvik; Per Kierulf, Akershus; Kjersti Bærug Hulbakk, Buskerud",
        "present",
    )
    + _sec("Nina Solberg", "Lena Hansson", "Kari Engen Sørensen")
    + _block(
        "Ståle Tangstuen, Hole; Aud Norunn Strand, Modum; Per Morstad, Røyken; Olav Grande, Sande;"
        " Trude Andresen, Øvre Eiker",
        "absent",
    ),
    (S, "2017-09-28"): [
        ("Leif Frode Onarheim", "Asker", "present", None, None),
        ("Lisbeth Hammer Krog", "Bærum", "present", None, "chair"),
    ]
    + _block(
        "Ståle Versland, Modum; Elly Thoresen, Nedre Eiker; Dag Henaug, Ringerike; Elin Weggesrud, Sande;"
        " Kjell Tore Finnerud, Sigdal; Ann Sire Fjerdingstad, Øvre Eiker; Anette Solli, Akershus",
        "present",
    )
    + _block(
        "Ragnar Sand Fuglum, Asker; Erik Kjeldstadli, Bærum; Steinar Valset, Drammen; Monica Vee Bratlie, Hurum;"
        " Aud Norunn Strand, Modum; Per Kierulf, Akershus",
        "present",
    )
    + _block(
        "Tore Opdal Hansen, Drammen; Per R. Berger, Hole; Gunn Cecilie Ringdal, Lier; Eva Norèn Eriksen, Røyken;"
        " Andreas Muri, Svelvik; Olav Skinnes, Buskerud",
        "absent",
    )
    + _block(
        "Torger Ødegaard, Hole; Lars Joakim Tveit, Hurum; Stig Rune Kroken, Krødsherad; Bente Gravdal, Lier;"
        " Truls Hvitstein, Nedre Eiker; Tore Isaksen, Ringerike; Per Morstad, Røyken; Olav Grande, Sande;"
        " Jostein Harm, Sigdal; Leif-Arne Steingrimsen, Svelvik; Trude Andresen, Øvre Eiker;"
        " Kjersti Bærug Hulbakk, Buskerud",
        "absent",
    )
    + [("Nina Solberg", None, "secretariat", None, "secretary")],
}
