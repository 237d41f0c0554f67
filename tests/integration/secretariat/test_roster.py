"""`motebot members import` with seats, groups and vara order, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from bot.__main__ import app
from storage.models import Body, Membership, Person

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "roster.csv"


def _run(engine: Engine, *args: str) -> tuple[int, str, str]:
    env = {"DATABASE_URL": engine.url.render_as_string(hide_password=False), "MOTEBOT_NOW": ""}
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def _seats(db: sessionmaker[Session]) -> list[tuple[str, str, str, str | None, int | None]]:
    with db() as s:
        rows = s.execute(
            select(Person.name, Body.name, Membership.role, Membership.seat_group, Membership.vara_order)
            .join(Membership, Membership.person_id == Person.id)
            .join(Body, Body.id == Membership.body_id)
            .order_by(Body.name, Person.name)
        ).all()
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_the_example_roster_creates_bodies_seats_and_vara_order(
    engine: Engine, db: sessionmaker[Session]
) -> None:
    code, out, err = _run(engine, "members", "import", str(EXAMPLE))
    assert code == 1 and "ukjent organ «Styringsgruppen»" in err  # no bodies yet, and none asked for
    assert _seats(db) == []
    code, out, err = _run(engine, "members", "import", "--create-bodies", str(EXAMPLE))
    assert (code, out.strip()) == (0, "Lest inn 10 personer fra roster.csv."), err
    seats = _seats(db)
    assert ("Ingrid Bakkevold", "Styringsgruppen", "vara", "Akershus", 1) in seats
    assert ("Tormod Lie", "Styringsgruppen", "vara", "Akershus", 2) in seats
    assert ("Lisbeth Hammer Krog", "Styringsgruppen", "chair", "Bærum", None) in seats
    assert ("Nina Solberg", "Rådmannsgruppen", "secretariat", None, None) in seats
    # A second import of the same file changes nothing.
    assert _run(engine, "members", "import", str(EXAMPLE))[0] == 0
    assert _seats(db) == seats


def test_every_bad_row_is_reported_by_line_and_nothing_changes(
    engine: Engine, db: sessionmaker[Session], tmp_path: Path
) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        "navn,e-post,rolle,organ,gruppe\nKari Nordmann,kari@lier.example.no,nestleder,Styringsgruppen,Lier\n"
    )
    assert _run(engine, "members", "import", "--create-bodies", str(good))[0] == 0
    before = _seats(db)
    assert before == [("Kari Nordmann", "Styringsgruppen", "vice_chair", "Lier", None)]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "name,email,role,bodies,group,vara_order\n"
        "Ola Vara,ola@lier.example.no,vara,Styringsgruppen,Lier,\n"
        "Siri Vara,siri@lier.example.no,vara,Styringsgruppen,Lier,to\n"
        "Kari Nordmann,kari@lier.example.no,medlem,Styringsgruppen,Lier,1\n"
        "Tor Vara,tor@lier.example.no,vara,Styringsgruppen,Lier,1\n"
        "Ane Vara,ane@lier.example.no,vara,Styringsgruppen,Lier,1\n"
        "Per Konge,per@lier.example.no,konge,Bystyret,,\n"
        ",x@lier.example.no,medlem,Styringsgruppen,,\n"
    )
    code, _, err = _run(engine, "members", "import", str(bad))
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("Linje")]
    assert lines == [
        "Linje 2: en vara må ha gruppe og varanummer",
        "Linje 3: varanummer «to» er ikke et helt tall fra 1 og oppover",
        "Linje 3: en vara må ha gruppe og varanummer",
        "Linje 4: bare en vara har varanummer",
        "Linje 6: vara nr. 1 for Lier i Styringsgruppen står også på linje 5",
        "Linje 7: ukjent rolle «konge» (bruk medlem, leder, nestleder, vara eller sekretariat)",
        "Linje 7: ukjent organ «Bystyret» (bruk --create-bodies for å opprette det)",
        "Linje 8: mangler navn",
    ]
    assert _seats(db) == before
    with db() as s:
        assert s.scalar(select(Person).where(Person.name == "Tor Vara")) is None


def test_bodies_set_changes_the_chain_quorum_and_ask_settings(
    engine: Engine, db: sessionmaker[Session]
) -> None:
    assert _run(engine, "members", "import", "--create-bodies", str(EXAMPLE))[0] == 0
    code, out, err = _run(
        engine,
        "bodies",
        "set",
        "styringsgruppen",
        "--vara-chain",
        "off",
        "--quorum",
        "0,6",
        "--ask-days",
        "2",
    )
    assert code == 0, err
    assert out.strip() == (
        "Styringsgruppen: varakjede av, vedtaksført med 60 % av setene, «Kommer du?» 2 dager før."
    )
    code, _, err = _run(engine, "bodies", "set", "Styringsgruppen", "--quorum", "2", "--vara-chain", "on")
    assert code == 2 and "Brøken må være mellom 0 og 1" in err
    assert _run(engine, "bodies", "set", "Bystyret", "--ask-days", "1")[0] == 2
    assert _run(engine, "bodies", "set", "Styringsgruppen")[0] == 2
    with db() as s:
        body = s.scalar(select(Body).where(Body.name == "Styringsgruppen"))
        assert body is not None
        assert (body.vara_chain, body.quorum_fraction, body.ask_days) == (False, 0.6, 2)
    code, out, _ = _run(engine, "bodies", "set", "Styringsgruppen", "--quorum", "off", "--vara-chain", "on")
    assert "varakjede på (svar innen 24 t, senest 24 t før møtet), vedtaksførhet sjekkes ikke" in out
