"""Chat links keyed by workspace, the Slack installation tables, and migration 0009 on old rows."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData, Table, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from storage import directory, installations, people, workspace_adoption
from storage.db import alembic_config, unit_of_work, upgrade
from storage.models import Body, Channel, ChatIdentity, LinkRequest, Meeting, Person, ReminderPost

NOW = dt.datetime(2017, 10, 2, 8, 0, tzinfo=dt.UTC)


def _shape(table: Table) -> list[tuple[str, str, bool, bool]]:
    return [(c.name, repr(c.type), bool(c.nullable), bool(c.primary_key)) for c in table.columns]


def _indexes(table: Table) -> set[tuple[str | None, tuple[str, ...]]]:
    return {(i.name, tuple(c.name for c in i.columns)) for i in table.indexes}


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (installations.slack_installations, SQLAlchemyInstallationStore.build_installations_table),
        (installations.slack_bots, SQLAlchemyInstallationStore.build_bots_table),
        (installations.slack_oauth_states, SQLAlchemyOAuthStateStore.build_oauth_states_table),
    ],
)
def test_our_installation_tables_are_the_ones_slack_sdks_stores_use(ours: Table, theirs: object) -> None:
    made = theirs(MetaData(), ours.name)  # type: ignore[operator]
    assert _shape(ours) == _shape(made)
    assert _indexes(ours) == _indexes(made)


def _people(db: sessionmaker[Session]) -> tuple[int, int]:
    with unit_of_work(db) as s:
        a, b = Person(name="Anita Larsen"), Person(name="Dag Henaug")
        s.add_all([a, b, Body(name="Rådmannsgruppen")])
        s.flush()
        return a.id, b.id


def test_the_same_user_id_in_two_workspaces_is_two_links(db: sessionmaker[Session]) -> None:
    anita, dag = _people(db)
    with unit_of_work(db) as s:
        for team, person in (("T0A", anita), ("T0B", dag)):
            people.link_identity(
                s, platform="slack", team_id=team, external_id="U123", person_id=person,
                linked_by="secretariat", now=NOW,
            )  # fmt: skip
    with unit_of_work(db) as s:
        a = directory.identity(s, platform="slack", team_id="T0A", external_id="U123")
        b = directory.identity(s, platform="slack", team_id="T0B", external_id="U123")
        assert (a.person_id if a else None, b.person_id if b else None) == (anita, dag)
        assert directory.identity(s, platform="slack", team_id="T0C", external_id="U123") is None
        assert directory.identity(s, platform="slack", external_id="U123") is None  # not the single one
        assert directory.identities_of(s) == {anita: ["slack:T0A/U123"], dag: ["slack:T0B/U123"]}


def test_link_requests_of_one_user_id_in_two_workspaces_stay_apart(db: sessionmaker[Session]) -> None:
    anita, dag = _people(db)
    with unit_of_work(db) as s:
        _, new_a = people.request_link(
            s, platform="slack", team_id="T0A", external_id="U123", person_id=anita, now=NOW
        )
        _, new_b = people.request_link(
            s, platform="slack", team_id="T0B", external_id="U123", person_id=dag, now=NOW
        )
    assert new_a and new_b
    with unit_of_work(db) as s:
        [(req_a, _), (req_b, _)] = sorted(people.pending_link_requests(s), key=lambda r: r[0].team_id)
        assert (req_a.team_id, req_a.person_id) == ("T0A", anita)
        link = people.confirm_link_request(s, request_id=req_b.id, now=NOW)
        assert link is not None and (link.team_id, link.person_id) == ("T0B", dag)
    with unit_of_work(db) as s:
        assert [r.team_id for r in s.scalars(select(LinkRequest))] == ["T0A"]  # A's still waits
        assert s.scalars(select(ChatIdentity.team_id)).all() == ["T0B"]


def test_bot_token_is_the_newest_of_the_workspace_and_app(db: sessionmaker[Session]) -> None:
    bots = installations.slack_bots
    rows = [
        ("app", "T0A", "xoxb-old", dt.datetime(2026, 1, 1)),
        ("app", "T0A", "xoxb-new", dt.datetime(2026, 2, 1)),
        ("app", "T0B", "xoxb-b", dt.datetime(2026, 3, 1)),
        ("other-app", "T0A", "xoxb-other", dt.datetime(2026, 4, 1)),
    ]
    with unit_of_work(db) as s:
        for client, team, token, at in rows:
            s.execute(
                bots.insert().values(
                    client_id=client, app_id="A1", team_id=team, bot_token=token, is_enterprise_install=False,
                    installed_at=at,
                )
            )  # fmt: skip
    with unit_of_work(db) as s:
        assert installations.bot_token(s, client_id="app", team_id="T0A") == "xoxb-new"
        assert installations.bot_token(s, client_id="app", team_id="T0C") is None
        assert installations.installed_teams(s, client_id="app") == [("T0A", None), ("T0B", None)]


def _at(engine: Engine, revision: str) -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def _before_0009(engine: Engine) -> str:
    script = ScriptDirectory.from_config(alembic_config(engine.url.render_as_string(hide_password=False)))
    before = script.get_revision("0009_slack_install").down_revision  # type: ignore[union-attr]
    assert isinstance(before, str)
    return before


def test_0009_keeps_existing_links_as_the_single_workspaces(
    engine: Engine, db: sessionmaker[Session]
) -> None:
    anita, _ = _people(db)
    _at(engine, _before_0009(engine))
    try:
        assert "slack_bots" not in inspect(engine).get_table_names()
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO chat_identities (platform, external_id, person_id, linked_by, linked_at) "
                    "VALUES ('slack', 'U123', :p, 'secretariat', :t)"
                ),
                {"p": anita, "t": NOW},
            )
    finally:
        upgrade(engine)
    with unit_of_work(db) as s:
        link = directory.identity(s, platform="slack", external_id="U123")
        assert link is not None and (link.team_id, link.person_id) == ("", anita)
        assert directory.identity(s, platform="slack", team_id="T0A", external_id="U123") is None


def test_adopting_the_single_workspace_stamps_its_links_channels_and_posts(db: sessionmaker[Session]) -> None:
    anita, dag = _people(db)
    with unit_of_work(db) as s:
        body = s.scalars(select(Body)).one()
        meeting = Meeting(body_id=body.id, date=dt.date(2017, 11, 23))
        s.add_all([meeting, Channel(body_id=body.id, platform="slack", channel_id="C0RADMANN")])
        s.add(Channel(body_id=body.id, platform="teams", channel_id="19:abc@thread.tacv2"))
        s.flush()
        s.add(ReminderPost(meeting_id=meeting.id, kind="before:7", channel="slack:C0RADMANN", due_at=NOW))
        for user, person in (("U1", anita), ("U2", dag)):
            people.link_identity(
                s, platform="slack", external_id=user, person_id=person, linked_by="email", now=NOW
            )
        # U2 was linked in the workspace already (since the OAuth flow): that link stands.
        people.link_identity(
            s,
            platform="slack",
            team_id="T0A",
            external_id="U2",
            person_id=anita,
            linked_by="secretariat",
            now=NOW,
        )
        people.link_identity(
            s, platform="teams", external_id="aad-1", person_id=dag, linked_by="email", now=NOW
        )
    with unit_of_work(db) as s:
        counts = workspace_adoption.adopt(s, team_id="T0A")
    assert counts == {
        "chat_identities": 1,
        "link_requests": 0,
        "channels": 1,
        "reminder_posts": 1,
        "notices": 0,
    }
    with unit_of_work(db) as s:
        links = {(r.platform, r.team_id, r.external_id): r.person_id for r in s.scalars(select(ChatIdentity))}
        assert links == {
            ("slack", "T0A", "U1"): anita,
            ("slack", "T0A", "U2"): anita,
            ("teams", "", "aad-1"): dag,
        }
        assert sorted(s.scalars(select(Channel.channel_id))) == ["19:abc@thread.tacv2", "T0A/C0RADMANN"]
        assert s.scalars(select(ReminderPost.channel)).all() == ["slack:T0A/C0RADMANN"]
    with unit_of_work(db) as s:  # a second run finds nothing left to move
        assert set(workspace_adoption.adopt(s, team_id="T0A").values()) == {0}
