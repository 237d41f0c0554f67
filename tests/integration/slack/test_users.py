"""Linking the roster to Slack users by users.lookupByEmail, through `motebot slack-link-roster`."""

from __future__ import annotations

from sqlalchemy import Engine, select
from typer.testing import CliRunner

from bot.__main__ import app as cli
from storage.clock import Clock
from storage.db import session_factory, unit_of_work
from storage.models import ChatIdentity, Person
from tests.integration.slack import standin
from tests.integration.slack.conftest import seed


def test_slack_link_roster_links_confirmed_emails_only(
    engine: Engine, clock: Clock, slack_standin: standin.StandIn, monkeypatch
) -> None:
    slack_standin.reset()
    db = session_factory(engine)
    seed(db, clock)
    emails = {
        "Per Kierulf": "per@example.no",
        "Nina Solberg": "nina@example.no",
        "Olav Grande": "olav@example.no",
    }
    with unit_of_work(db) as session:
        for name, email in emails.items():
            person = session.scalar(select(Person).where(Person.name == name))
            assert person is not None
            person.email = email
    slack_standin.add_user("U0PER", email="per@example.no")
    slack_standin.add_user("U0NINA", email="nina@example.no", confirmed=False)
    for name, value in {
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "SLACK_BOT_TOKEN": standin.TOKEN,
        "SLACK_API_URL": slack_standin.api_url,
        "MOTEBOT_NOW": "2017-10-02",
    }.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(cli, ["slack-link-roster"])
    assert result.exit_code == 0, result.output
    assert "Koblet Per Kierulf til Slack-brukeren U0PER." in result.output
    assert "Ikke funnet i Slack: Olav Grande" in result.output
    assert "E-posten er ikke bekreftet i Slack: Nina Solberg" in result.output
    assert len(slack_standin.of("users.lookupByEmail")) == 3
    with unit_of_work(db) as session:
        links = {(i.external_id, i.linked_by) for i in session.scalars(select(ChatIdentity))}
    assert ("U0PER", "email") in links
    assert not any(user == "U0NINA" for user, _ in links)
