"""The command line: `motebot plan …`, `channels set`, `reminders --dry-run` and `reminders --once --now`."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from bot.__main__ import app
from storage.db import unit_of_work
from tests.integration.reminders.standin import TOKEN, running_standin
from tests.integration.reminders.world import add_body


@pytest.fixture
def cli(
    engine: Engine, db: sessionmaker[Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> CliRunner:
    with unit_of_work(db) as session:
        add_body(session, "Styringsgruppen")
    monkeypatch.chdir(tmp_path)  # no .env from the working tree
    for name in ("SLACK_BOT_TOKEN", "SLACK_API_URL", "MOTEBOT_NOW"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return CliRunner()


def test_plan_commands(cli: CliRunner, tmp_path: Path) -> None:
    now = ["--now", "2027-01-04"]
    add = ["plan", "add", "--body", "Styringsgruppen", "--date", "2027-01-14", "--time", "10:00-12:30"]
    result = cli.invoke(app, [*add, "--place", "Lier rådhus", *now])
    assert result.exit_code == 0, result.output
    assert "Lagt til: Styringsgruppen, torsdag 14. januar 2027 kl. 10.00–12.30." in result.output
    assert "Styringsgruppen har ingen kanal for påminnelser ennå" not in result.output  # nothing was due

    bad = cli.invoke(app, ["plan", "add", "--body", "Styringsgruppen", "--date", "2027-02-30", *now])
    assert bad.exit_code == 1
    assert "«2027-02-30» er ikke en gyldig dato" in bad.stderr

    unknown = cli.invoke(app, ["plan", "cancel", "--body", "Styringsgrupa", "--date", "2027-01-14", *now])
    assert unknown.exit_code == 1
    assert "Jeg kjenner ikke organet «Styringsgrupa»." in unknown.stderr
    assert "Mente du: Styringsgruppen?" in unknown.stderr

    channel = cli.invoke(app, ["channels", "set", "Styringsgruppen", "slack:C0STYRING"])
    assert channel.exit_code == 0 and "går nå til slack:C0STYRING" in channel.output
    moved = cli.invoke(
        app, ["plan", "move", "--body", "Styringsgruppen", "--date", "14.01.2027", "--to", "2027-01-21", *now]
    )
    assert moved.exit_code == 0, moved.output
    assert "Melding om endringen sendes til slack:C0STYRING." in moved.output

    listed = cli.invoke(app, ["plan", "list", *now])
    assert "torsdag 21. januar 2027 kl. 10.00–12.30: Styringsgruppen, Lier rådhus [planlagt" in listed.output

    out = tmp_path / "styring.ics"
    ics = cli.invoke(app, ["plan", "ics", "--body", "Styringsgruppen", "--output", str(out), *now])
    assert ics.exit_code == 0, ics.output
    (event,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert str(event["LOCATION"]) == "Lier rådhus"
    missing = cli.invoke(app, ["plan", "ics", "--body", "Ingen"])
    assert missing.exit_code == 1 and "Jeg kjenner ikke organet «Ingen»." in missing.stderr

    csv_file = tmp_path / "plan.csv"
    csv_file.write_text("organ,dato,tid\nStyringsgruppen,2027-02-11,10:00-09:00\n", encoding="utf-8")
    imported = cli.invoke(app, ["plan", "import", str(csv_file), *now])
    assert imported.exit_code == 1
    assert "Linje 2: Møtet kan ikke slutte kl. 09.00 når det begynner kl. 10.00." in imported.stderr


def test_reminders_dry_run_then_once(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    cli.invoke(app, ["channels", "set", "Styringsgruppen", "slack:C0STYRING"])
    for day in ("2027-01-14", "2027-01-28"):
        add = cli.invoke(
            app, ["plan", "add", "--body", "Styringsgruppen", "--date", day, "--now", "2027-01-04"]
        )
        assert add.exit_code == 0, add.output
    dry = cli.invoke(app, ["reminders", "--dry-run", "--now", "2027-01-07T09:30"])
    assert dry.exit_code == 0, dry.output
    assert "Postes ved neste runde (2027-01-07 09:30):" in dry.output
    assert (
        "2027-01-07 09:00  slack:C0STYRING  Styringsgruppen 14.01.2027: påminnelse 7 dager før" in dry.output
    )
    assert "2027-01-13 09:00  slack:C0STYRING  Styringsgruppen 14.01.2027: påminnelse dagen før" in dry.output
    assert (
        "2027-01-21 09:00  slack:C0STYRING  Styringsgruppen 28.01.2027: påminnelse 7 dager før" in dry.output
    )

    no_token = cli.invoke(app, ["reminders", "--once", "--now", "2027-01-07T09:30"])
    assert no_token.exit_code == 1 and "SLACK_BOT_TOKEN mangler" in no_token.stderr

    with running_standin() as standin:
        monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("SLACK_API_URL", standin.url)
        once = cli.invoke(app, ["reminders", "--once", "--now", "2027-01-07T09:30"])
        assert once.exit_code == 0, once.output
        assert "Postet 1, funnet allerede postet 0, hoppet over 0, 0 feilet" in once.output
        again = cli.invoke(app, ["reminders", "--once", "--now", "2027-01-07T09:31"])
        assert "Postet 0" in again.output
        assert len(standin.posts) == 1
    after = cli.invoke(app, ["reminders", "--dry-run", "--now", "2027-01-07T09:31"])
    assert "Ingenting skal postes nå." in after.output
