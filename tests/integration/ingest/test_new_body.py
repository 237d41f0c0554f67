"""A body møtebot has never seen: its protokoll and innkalling imported, then a member of it asks."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ingest.load import import_paths
from storage.clock import fixed_clock, parse_when
from storage.models import Body, Meeting
from tests.conftest import FIXTURES
from tests.integration.handlers.members.seeds import Chat, plain, services

CORPUS = FIXTURES / "corpus" / "src"
NOW = parse_when("2019-03-01")


def test_a_new_body_from_its_documents_answers_its_members(db: sessionmaker[Session]) -> None:
    docs = [CORPUS / "01_acos_protokoll.txt", CORPUS / "07_innkalling_nn.txt"]
    reports = import_paths(db, docs, clock=fixed_clock(NOW))
    assert [r.ok for r in reports] == [True, True]
    assert reports[0].new_bodies == (("Regionrådet Sølvfjord", ("SRR", "regionrådet")),)
    assert reports[1].new_bodies == ()  # the innkalling found the body the protokoll created
    with db() as session:
        body = session.scalars(select(Body)).one()
        statuses = {m.date.isoformat(): m.status for m in session.scalars(select(Meeting))}
    assert body.name == "Regionrådet Sølvfjord"
    assert statuses == {"2019-02-14": "held", "2019-04-04": "planned"}

    chat = Chat(services(db, NOW), user="Berit Hågensen")  # present at 14.02, so a member
    nxt = plain(chat.say("neste møte i regionrådet"))
    assert "Regionrådet Sølvfjord" in nxt and "4. april 2019" in nxt
    assert "Felles innkjøp av skyssbåt" in nxt  # the innkalling's saksliste
    assert "Nordvik kulturhus" in nxt
    vedtak = plain(chat.say("vedtak 2/19"))
    assert "Regionrådet godkjenner årsmeldingen for 2018." in vedtak
    forfall = plain(chat.say("forfall 4.4 pga sykdom"))
    assert "Forfall registrert" in forfall and "4. april 2019" in forfall
    # «SRR», the short form made at creation, names the same body
    assert "4. april 2019" in plain(chat.say("neste møte i SRR"))


def test_dry_run_reports_and_writes_nothing(db: sessionmaker[Session]) -> None:
    docs = [CORPUS / "22_referat_saksliste_missing.txt"]
    [report] = import_paths(db, docs, clock=fixed_clock(NOW), dry_run=True)
    assert report.ok and report.dry_run and not report.complete
    assert report.agenda.without_vedtak == ("13/19",)
    assert report.agenda.listed == ("11/19", "12/19", "13/19")
    with db() as session:
        assert session.scalars(select(Body)).all() == []
        assert session.scalars(select(Meeting)).all() == []


def test_a_new_version_of_a_document_says_what_it_replaces(db: sessionmaker[Session], tmp_path) -> None:
    first = CORPUS / "01_acos_protokoll.txt"
    [first_report] = import_paths(db, [first], clock=fixed_clock(NOW))
    assert first_report.ok and first_report.replaced == ()
    corrected = tmp_path / "protokoll_korrigert.txt"
    corrected.write_text(first.read_text(encoding="utf-8").replace("Årsmelding 2018", "Årsmelding for 2018"))
    [two] = import_paths(db, [corrected], clock=fixed_clock(NOW))
    assert two.ok and not two.unchanged
    (replaced,) = two.replaced
    assert replaced.file_name == "01_acos_protokoll.txt"
    assert [(m.body, m.date.isoformat(), m.saker, m.attendance) for m in replaced.meetings] == [
        ("Regionrådet Sølvfjord", "2019-02-14", 3, 6)  # 4 present, 1 forfall, 1 from the administration
    ]
