"""`motebot bodies list|add|alias|rename|merge` end to end, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from bot.__main__ import app
from ingest.load import import_paths
from storage.clock import fixed_clock, parse_when
from storage.models import Body, Meeting
from tests.conftest import FIXTURES

runner = CliRunner()
CORPUS = FIXTURES / "corpus" / "src"


def motebot(engine: Engine, *args: str) -> tuple[int, str, str]:
    env = {"DATABASE_URL": engine.url.render_as_string(hide_password=False), "MOTEBOT_NOW": ""}
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_add_list_alias_rename(engine: Engine) -> None:
    assert motebot(engine, "bodies", "list")[1].startswith("Ingen organer ennå.")
    code, out, _ = motebot(engine, "bodies", "add", "Regionrådet Nordhav")
    assert code == 0 and out.strip() == "La til organet Regionrådet Nordhav (også: NRR, regionrådet)."
    assert motebot(engine, "bodies", "add", "regionrådet nordhav")[1].strip() == (
        "Organet finnes allerede: Regionrådet Nordhav."
    )
    assert motebot(engine, "bodies", "alias", "NRR", "Nordhavsrådet")[0] == 0
    code, out, _ = motebot(engine, "bodies", "rename", "nordhavsrådet", "Nordhav regionråd")
    assert code == 0 and "Regionrådet Nordhav heter nå Nordhav regionråd" in out
    out = motebot(engine, "bodies", "list")[1]
    assert out.strip() == "Nordhav regionråd (også: Nordhavsrådet, NRR, regionrådet, Regionrådet Nordhav)"


def test_refusals_are_norwegian_and_change_nothing(engine: Engine) -> None:
    motebot(engine, "bodies", "add", "Kystrådet Vest")
    motebot(engine, "bodies", "add", "Eldrerådet i Nordvik")
    code, _, err = motebot(engine, "bodies", "alias", "Eldrerådet i Nordvik", "kystrådet vest")
    assert code == 1 and err.strip() == "Navnet «kystrådet vest» brukes allerede av et annet organ."
    code, _, err = motebot(engine, "bodies", "rename", "Finnes ikke", "Noe")
    assert code == 1 and err.startswith("Fant ikke noe organ som heter «Finnes ikke».")
    assert "Kjente organer: Eldrerådet i Nordvik, Kystrådet Vest." in err
    code, _, err = motebot(engine, "bodies", "merge", "Kystrådet Vest", "kystrådet vest")
    assert code == 1 and "seg selv" in err
    assert motebot(engine, "bodies", "list")[1].split("\n")[:2] == [
        "Eldrerådet i Nordvik",
        "Kystrådet Vest (også: kystrådet, VKR)",
    ]


def test_merge_moves_meetings_and_keeps_the_names(engine: Engine, db: sessionmaker[Session]) -> None:
    # The same body read in under two names: «Kystrådet Vest» and, by hand, «Kystrådet».
    import_paths(db, [CORPUS / "04_handwritten_nn.txt"], clock=fixed_clock(parse_when("2020-03-01")))
    motebot(engine, "bodies", "add", "Vestkystrådet")
    with db() as session:
        other = session.scalars(select(Body).where(Body.name == "Vestkystrådet")).one()
        session.add(Meeting(body_id=other.id, date=parse_when("2020-05-05").date(), status="planned"))
        session.commit()
    code, out, _ = motebot(engine, "bodies", "merge", "Kystrådet Vest", "Vestkystrådet")
    assert code == 0 and out.strip().startswith("Vestkystrådet er slått sammen med Kystrådet Vest")
    with db() as session:
        (body,) = session.scalars(select(Body)).all()
        days = sorted(m.date.isoformat() for m in session.scalars(select(Meeting)))
        assert body.name == "Kystrådet Vest" and "Vestkystrådet" in body.names
    assert days == ["2020-03-04", "2020-04-22", "2020-05-05"]


def test_merge_refuses_two_meetings_on_one_day(engine: Engine, db: sessionmaker[Session]) -> None:
    import_paths(db, [CORPUS / "04_handwritten_nn.txt"], clock=fixed_clock(parse_when("2020-03-01")))
    motebot(engine, "bodies", "add", "Vestkystrådet")
    with db() as session:
        other = session.scalars(select(Body).where(Body.name == "Vestkystrådet")).one()
        session.add(Meeting(body_id=other.id, date=parse_when("2020-03-04").date(), status="planned"))
        session.commit()
    code, _, err = motebot(engine, "bodies", "merge", "Kystrådet Vest", "Vestkystrådet")
    assert code == 1 and err.strip().startswith("Begge organene har møte samme dag (2020-03-04)")
    with db() as session:
        assert len(session.scalars(select(Body)).all()) == 2
