"""RS 2/18 and PS 2/18 are two saker: a series of its own is kept apart from the main one.

Two invented protocols in the layout of a municipal case system (PS for politiske saker, RS for
referatsaker, each counted from 1), read on both databases, then looked up as a member would.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from handlers.services import Services
from handlers.types import Heading, Invocation, Reply, Request
from handlers.vedtak import vedtak
from storage.clock import fixed_clock, parse_when
from storage.models import Sak, Treatment
from tests.dialog import call
from tests.integration.ingest.helpers import data, load

MARCH = """Møteprotokoll

Utvalg: Representantskapet i Vannverket Nordås IKS
Møtested: Pumpehuset, Nordås
Møtedato: 06.03.2018
Tid: 18:00 - 19:30

Faste medlemmer som møtte:
Navn Funksjon Representerer
Sverre Holmen Leder Nordås
Tone Vik Medlem Sørli

PS 1/18 Godkjenning av innkalling og saksliste

Vedtak:
Innkalling og saksliste godkjennes.

PS 2/18 Årsmelding 2017

Vedtak:
Årsmeldingen for 2017 godkjennes.

RS 1/18 Brev fra Mattilsynet om prøvetaking

Vedtak:
Tatt til orientering.
"""

JUNE = """Møteprotokoll

Utvalg: Representantskapet i Vannverket Nordås IKS
Møtested: Pumpehuset, Nordås
Møtedato: 12.06.2018
Tid: 18:00 - 19:00

Faste medlemmer som møtte:
Navn Funksjon Representerer
Sverre Holmen Leder Nordås
Tone Vik Medlem Sørli

PS 5/18 Regnskap 2017

Vedtak:
Regnskapet for 2017 godkjennes.

RS 2/18 Referat fra eiermøtet

Vedtak:
Tatt til orientering.
"""

CLOCK = fixed_clock(parse_when("2018-06-20"))


@pytest.fixture
def imported(db: sessionmaker[Session], tmp_path: Path) -> sessionmaker[Session]:
    for name, text in (("mars.txt", MARCH), ("juni.txt", JUNE)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        (report,) = load(db, [path], None)
        assert report.ok, report
    return db


def test_a_series_of_its_own_is_another_sak(imported: sessionmaker[Session]) -> None:
    with imported() as session:
        rows = session.execute(
            select(Sak.series, Sak.number, Sak.year, Sak.title).order_by(Sak.series, Sak.number)
        ).all()
        treated = session.scalar(select(Treatment.id).join(Sak).where(Sak.series == "RS", Sak.number == 2))
    assert [tuple(r) for r in rows] == [
        ("", 1, 2018, "Godkjenning av innkalling og saksliste"),
        ("", 2, 2018, "Årsmelding 2017"),
        ("", 5, 2018, "Regnskap 2017"),
        ("RS", 1, 2018, "Brev fra Mattilsynet om prøvetaking"),
        ("RS", 2, 2018, "Referat fra eiermøtet"),
    ]
    assert treated is not None
    june = next(m for m in data(imported)["meetings"] if m["date"] == "2018-06-12")
    assert [(s.get("series"), s["number"], s["title"]) for s in june["saker"]] == [
        (None, 5, "Regnskap 2017"),
        ("RS", 2, "Referat fra eiermøtet"),
    ]


def _ask(db: sessionmaker[Session], args: str) -> Reply:
    invocation = Invocation(platform="console", user_id="Tone Vik", text=args, command="vedtak")
    request = Request(invocation=invocation, args=args, asker=None, now=CLOCK())
    return call(vedtak, request, Services(factory=db, clock=CLOCK))


@pytest.mark.parametrize(
    ("asked", "heading"),
    [
        ("2/18", "Sak 02/2018: Årsmelding 2017"),
        ("PS 2/18", "Sak 02/2018: Årsmelding 2017"),
        ("RS 2/18", "Sak RS 02/2018: Referat fra eiermøtet"),
        ("rs 2/2018", "Sak RS 02/2018: Referat fra eiermøtet"),
        ("hva ble vedtatt i RS 1/18?", "Sak RS 01/2018: Brev fra Mattilsynet om prøvetaking"),
    ],
)
def test_a_member_finds_either_by_its_number(
    imported: sessionmaker[Session], asked: str, heading: str
) -> None:
    reply = _ask(imported, asked)
    headings = [e.text for e in reply.elements if isinstance(e, Heading)]
    assert headings == [heading]
