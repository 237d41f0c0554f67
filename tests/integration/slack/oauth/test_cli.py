"""The command line with many workspaces: `members link --slack-team`, `slack-adopt-workspace`,
`channels set slack:TEAM/CHANNEL`, and `manifests --public-url`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from bot.__main__ import app
from storage import directory
from storage.db import unit_of_work
from storage.models import Body, ChatIdentity, Person
from tests.integration.slack.oauth.conftest import (
    ANITA,
    CLIENT_ID,
    DAG,
    TEAM_A,
    TEAM_B,
    TOKEN_A,
    TOKEN_B,
    Site,
)


@pytest.fixture
def cli(
    engine: Engine, db: sessionmaker[Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> CliRunner:
    with unit_of_work(db) as s:
        s.add_all([Person(name="Anita Larsen"), Body(name="Rådmannsgruppen")])
    monkeypatch.chdir(tmp_path)  # no .env from the working tree
    for name in ("SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "MOTEBOT_NOW"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return CliRunner()


def _links(db: sessionmaker[Session]) -> list[tuple[str, str]]:
    with unit_of_work(db) as s:
        return [(t, u) for t, u in s.execute(select(ChatIdentity.team_id, ChatIdentity.external_id))]


def test_a_link_names_its_workspace_exactly_when_there_are_many(
    cli: CliRunner, db: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    link = ["members", "link", "Anita Larsen", "--slack", "U123"]
    refused = cli.invoke(app, [*link, "--slack-team", "T0KOMMUNEA"])
    assert refused.exit_code == 2 and "bare når møtebot er installert i flere" in refused.stderr
    assert cli.invoke(app, link).exit_code == 0
    assert _links(db) == [("", "U123")]

    adopted = cli.invoke(app, ["slack-adopt-workspace", "T0KOMMUNEA"])
    assert adopted.exit_code == 0, adopted.output
    assert "Knyttet til T0KOMMUNEA: 1 koblinger" in adopted.output
    assert _links(db) == [("T0KOMMUNEA", "U123")]
    assert cli.invoke(app, ["slack-adopt-workspace", "kommune-a"]).exit_code == 2

    monkeypatch.setenv("SLACK_CLIENT_ID", "1111.2222")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "secret")
    missing = cli.invoke(app, ["members", "link", "Anita Larsen", "--slack", "U999"])
    assert missing.exit_code == 2 and "oppgi arbeidsområdet med --slack-team" in missing.stderr
    ok = cli.invoke(app, ["members", "link", "Anita Larsen", "--slack", "U999", "--slack-team", "T0KOMMUNEB"])
    assert ok.exit_code == 0, ok.output
    assert sorted(_links(db)) == [("T0KOMMUNEA", "U123"), ("T0KOMMUNEB", "U999")]


def test_a_channel_of_one_of_many_workspaces(cli: CliRunner) -> None:
    ok = cli.invoke(app, ["channels", "set", "Rådmannsgruppen", "slack:T0KOMMUNEA/C0RADMANN"])
    assert ok.exit_code == 0, ok.output
    bad = cli.invoke(app, ["channels", "set", "Rådmannsgruppen", "slack:kommune/C0RADMANN"])
    assert bad.exit_code != 0 and "er ikke en kanal" in bad.stderr


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_the_manifest_of_an_http_deployment_for_many_workspaces(cli: CliRunner) -> None:
    made = cli.invoke(app, ["manifests", "--public-url", "https://motebot.example.no/"])
    assert made.exit_code == 0, made.output
    manifest = json.loads(made.output)
    assert manifest["oauth_config"]["redirect_urls"] == ["https://motebot.example.no/slack/oauth_redirect"]
    assert manifest["settings"]["socket_mode_enabled"] is False
    events = "https://motebot.example.no/slack/events"
    assert manifest["settings"]["event_subscriptions"]["request_url"] == events
    assert {c["url"] for c in manifest["features"]["slash_commands"]} == {events}
    assert cli.invoke(app, ["manifests", "--public-url", "http://motebot.example.no"]).exit_code == 2


def test_the_roster_is_linked_in_each_installed_workspace(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env from the working tree
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    site.install("code-a")
    site.install("code-b")
    with unit_of_work(site.db) as s:
        for name, email in (
            (ANITA, "anita@kommune-a.no"),
            (DAG, "dag@kommune-b.no"),
            ("Elin Aasnæss", "elin@x.no"),
        ):
            person = directory.person_by_name(s, name=name)
            assert person is not None
            person.email = email
    site.standin.add_user("U0ANITA", email="anita@kommune-a.no", team=TEAM_A)
    site.standin.add_user("U0DAG", email="dag@kommune-b.no", team=TEAM_B)
    for name, value in {
        "DATABASE_URL": site.db.kw["bind"].url.render_as_string(hide_password=False),
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": "client-secret",
        "SLACK_API_URL": site.standin.api_url,
    }.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(app, ["slack-link-roster"])
    assert result.exit_code == 0, result.output
    assert "Ikke funnet i Slack: Elin Aasnæss" in result.output
    with unit_of_work(site.db) as s:
        links = {
            (team, user)
            for team, user in s.execute(
                select(ChatIdentity.team_id, ChatIdentity.external_id).where(
                    ChatIdentity.linked_by == "email"
                )
            )
        }
    assert links == {(TEAM_A, "U0ANITA"), (TEAM_B, "U0DAG")}
    assert {a for a in site.standin.auths("users.lookupByEmail")} == {
        f"Bearer {TOKEN_A}",
        f"Bearer {TOKEN_B}",
    }
