"""The five seed documents, parsed: every fact below was read off the documents by hand."""

from __future__ import annotations

import datetime as dt

from ingest.model import ParsedAttendance, ParsedDocument, ParsedSak
from ingest.parse import parse_file
from tests.conftest import SEEDS
from tests.unit.ingest.conftest import seed


def doc(number: str) -> ParsedDocument:
    return parse_file(seed(number))


def by_number(document: ParsedDocument) -> dict[int, ParsedSak]:
    return {s.number: s for s in document.saker}


def people(document: ParsedDocument, status: str) -> list[tuple[str, str | None]]:
    return [(a.name, a.organisation) for a in document.attendance if a.status == status]


def one(document: ParsedDocument, name: str) -> ParsedAttendance:
    (found,) = [a for a in document.attendance if a.name == name]
    return found


def plan(document: ParsedDocument) -> list[tuple[str, dt.date]]:
    return [(p.body, p.date) for p in document.plan]


def test_thirty_two_saker_in_all() -> None:
    assert len(SEEDS) == 5
    assert sum(len(parse_file(p).saker) for p in SEEDS) == 32


# --- 000: Rådmannsgruppen, 15 September 2016 ------------------------------------------------------


def test_000_meeting() -> None:
    d = doc("000")
    assert (d.kind, d.body, d.date) == ("referat", "Rådmannsgruppen", dt.date(2016, 9, 15))
    assert (d.start, d.end, d.location) == (dt.time(9, 0), dt.time(11, 30), "Drammen rådhus")
    assert d.plan == ()


def test_000_attendance() -> None:
    d = doc("000")
    assert people(d, "present") == [
        ("Trude Andresen", "Øvre Eiker"),
        ("Øyvind Brandt", "Bærum"),
        ("Kirsti Aas Olsen", "Drammen"),
        ("Elin Aasnæss", "Hole"),
        ("Aud Norunn Strand", "Modum"),
        ("Tore Isaksen", "Ringerike"),
        ("Leif-Arne Steingrimsen", "Svelvik"),
        ("Per Kierulf", "Akershus"),
        ("Kjersti B. Hulbakk", "Buskerud"),
    ]
    # «… Buskerud Sekretariatet: Nina Solberg, Kjetil Axelsen, Lena Hansson og Kari Engen Sørensen»
    assert people(d, "secretariat") == [
        ("Nina Solberg", None),
        ("Kjetil Axelsen", None),
        ("Lena Hansson", None),
        ("Kari Engen Sørensen", None),
    ]
    # «…, Toril Marlene Staxrud, Sigdal. Olav Grande, Sande»: a full stop as a separator
    assert people(d, "absent") == [
        ("Lars Bjerke", "Asker"),
        ("Lars Joakim Tveit", "Hurum"),
        ("Anita Larsen", "Krødsherad"),
        ("Hans-Petter Christensen", "Lier"),
        ("Truls Hvitstein", "Nedre Eiker"),
        ("Per Morstad", "Røyken"),
        ("Toril Marlene Staxrud", "Sigdal"),
        ("Olav Grande", "Sande"),
    ]
    assert all(a.role is None and a.substitute_for is None for a in d.attendance)
    # document order: present, then the secretariat named inside «Til stede», then forfall
    assert [a.status for a in d.attendance] == ["present"] * 9 + ["secretariat"] * 4 + ["absent"] * 8


def test_000_saker() -> None:
    saker = by_number(doc("000"))
    assert [(s.number, s.year, s.title) for s in doc("000").saker] == [
        (21, 2016, "Referat fra møte i Rådmannsgruppen"),
        (22, 2016, "Referat fra møte i Styringsgruppen"),
        (23, 2016, "Protokoll fra Vestregionens generalforsamling"),
        (24, 2016, "Økonomisk status pr 30.07.2016"),
        (25, 2016, "Status kommunehelsesamarbeidet"),
        (26, 2016, "Status Kommunal elektronisk meldingsutbredelse (KomUt)"),
        (27, 2016, "Status Innovasjonsarena Transport 2.0"),
        (28, 2016, "Studietur til Manchester 2016"),
        (29, 2016, "Budsjettjustering"),
        (30, 2016, "Øvrige prosjekter innen prioriterte satsingsområder"),
        (31, 2016, "Øvrige orienteringer, meldinger og informasjon"),
        (32, 2016, "Eventuelt"),
    ]
    assert saker[21].text == "Til behandling forelå referat fra møtet 26.05.2016."
    assert saker[21].vedtak == "Framlagt referat godkjennes."
    assert saker[22].vedtak == "Framlagt referat tas til orientering."
    assert saker[23].vedtak == "Framlagt protokoll tas til orientering."
    assert saker[24].vedtak == "Framlagt resultatrapport godkjennes."
    assert saker[25].vedtak == (
        "Framlagt informasjon tas til orientering.\n\n"
        "Rådmannsgruppen anbefaler at det legges opp til en bred diskusjon om en eventuell videreføring "
        "av Kommunehelsesamarbeidet i 2017. Gjeldende samarbeidsavtale har en tidsramme ut 2017. "
        "Kommunehelsesamarbeidet anbefales først å fremme eventuell kontingentøkning som del av et "
        "opplegg for videreføring fra 2018."
    )
    assert saker[25].text == (
        "Koordinator for Kommunehelsesamarbeidet redegjorde for status for vedtatte innsatsområder:\n\n"
        "- Kommunale akutte døgnplasser\n"
        "- Styringsdata om kommunenes forbruk av spesialisthelsetjenester\n"
        "- Bredding av samhandlingsmodell psykisk helse og rus\n"
        "- Høringer; Primærhelsemeldingen og Oppgavemeldingen\n"
        "- Bredding av diagnosespesifikke pasientforløp (kols, hofta og alkohol)\n"
        "- Funksjonsorienterte pasientforløp\n"
        "- Læring og mestring; erfaringskonferanse sammen med Vestre Viken avholdes 23.09.2016\n"
        "- Forslag om økning av kontingenten fra 2017"
    )
    assert saker[26].vedtak == (
        "Framlagt informasjon tas til orientering.\n\n"
        "Prosjektleder bes utarbeide oversikt over status i den enkelte kommune; gjerne inkludert en "
        "oversiktsmatrise."
    )
    assert "Vedlegg" not in saker[26].text
    assert saker[27].vedtak == "Framlagt informasjon tas til orientering."
    assert saker[28].vedtak == "Framlagt informasjon tas til orientering."
    assert saker[29].vedtak == (
        "Rådmannsgruppen anbefaler at kr 150 000 fra fokusområdet Folkehelse omdisponeres til Areal og "
        "transport, og at øvrig merforbruk dekkes over drift."
    )
    # one vedtak after the sub-points A–E: the sak's vedtak, without a sub-point prefix
    assert saker[30].vedtak == "Framlagt informasjon tas til orientering."
    assert saker[30].text.startswith("A BPA\n\nB Folkehelse\n\nC Regional utvikling\n\nNTP: Osloregionen")
    assert saker[31].vedtak == "Framlagt informasjon tas til orientering."
    assert (saker[32].text, saker[32].vedtak, saker[32].proposal) == ("Ingen saker meldt.", None, None)
    assert all(s.proposal is None for s in saker.values())


# --- 001: Rådmannsgruppen, 26 May 2016 -------------------------------------------------------------


def test_001_meeting() -> None:
    d = doc("001")
    assert (d.kind, d.body, d.date) == ("referat", "Rådmannsgruppen", dt.date(2016, 5, 26))
    assert (d.start, d.end, d.location) == (dt.time(9, 0), dt.time(11, 30), "Drammen rådhus")
    assert d.plan == ()


def test_001_attendance() -> None:
    d = doc("001")
    assert people(d, "present") == [
        ("Kirsti Aas Olsen", "Drammen"),
        ("Tuss Benum", "Asker"),
        ("Erik Kjeldstadli", "Bærum"),
        ("Anita Larsen", "Krødsherad"),
        ("Hans-Petter Christensen", "Lier"),
        ("Truls Hvitstein", "Nedre Eiker"),
        ("Tore Isaksen", "Ringerike"),
        ("Toril Marlene Staxrud", "Sigdal"),
        ("Arvid Askø", "Svelvik"),
        ("Per Kierulf", "Akershus"),
        ("Kjersti Bærug Hulbakk", "Buskerud"),  # after «og», with a closing full stop
    ]
    assert people(d, "secretariat") == [
        ("Nina Solberg", None),
        ("Lena Hansson", None),
        ("Kari Engen Sørensen", None),
    ]
    assert people(d, "absent") == [
        ("Ståle Tangstuen", "Hole"),
        ("Aud Norunn Strand", "Modum"),
        ("Per Morstad", "Røyken"),
        ("Olav Grande", "Sande"),
        ("Trude Andresen", "Øvre Eiker"),
    ]
    assert one(d, "Kirsti Aas Olsen").role == "chair"
    assert one(d, "Tuss Benum").substitute_for == "Lars Bjerke"
    assert [a.name for a in d.attendance if a.role or a.substitute_for] == ["Kirsti Aas Olsen", "Tuss Benum"]


def test_001_saker() -> None:
    d = doc("001")
    saker = by_number(d)
    assert [(s.number, s.year, s.title) for s in d.saker] == [
        (11, 2016, "Referat fra møter i Rådmannsgruppen"),
        (12, 2016, "Referat fra møte i Styringsgruppen"),
        (13, 2016, "Ny kommunelov – høringsuttalelse"),
        (14, 2016, "Tertialrapport 1_2016"),
        (15, 2016, "Vertskap 2017 – Kunst rett vest"),
        (16, 2016, "Møteplan 2017"),
        (17, 2016, "Studietur november 2016"),
        (18, 2016, "Prosjekter innen prioriterte satsingsområder"),
        (19, 2016, "Øvrige orienteringer, meldinger og informasjon"),
        (20, 2016, "Eventuelt"),
    ]
    assert saker[11].vedtak == "Framlagte referater godkjennes."
    assert saker[12].vedtak == "Framlagt referat tas til orientering"
    assert (
        saker[13].vedtak == "Rådmannsgruppen foreslår at det ikke sendes felles uttalelse fra Vestregionen."
    )
    assert saker[13].text.endswith(
        "Høringsbrev og NOU kan lastes ned her: "
        "https://www.regjeringen.no/no/dokumenter/horing---nou-20164-ny-kommunelov/id2481627/"
    )
    assert saker[14].vedtak == (
        "Rådmannsgruppen anbefaler styringsgruppen å godkjenne framlagt tertialrapport inkl. "
        "resultatregnskap pr 30.4.2016."
    )
    assert saker[15].vedtak is not None and saker[15].vedtak.startswith("Drammen, Svelvik og Asker sjekker")
    assert saker[16].vedtak == "Rådmannsgruppen slutter seg til framlagt forslag til møteplan for 2017."
    assert saker[17].vedtak is not None and saker[17].vedtak.startswith("Rådmannsgruppen ber daglig leder")
    # one long paragraph in the middle of sub-points A–G; it ends at «- D Folkehelse»
    assert saker[18].vedtak == (
        "Rådmannsgruppen slutter seg til presiseringene for punkt 4.10 i tjenestekonsesjonskontrakten med "
        "følgende endringer/tillegg: Tidsrammen for varslet opphold i utlandet økes fra 2 uker til 4 uker. "
        "Retten til brukerstyrt personlig assistanse gjelder i utgangspunktet bare i Norge. Brukers reiser "
        "til utlandet er brukers eget ansvar, men kommunen vil alltid i siste instans ha ansvaret for "
        "forsvarligheten – jf Helse og omsorgsdepartementets rundskriv 1-9/2015. Lengre opphold krever at "
        "kommunen vurderer om reisen kan gjennomføres på en forsvarlig måte i henhold til brukers behov og "
        "helsetilstand, og kontroll med at arbeidsmiljølovens bestemmelser i forhold til turnus for "
        "assistenter blir overholdt."
    )
    assert saker[18].text.startswith("A Kommnehelsesamarbeidet\n\n- Styringsdata utviklet")
    assert saker[19].vedtak is None and saker[19].text.startswith("A Fra medlemskommunene + fylkeskommunene")
    assert (saker[20].text, saker[20].vedtak) == ("Ingen saker meldt.", None)
    assert all(s.proposal is None for s in d.saker)


# --- 002: case document for Rådmannsgruppen, 31 May 2018 --------------------------------------------


def test_002_case_document() -> None:
    d = doc("002")
    assert (d.kind, d.body, d.date) == ("saksframlegg", "Rådmannsgruppen", dt.date(2018, 5, 31))
    assert (d.start, d.end, d.location, d.attendance) == (None, None, None, ())
    (sak,) = d.saker
    assert (sak.number, sak.year, sak.title) == (15, 2018, "Revidert handlingsplan 2018")
    assert sak.vedtak is None
    assert sak.proposal == (
        "Rådmannsgruppen slutter seg til framlagt forslag til revidert handlingsplan for 2. halvår 2018."
    )
    assert sak.text == ""  # «Forslag til vedtak» follows the title directly
    # «7.12.2018», «14.6.2018», «1.2.2018» sit inside sentences: no plan lines
    assert d.plan == () and d.warnings == ()


# --- 003: Styringsgruppen, 28 September 2017 (text pulled out of a PDF) ------------------------------


def test_003_meeting() -> None:
    d = doc("003")
    assert (d.kind, d.body, d.date) == ("referat", "Styringsgruppen", dt.date(2017, 9, 28))
    assert (d.start, d.end) == (dt.time(10, 0), dt.time(12, 30))
    assert d.location == "Kildehuset, Modum Bad, Modum kommune"


def test_003_attendance_two_blocks_each() -> None:
    d = doc("003")
    politicians = [
        ("Leif Frode Onarheim", "Asker"),
        ("Lisbeth Hammer Krog", "Bærum"),
        ("Ståle Versland", "Modum"),
        ("Elly Thoresen", "Nedre Eiker"),
        ("Dag Henaug", "Ringerike"),
        ("Elin Weggesrud", "Sande"),
        ("Kjell Tore Finnerud", "Sigdal"),  # «Kjell \nTore Finnerud»
        ("Ann Sire Fjerdingstad", "Øvre Eiker"),
        ("Anette Solli", "Akershus"),
    ]
    chief_executives = [
        ("Ragnar Sand Fuglum", "Asker"),
        ("Erik Kjeldstadli", "Bærum"),
        ("Steinar Valset", "Drammen"),
        ("Monica Vee Bratlie", "Hurum"),
        ("Aud Norunn Strand", "Modum"),
        ("Per Kierulf", "Akershus"),
    ]
    assert people(d, "present") == politicians + chief_executives
    assert people(d, "absent") == [
        ("Tore Opdal Hansen", "Drammen"),
        ("Per R. Berger", "Hole"),
        ("Gunn Cecilie Ringdal", "Lier"),
        ("Eva Norèn Eriksen", "Røyken"),  # «Eva \nNorèn Eriksen»
        ("Andreas Muri", "Svelvik"),
        ("Olav Skinnes", "Buskerud"),
        ("Torger Ødegaard", "Hole"),
        ("Lars Joakim Tveit", "Hurum"),
        ("Stig Rune Kroken", "Krødsherad"),
        ("Bente Gravdal", "Lier"),
        ("Truls Hvitstein", "Nedre Eiker"),
        ("Tore Isaksen", "Ringerike"),
        ("Per Morstad", "Røyken"),  # «Per \nMorstad»
        ("Olav Grande", "Sande"),
        ("Jostein Harm", "Sigdal"),
        ("Leif-Arne Steingrimsen", "Svelvik"),  # «Leif-Arne \nSteingrimsen»
        ("Trude Andresen", "Øvre Eiker"),
        ("Kjersti B. Hulbakk", "Buskerud"),  # then a trailing comma
    ]
    # «Møteledelse: Lisbeth Hammer Krog, Styringsgruppens leder / Nina Solberg, daglig leder (referent)»
    assert one(d, "Lisbeth Hammer Krog") == ParsedAttendance(
        "Lisbeth Hammer Krog", "Bærum", "present", None, "chair"
    )
    assert one(d, "Nina Solberg") == ParsedAttendance("Nina Solberg", None, "secretariat", None, "secretary")
    assert people(d, "secretariat") == [("Nina Solberg", None)]
    assert [a.name for a in d.attendance if a.role] == ["Lisbeth Hammer Krog", "Nina Solberg"]


def test_003_saker() -> None:
    d = doc("003")
    saker = by_number(d)
    assert [(s.number, s.year, s.title) for s in d.saker] == [
        (21, 2017, "Referat fra møte i Styringsgruppen"),
        (22, 2017, "Referat fra møte i Rådmannsgruppen"),
        (23, 2017, "Protokoll fra Vestregionens generalforsamling 2017"),
        (24, 2017, "Vestregionens framtid"),
        (25, 2017, "Tertialrapport 2 – 2017"),
        (26, 2017, "Prosjekter innen prioriterte satsingsområder"),
        (27, 2017, "Øvrige orienteringer, meldinger og informasjon"),
        (28, 2017, "Eventuelt"),
    ]
    assert saker[21].text == "Til behandling forelå referat fra møte 15.06.2017"
    assert saker[21].vedtak == "Framlagt forslag til referat godkjennes."
    assert saker[22].vedtak == "Framlagt forslag til referat tas til orientering."
    assert saker[23].vedtak == "Framlagt forslag til protokoll tas til orientering."
    assert saker[24].vedtak == (
        "Framlagt justert tidsplan frem til generalforsamling 14.6.2018 vedtas. Spørreundersøkelse "
        "igangsettes og oppsummeres. Med grunnlag i drøftingsnotatet «Vestregionen – i går, i dag og i "
        "morgen» gjennomføres en lokal prosess i hver enkelt kommune i perioden oktober til januar 2018."
    )
    # «… i perioden  \n\n     01.05.2017 til 31.08.2017, …»: one paragraph across the blank line
    assert saker[25].text == (
        "Til behandling forelå statusrapport for gjennomførte aktiviteter i perioden 01.05.2017 til "
        "31.08.2017, samt resultatregnskap pr 30.7.2017."
    )
    assert saker[25].vedtak == "Framlagt tertialrapport inkl. resultatregnskap pr 30.07.2017, godkjennes"
    # five sub-points with their own vedtak (A, B, D, F, G); C, E and H have none
    assert saker[26].vedtak == (
        "A Inkluderende folkestyre: Framlagt informasjon ble tatt til orientering. Sande og Øvre Eiker "
        "informerer i neste styringsgruppemøte.\n\n"
        "B Kommunehelsesamarbeidet: Framlagt informasjon ble tatt til orientering\n\n"
        "D BPA: Framlagt sak tas til orientering.\n\n"
        "F Regional utvikling: Sekretariatet sender ut invitasjon om deltakelse i prosjektet primo "
        "oktober.\n\n"
        "Styringsgruppens leder får fullmakt til å vurdere igangsetting av prosjektet etter at kommunene "
        "har gitt sin tilbakemelding.\n\n"
        "G Kunst rett vest: Framlagt informasjon ble tatt til orientering. Sak om hvordan Vestregionen vil "
        "ivareta Kunst rett vest i 2019, tas opp som sak i styringsgruppens møte i desember 2017."
    )
    assert saker[26].text == (
        "A Inkluderende folkestyre\n\nVaraordfører i Asker kommune orienterte om kommunens arbeid med "
        "nærdemokrati og samskaping i etableringen av ”Nye Asker”."
    )
    assert saker[27].vedtak is None and saker[28].vedtak is None
    assert saker[28].text.startswith("- Vigselsrett til kommunene")
    assert all(s.proposal is None for s in d.saker)


def test_003_plan_lines() -> None:
    d = doc("003")
    assert plan(d) == [
        ("Rådmannsgruppen", dt.date(2017, 11, 23)),  # «23. nov: Rådmannsgruppen»
        ("Styringsgruppen", dt.date(2017, 12, 7)),
        ("Rådmannsgruppen", dt.date(2018, 2, 22)),  # before December: the next year
        ("Rådmannsgruppen", dt.date(2018, 5, 3)),
        ("Styringsgruppen", dt.date(2018, 5, 24)),
    ]
    assert [p.line for p in d.plan] == [107, 108, 109, 111, 112]
    assert d.plan[4].raw == "24.5: Styringsgruppen (nytt møte)"
    # «15.3: Seminar (…)» and «14.6  Generalforsamling» name no body at their start
    assert [(w.line, w.code) for w in d.warnings] == [
        (110, "plan_line_without_body"),
        (113, "plan_line_without_body"),
    ]


# --- 004: case document for Styringsgruppen, 15 March 2018 -------------------------------------------


def test_004_case_document() -> None:
    d = doc("004")
    assert (d.kind, d.body, d.date) == ("saksframlegg", "Styringsgruppen", dt.date(2018, 3, 15))
    assert (d.start, d.end, d.location, d.attendance) == (None, None, None, ())
    (sak,) = d.saker
    assert (sak.number, sak.year, sak.title) == (
        3,
        2018,
        "Vestregionens fremtid – skisse til fremtidig samarbeid",
    )
    assert sak.vedtak is None
    assert sak.proposal == (
        "Styringsgruppen slutter seg til Rådmannsgruppens forslag til fremtidig samarbeid og organisering "
        "av prosessen fram til juni 2018.\n\n"
        "Det utarbeides et felles saksgrunnlag som kan benyttes av den enkelte kommune som grunnlag for den "
        "politiske behandlingen, hvis ønskelig."
    )


def test_004_plan_lines() -> None:
    d = doc("004")
    assert plan(d) == [
        ("Styringsgruppen", dt.date(2018, 3, 15)),  # on the document's own date
        ("Rådmannsgruppen", dt.date(2018, 5, 31)),
        ("Styringsgruppen", dt.date(2018, 6, 14)),  # «Styringsgruppemøte + Generalforsamling»
    ]
    assert d.warnings == ()  # «16.3 – 30.5:» is a period, not a plan line


def test_the_planned_meetings_of_the_issue() -> None:
    """Issue 2 lists the planned meetings the seeds' plan lines give (before later plans replace them)."""
    found = {line for number in ("003", "004") for line in plan(doc(number))}
    assert {
        ("Rådmannsgruppen", dt.date(2017, 11, 23)),
        ("Rådmannsgruppen", dt.date(2018, 2, 22)),
        ("Rådmannsgruppen", dt.date(2018, 5, 31)),
        ("Styringsgruppen", dt.date(2017, 12, 7)),
        ("Styringsgruppen", dt.date(2018, 3, 15)),
        ("Styringsgruppen", dt.date(2018, 6, 14)),
    } <= found
