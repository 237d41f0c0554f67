"""The parsers' rules on small texts: dates, bodies, headings, plan years, lists, paragraphs, warnings."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.bodies import body_at_start, heading_body
from ingest.model import DocumentError
from ingest.names import pair_entries, split_entries
from ingest.parse import ERROR_CODES, WARNING_CODES, parse_text
from ingest.parse_case import sak_heading
from ingest.parse_plan import parse_plan
from ingest.text import find_date, find_times, strip_markup, to_lines
from tests.unit.ingest.conftest import seed


def parse(text: str):
    return parse_text(text, file_name="test.txt")


# --- dates and times -------------------------------------------------------------------------------


def test_doubled_year_in_the_time_line() -> None:
    line = "Tid: Torsdag 28.09.2017.2017 kl. 10.00 – 12.30"
    assert find_date(line) == dt.date(2017, 9, 28)
    assert find_times(line) == (dt.time(10, 0), dt.time(12, 30))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Referat fra møte i Rådmannsgruppen 15. september 2016", dt.date(2016, 9, 15)),
        ("Møte i Styringsgruppen 15. mars 2018", dt.date(2018, 3, 15)),
        ("Rådmannsgruppens møte 31. mai 2018", dt.date(2018, 5, 31)),
        ("møte 7. des. 2017", dt.date(2017, 12, 7)),
        ("Dato: 2018-06-14", dt.date(2018, 6, 14)),
        ("Tid: 5.1.2019", dt.date(2019, 1, 5)),
        ("31.02.2018 finnes ikke", None),
        ("Sak 21/2016", None),
    ],
)
def test_dates(text: str, expected: dt.date | None) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Torsdag 15.09.2016 kl. 09.00 – 11.30", dt.time(9), dt.time(11, 30)),
        ("kl 9.00-11.30", dt.time(9), dt.time(11, 30)),
        ("kl. 13:00 til kl. 15:30", dt.time(13), dt.time(15, 30)),
        ("Onsdag 7.12.2017 kl. 10.00", dt.time(10), None),
        ("Torsdag 15.09.2016", None, None),  # a date is never read as a time
    ],
)
def test_times(text: str, start: dt.time | None, end: dt.time | None) -> None:
    assert find_times(text) == (start, end)


# --- bodies ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body", "kind"),
    [
        ("Rådmannsgruppens møte 31. mai 2018", "Rådmannsgruppen", ""),
        ("Referat fra møte i Styringsgruppen 28. september 2017", "Styringsgruppen", "held"),
        ("Møteprotokoll Eldrerådet i Fjellvik", "Eldrerådet i Fjellvik", "held"),
        ("Referat frå møte i Kystrådet Vest tysdag 4. mars", "Kystrådet Vest", "held"),
        ("Møtebok for Sølvdal interkommunale politiske råd", "Sølvdal interkommunale politiske råd", "held"),
        ("Innkalling til møte i Arbeidsutvalet, 12.03.2019", "Arbeidsutvalet", "called"),
        ("Møteinnkalling - Bystyret", "Bystyret", "called"),
        ("Protokoll møte i Regionrådet Nord 14.02.2019", "Regionrådet Nord", "held"),
        ("Møte i Styringsgruppen 15. mars 2018", "Styringsgruppen", ""),
        # a sentence or a bare kind word names no body
        ("Styringsgruppen besluttet i møte 15.06.2017 å gjennomføre en prosess", None, None),
        ("Møteprotokoll", None, None),
        ("Generalforsamling", None, None),
    ],
)
def test_heading_body(text: str, body: str | None, kind: str | None) -> None:
    found = heading_body(text)
    assert (found.name, found.kind) == (body, kind) if found else body is None


def test_plan_line_body_at_start() -> None:
    known = ["Styringsgruppen"]
    assert body_at_start("Styringsgruppen – ordinært møte", known=known) == "Styringsgruppen"
    assert body_at_start("Styringsgruppemøte + Generalforsamling", known=known) == "Styringsgruppen"
    assert body_at_start("Rådmannsgruppen", known=known) == "Rådmannsgruppen"  # a body noun: a body
    assert body_at_start("Bystyret", known=known) == "Bystyret"
    assert body_at_start("Seminar (berammet møte i styringsgruppen utvides hvis behov)", known=known) is None
    assert body_at_start("Generalforsamling", known=known) is None


# --- sak headings and titles -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "**Sak 21/2016** \u00a0\u00a0 **Referat fra møte i Rådmannsgruppen**",
            (21, 2016, "Referat fra møte i Rådmannsgruppen", ""),
        ),
        ("#### Sak 19/2016", (19, 2016, "", "")),
        (
            " Sak 23/2017 Protokoll fra Vestregionens generalforsamling 2017  ",
            (23, 2017, "Protokoll fra Vestregionens generalforsamling 2017", ""),
        ),
        ("Sak 03/2018 Vestregionens fremtid", (3, 2018, "Vestregionens fremtid", "")),
        ("daglig leder vil foreslå en budsjettøkning - se sak 29/2016.", None),
        ("Styringsgruppen besluttet i møte 03.12.2015, sak 46d/15 at valg", None),
        ("Rådmannsgruppen har utarbeidet et drøftingsnotat (sak 24-a)", None),
        ("sak 06/2017, å gjennomføre", None),
    ],
)
def test_sak_headings(line: str, expected: tuple[int, int, str, str] | None) -> None:
    (parsed,) = to_lines(line)
    assert sak_heading(parsed.text) == expected


def test_markup_is_stripped() -> None:
    assert strip_markup("*Vedtak:*  ") == "Vedtak:  "
    assert strip_markup("Tertialrapport 1\\_2016") == "Tertialrapport 1_2016"
    assert strip_markup("se [www.transport20.no](http://www.transport20.no)") == "se www.transport20.no"
    assert strip_markup("<https://www.regjeringen.no/x/>") == "https://www.regjeringen.no/x/"


HEAD = "Referat fra møte i Styringsgruppen 7. desember 2017\n\nTid: kl. 10.00 – 12.00\n\nSted: Kleivstua\n\n"


def test_title_on_the_next_line_after_a_stray_vedlegg() -> None:
    d = parse(HEAD + "**Sak 40/2017**\n\nVedlegg\n\n**Budsjett 2018**\n\nTekst.\n\nVedtak:\n\nGodkjent.\n")
    (sak,) = d.saker
    assert (sak.title, sak.text, sak.vedtak) == ("Budsjett 2018", "Tekst.", "Godkjent.")


def test_sak_without_title_and_empty_vedtak_are_warned() -> None:
    d = parse(HEAD + "Sak 40/2017\n\nVedtak:\n\nSak 41/2017 Eventuelt\n\nIngen saker.\n")
    assert [(s.number, s.title, s.vedtak) for s in d.saker] == [(40, "", None), (41, "Eventuelt", None)]
    assert {w.code for w in d.warnings} == {"sak_without_title", "empty_vedtak"}


def test_duplicate_sak_is_warned_and_the_first_kept() -> None:
    d = parse(HEAD + "Sak 40/2017 Første\n\nVedtak: A.\n\nSak 40/2017 Andre\n\nVedtak: B.\n")
    assert [(s.title, s.vedtak) for s in d.saker] == [("Første", "A.")]
    assert [w.code for w in d.warnings] == ["duplicate_sak"]


# --- paragraphs ------------------------------------------------------------------------------------


def test_pdf_broken_paragraphs_are_joined_but_headings_are_not() -> None:
    d = parse(
        HEAD + "Sak 40/2017 Kunst rett vest\n\nBakgrunn\n\n"
        "Styringsgruppen besluttet i\n\nVestregionen å gå videre.\n\n"
        "Vedtak:\n Framlagt informasjon ble tatt til orientering. Sak om hvordan Vestregionen vil \n\n"
        "ivareta Kunst rett vest i 2019, tas opp i møte i \ndesember 2017.  \n\nNy   setning.\n"
    )
    (sak,) = d.saker
    assert sak.text == "Bakgrunn\n\nStyringsgruppen besluttet i Vestregionen å gå videre."
    assert sak.vedtak == (
        "Framlagt informasjon ble tatt til orientering. Sak om hvordan Vestregionen vil ivareta Kunst "
        "rett vest i 2019, tas opp i møte i desember 2017.\n\nNy setning."
    )


def test_proposal_ends_at_a_heading() -> None:
    d = parse(
        "Møte i Styringsgruppen 15. mars 2018\n\nSak 3/2018 Fremtid\n\nForslag til vedtak:\n\n"
        "Første avsnitt.\n\nAndre avsnitt.\n\nBakgrunn\n\nLang bakgrunn.\n"
    )
    (sak,) = d.saker
    assert (d.kind, sak.proposal, sak.vedtak) == ("saksframlegg", "Første avsnitt.\n\nAndre avsnitt.", None)


def test_sub_points_follow_the_alphabet() -> None:
    """«I styringsgruppens møte» on its own line is not a sub-point I: B was expected."""
    d = parse(
        HEAD
        + "Sak 40/2017 Orienteringer\n\nA Fra kommunene\n\nMøte\nI styringsgruppens møte orienteres det.\n\n"
        "Vedtak: Tatt til orientering.\n\nB Fra Osloregionen\n\nVedtak: Også tatt til orientering.\n"
    )
    (sak,) = d.saker
    assert (
        sak.vedtak
        == "A Fra kommunene: Tatt til orientering.\n\nB Fra Osloregionen: Også tatt til orientering."
    )


# --- plan lines ------------------------------------------------------------------------------------


def lines(*texts: str):
    return to_lines("\n".join(texts))


def test_plan_years_roll_over_and_start_on_or_after_the_document() -> None:
    plan, warnings = parse_plan(
        lines("3.9: Styringsgruppen", "23. nov: Rådmannsgruppen", "22.2: Rådmannsgruppen"),
        document_date=dt.date(2017, 9, 28),
    )
    assert [(p.body, p.date) for p in plan] == [
        ("Styringsgruppen", dt.date(2018, 9, 3)),  # 3 September is before the document: next year
        ("Rådmannsgruppen", dt.date(2018, 11, 23)),
        ("Rådmannsgruppen", dt.date(2019, 2, 22)),
    ]
    assert warnings == ()


def test_plan_line_problems() -> None:
    plan, warnings = parse_plan(
        lines(
            "31.2: Styringsgruppen", "", "14.6: Generalforsamling", "16.3 – 30.5:", "Sept: Spørreundersøkelse"
        ),
        document_date=dt.date(2018, 1, 1),
    )
    assert plan == ()
    assert [(w.line, w.code) for w in warnings] == [(1, "plan_line_bad_date"), (3, "plan_line_without_body")]


def test_a_wrapped_date_is_not_a_plan_line() -> None:
    plan, warnings = parse_plan(
        lines("Rådmannsgruppen la fram skissen til behandling i", "15.3.2018: Styringsgruppen vedtar"),
        document_date=dt.date(2018, 1, 1),
    )
    assert (plan, warnings) == ((), ())


# --- attendance ------------------------------------------------------------------------------------


def test_attendance_pieces() -> None:
    pieces = split_entries("Per R. Berger, Hole, Toril Staxrud, Sigdal. Olav Grande, Sande og Kari Li, Lier.")
    assert pieces == [
        "Per R. Berger", "Hole", "Toril Staxrud", "Sigdal", "Olav Grande", "Sande", "Kari Li", "Lier",
    ]  # fmt: skip
    entries, problems = pair_entries("Ola Nordmann, Asker, 12345, Kari Nordmann, Bærum, Per Hansen")
    assert [(e.name, e.organisation) for e in entries] == [
        ("Ola Nordmann", "Asker"), ("Kari Nordmann", "Bærum"), ("Per Hansen", None),
    ]  # fmt: skip
    assert problems == ["unknown_attendance_entry:12345", "attendance_without_organisation:Per Hansen"]


def test_attendance_labels_and_roles() -> None:
    d = parse(
        "Referat fra møte i Rådmannsgruppen 22. februar 2018\n\nTid: kl. 09.00 – 11.30\n\n"
        "Til stede: Kari Li (møteleder), Lier, Tuss Benum for Lars Bjerke, Asker\n\n"
        "Forfall: Ola Dahl, Hole\n\nReferent: Nina Solberg\n\nSak 5/2018 Eventuelt\n"
    )
    assert [(a.name, a.organisation, a.status, a.substitute_for, a.role) for a in d.attendance] == [
        ("Kari Li", "Lier", "present", None, "chair"),
        ("Tuss Benum", "Asker", "present", "Lars Bjerke", None),
        ("Ola Dahl", "Hole", "absent", None, None),
        ("Nina Solberg", None, "secretariat", None, "secretary"),
    ]


def test_a_list_under_an_unknown_label_is_not_taken_for_the_previous_one() -> None:
    d = parse(
        "Referat fra møte i Rådmannsgruppen 22. februar 2018\n\nTid: kl. 09.00\n\n"
        "Forfall: Ola Dahl, Hole\n\nFra fylket: Kari Li, Ola Berg\n\nSak 5/2018 Eventuelt\n"
    )
    assert [(a.name, a.status) for a in d.attendance] == [("Ola Dahl", "absent")]


# --- the document as a whole -----------------------------------------------------------------------


def test_date_from_the_time_line_when_the_title_has_none() -> None:
    d = parse(
        "Referat fra møte i Rådmannsgruppen\n\nTid: Torsdag 15.09.2016 kl. 09.00 – 11.30\n\nSak 21/2016 X\n"
    )
    assert (d.body, d.date, d.start, d.end, d.kind) == (
        "Rådmannsgruppen",
        dt.date(2016, 9, 15),
        dt.time(9),
        dt.time(11, 30),
        "referat",
    )


def test_title_and_time_line_disagree() -> None:
    d = parse("Referat fra møte i Rådmannsgruppen 15. september 2016\n\nTid: 16.09.2016 kl. 9.00\n")
    assert d.date == dt.date(2016, 9, 15)
    assert [w.code for w in d.warnings] == ["date_mismatch"]


def test_minutes_without_a_time_line_are_warned() -> None:
    d = parse("Referat fra møte i Styringsgruppen 7. desember 2017\n\nSak 40/2017 Eventuelt\n")
    assert (d.kind, d.start) == ("referat", None)
    assert [w.code for w in d.warnings] == ["time_not_found"]


def test_a_variant_of_seed_003_with_other_dates_and_numbers() -> None:
    """The benchmark feeds variants: other dates, times and sak numbers must come through as written."""
    text = seed("003").read_text(encoding="utf-8")
    for old, new in [
        ("28. september 2017", "12. oktober 2017"),
        ("28.09.2017.2017", "12.10.2017"),
        ("kl. 10.00 – 12.30", "kl. 9.30 - 11.00"),
        ("Styringsgruppen 12. oktober", "Rådmannsgruppen 12. oktober"),
    ]:
        text = text.replace(old, new)
    for n in range(21, 29):
        text = text.replace(f"Sak {n}/2017", f"Sak {n + 20}/2017")
    d = parse(text)
    assert (d.body, d.date, d.start, d.end) == (
        "Rådmannsgruppen",
        dt.date(2017, 10, 12),
        dt.time(9, 30),
        dt.time(11),
    )
    assert [s.number for s in d.saker] == list(range(41, 49))
    assert d.saker[5].vedtak is not None and d.saker[5].vedtak.startswith("A Inkluderende folkestyre: ")
    assert [p.date for p in d.plan][:2] == [dt.date(2017, 11, 23), dt.date(2017, 12, 7)]
    assert len(d.attendance) == 34


def test_no_meeting() -> None:
    with pytest.raises(DocumentError) as caught:
        parse("Handleliste\n\nMelk og brød.\n")
    assert caught.value.code == "no_meeting"


def test_codes_are_listed() -> None:
    assert ERROR_CODES == ("empty", "unreadable", "no_text", "unsupported_type", "too_large", "no_meeting")
    assert len(set(WARNING_CODES)) == len(WARNING_CODES)
    assert {"plan_line_without_body", "sak_without_title", "unknown_attendance_entry"} <= set(WARNING_CODES)
