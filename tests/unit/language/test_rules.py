"""Sentences, sak citations and the open-sak rules, on vedtak text written for the tests."""

from __future__ import annotations

import datetime as dt

from language.open_rules import BodyName, Candidate, candidates
from language.sentences import citations, sentences

BODIES = [BodyName(1, "Rådmannsgruppen"), BodyName(2, "Styringsgruppen"), BodyName(3, "Kontrollutvalget")]
DAY = dt.date(2016, 9, 15)


def test_sentences_split_after_a_stop_and_a_capital() -> None:
    text = "Saken tas til orientering.  Rådmannsgruppen ber\nom en ny sak. «Vedlegg» følger! ok. neste"
    assert sentences(text) == [
        "Saken tas til orientering.",
        "Rådmannsgruppen ber",
        "om en ny sak.",
        "«Vedlegg» følger! ok. neste",
    ]
    assert sentences("") == []


def test_citations_with_two_and_four_digit_years() -> None:
    cited = citations("Jf. sak 14/2016 og sak 3/17.", None, "Se 99/99", meeting_date=dt.date(2017, 5, 1))
    assert cited == {(14, 2016), (3, 2017), (99, 1999)}
    assert citations("12345/2016 og 1/123456", meeting_date=DAY) == set()  # no sak number


def test_a_proposal_without_vedtak_keeps_its_first_sentence() -> None:
    found = candidates(proposal="Forslaget vedtas. Mer tekst.", vedtak=None, own_body=1, meeting_date=DAY,
                       bodies=BODIES)  # fmt: skip
    assert found == [Candidate("proposal", "Forslaget vedtas.")]


def test_a_recommendation_waits_for_the_body_it_names() -> None:
    vedtak = "Rådmannsgruppen anbefaler styringsgruppen å slutte seg til planen. Saken tas til orientering."
    found = candidates(proposal=None, vedtak=vedtak, own_body=1, meeting_date=DAY, bodies=BODIES)
    assert found == [Candidate("recommends", vedtak.split(". ")[0] + ".", waits_for=2)]


def test_a_task_waits_for_a_named_month_or_the_next_day() -> None:
    vedtak = "Saken tas opp i kontrollutvalget i desember 2016. Sekretariatet bes lage et notat."
    found = candidates(proposal=None, vedtak=vedtak, own_body=1, meeting_date=DAY, bodies=BODIES)
    assert [(c.kind, c.waits_for, c.not_before) for c in found] == [
        ("task", 3, dt.date(2016, 12, 1)),
        ("task", 1, DAY + dt.timedelta(days=1)),
    ]


def test_the_subject_of_a_task_is_not_who_it_waits_for() -> None:
    found = candidates(proposal=None, vedtak="Styringsgruppen ber om å bli orientert 31.02.2017.",
                       own_body=1, meeting_date=DAY, bodies=BODIES)  # fmt: skip
    assert [(c.waits_for, c.not_before) for c in found] == [(1, DAY + dt.timedelta(days=1))]  # 31.02: no day
