"""`motebot ask`, `console`, `demo` and `members …` end to end, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from bot.__main__ import app
from handlers.registry import handle
from handlers.services import Services
from handlers.types import Invocation
from storage.clock import fixed_clock
from storage.db import session_factory
from storage.models import ChatIdentity, Membership, Person
from tests.integration.handlers.members.seeds import NOW, import_seeds, plain

runner = CliRunner()


@pytest.fixture
def env(engine: Engine, db: sessionmaker[Session]) -> dict[str, str]:
    """The environment of a motebot process pointed at the test database with the seeds imported."""
    import_seeds(db)
    return {"DATABASE_URL": engine.url.render_as_string(hide_password=False), "MOTEBOT_NOW": ""}


def motebot(env: dict[str, str], *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env, input=input)
    return result.exit_code, result.stdout, result.stderr


def test_ask_prints_the_answer(env: dict[str, str]) -> None:
    code, out, _ = motebot(env, "ask", "--as", "Per Kierulf", "--now", "2017-10-02", "når er neste møte?")
    assert code == 0
    assert "Neste møte i Rådmannsgruppen\n────" in out
    assert "Når: torsdag 23. november 2017 (om 52 dager)" in out
    assert "[1] Meld forfall" in out


def test_ask_json_prints_the_reply_model(env: dict[str, str]) -> None:
    code, out, _ = motebot(env, "ask", "--as", "Per Kierulf", "--now", "2017-10-02", "--json", "forfall 7.12")
    assert code == 0
    data = json.loads(out)
    assert data["kind"] == "answer"
    assert data["elements"][0] == {"type": "heading", "text": "Forfall registrert"}
    buttons = next(e for e in data["elements"] if e["type"] == "buttons")
    assert buttons["items"][0]["action"] == "trekk-forfall"


def test_ask_exit_codes(env: dict[str, str]) -> None:
    # A polite refusal is still a successful run.
    code, out, _ = motebot(env, "ask", "--as", "Per Kierulf", "--now", "2017-10-02", "forfall 31.02")
    assert (code, out.strip()) == (0, "«31.02» er ikke en gyldig dato, så jeg har ikke registrert noe.")
    code, out, _ = motebot(env, "ask", "--now", "2017-10-02", "--json", "neste møte")
    assert code == 0 and json.loads(out)["kind"] == "refusal"
    # Usage errors: no text, an unknown person, a bad --now.
    assert motebot(env, "ask")[0] == 2
    code, _, err = motebot(env, "ask", "--as", "Ingen Slik", "neste møte")
    assert code == 2 and "Finner ingen person som heter «Ingen Slik»" in err
    assert motebot(env, "ask", "--as", "Per Kierulf", "--now", "i går", "neste møte")[0] == 2


def test_ask_exits_1_on_an_unexpected_error(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(invocation: Invocation, services: Services) -> object:
        return handle(invocation, Services(factory=None, clock=services.clock))  # type: ignore[arg-type]

    monkeypatch.setattr("bot.cli.terminal.handle", broken)
    code, out, _ = motebot(env, "ask", "--as", "Per Kierulf", "neste møte")
    assert code == 1
    assert "feilkoden" in out


def test_console_reads_one_message_a_line_until_eof(env: dict[str, str], db: sessionmaker[Session]) -> None:
    code, out, _ = motebot(
        env,
        "console",
        "--as",
        "Per Kierulf",
        "--now",
        "2017-10-02",
        input="forfall 7.12\n\nmine forfall\n1\n",
    )
    assert code == 0
    assert out.count("> ") == 3
    assert "> forfall 7.12\nForfall registrert" in out
    assert "  • Styringsgruppen, torsdag 7. desember 2017" in out
    assert out.rstrip().endswith("[1] Meld forfall")  # «1» pressed «Trekk forfall»; the answer offers it back
    assert "Forfall trukket" in out


def test_demo_imports_the_examples_into_a_fresh_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env = {"DATABASE_URL": "sqlite:///ignored.db", "MOTEBOT_NOW": ""}
    first = runner.invoke(app, ["demo"], env=env, input="neste møte\nforfall 7.12\n")
    assert first.exit_code == 0, first.output
    assert "Klokka er satt til mandag 2. oktober 2017" in first.stderr
    assert "Når: torsdag 23. november 2017 (om 52 dager)" in first.stdout
    assert "Jeg har registrert forfall for deg til Styringsgruppen" in first.stdout
    assert (tmp_path / "demo.db").exists() and not (tmp_path / "ignored.db").exists()
    # Each run starts afresh: the forfall of the last run is gone.
    second = runner.invoke(app, ["demo"], env=env, input="mine forfall\n")
    assert "Du har ikke meldt forfall til noen kommende møter." in second.stdout


ROSTER = """name,email,role,bodies
Per Kierulf,Per.Kierulf@example.no,member,Rådmannsgruppen;Styringsgruppen
Nina Solberg,nina@example.no,secretariat,Rådmannsgruppen|Styringsgruppen
Kari Nordmann,kari@example.no,medlem,Styringsgruppen
"""


def test_members_import_list_and_link(env: dict[str, str], db: sessionmaker[Session], tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    code, out, _ = motebot(env, "members", "import", str(roster))
    assert (code, out.strip()) == (0, "Lest inn 3 personer fra roster.csv.")
    with db() as s:
        kari = s.scalar(select(Person).where(Person.name == "Kari Nordmann"))
        assert kari is not None and kari.email == "kari@example.no"
        assert s.scalar(select(Person.email).where(Person.name == "Per Kierulf")) == "per.kierulf@example.no"
        roles = s.scalars(select(Membership.role).where(Membership.person_id == kari.id)).all()
        assert roles == ["member"]

    code, out, _ = motebot(env, "members", "link", "Kari Nordmann", "--slack", "U0KARI")
    assert (code, out.strip()) == (0, "Kari Nordmann er koblet til slack:U0KARI.")
    reply = handle(
        Invocation(platform="slack", user_id="U0KARI", text="neste møte"),
        Services(session_factory(db.kw["bind"]), clock=fixed_clock(NOW)),
    )
    assert "Neste møte i Styringsgruppen" in plain(reply)

    code, out, _ = motebot(env, "members", "list")
    assert code == 0
    assert "Kari Nordmann\t\tkari@example.no\tStyringsgruppen (medlem)\tslack:U0KARI" in out
    assert (
        "Nina Solberg\t\tnina@example.no\tRådmannsgruppen (sekretariat), Styringsgruppen (sekretariat)" in out
    )


def test_members_usage_errors(env: dict[str, str], db: sessionmaker[Session], tmp_path: Path) -> None:
    assert motebot(env, "members", "link", "Per Kierulf")[0] == 2
    assert motebot(env, "members", "link", "Per Kierulf", "--slack", "U1", "--teams", "T1")[0] == 2
    code, _, err = motebot(env, "members", "link", "Ingen Slik", "--teams", "aad-1")
    assert code == 2 and "Ingen Slik" in err
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "name,email,role,bodies\nPer Kierulf,per@example.no,konge,Rådmannsgruppen\n"
        "Kari Nordmann,ikke-epost,member,Bystyret\n",
        encoding="utf-8",
    )
    code, _, err = motebot(env, "members", "import", str(bad))
    assert code == 1
    assert "Linje 2: ukjent rolle «konge»" in err
    assert "Linje 3: «ikke-epost» er ikke en e-postadresse" in err
    assert "Linje 3: ukjent organ «Bystyret»" in err
    with db() as s:
        assert s.scalar(select(Person).where(Person.name == "Kari Nordmann")) is None
        assert s.scalar(select(ChatIdentity)) is None


def test_members_link_teams_keys_the_tenant_as_the_bot_looks_it_up(
    env: dict[str, str], db: sessionmaker[Session]
) -> None:
    """A tenant typed in capitals is stored in lower case: bot.teams looks up «tenant/objectid» so."""
    with db() as s:
        s.add(Person(name="Kari Nordmann"))
        s.commit()
    tenant = "9A1B2C3D-0000-4000-8000-00000000ABCD"
    code, _, err = motebot(env, "members", "link", "Kari Nordmann", "--teams", f" {tenant}/aad-kari ")
    assert code == 0, err
    with db() as s:
        assert s.scalars(select(ChatIdentity.external_id)).all() == [f"{tenant.lower()}/aad-kari"]
