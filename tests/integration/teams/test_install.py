"""Adding the app stores the conversation reference; members are linked by Entra id or roster e-mail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage.db import unit_of_work
from storage.models import ChatIdentity, ConversationRef
from storage.teams import conversation_ref
from tests.integration.teams import activities as act
from tests.integration.teams.conftest import Seeded, TeamsClient


def _refs(db: sessionmaker[Session]) -> dict[str, ConversationRef]:
    with unit_of_work(db) as session:
        return {r.conversation_id: r for r in session.scalars(select(ConversationRef))}


def test_bot_added_to_a_team_stores_the_reference_and_says_hello(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session]
) -> None:
    teams = make_teams()
    assert teams.post(act.bot_added_to_team(teams.connector.url)).status_code == 202

    ref = _refs(db)[act.GENERAL_CHANNEL]
    assert ref.service_url == teams.connector.url
    assert ref.reference["conversation"]["id"] == act.GENERAL_CHANNEL
    assert ref.reference["conversation"]["tenantId"] == act.TENANT
    assert ref.reference["bot"]["id"] == act.BOT_ID
    assert ref.reference["channelId"] == "msteams"
    assert "activityId" not in ref.reference and "user" not in ref.reference
    [welcome] = teams.connector.sent
    assert welcome.conversation_id == act.GENERAL_CHANNEL and not welcome.targeted
    shown = " ".join(i["text"] for el in (welcome.card or {})["body"] for i in el.get("inlines", []))
    assert f"motebot channels set ORGAN teams:{act.GENERAL_CHANNEL}" in shown


def test_installation_update_stores_and_removal_forgets(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session]
) -> None:
    teams = make_teams()
    teams.post(act.installation_update(teams.connector.url, "add"))
    assert act.GENERAL_CHANNEL in _refs(db)
    teams.post(act.installation_update(teams.connector.url, "remove"))
    assert act.GENERAL_CHANNEL not in _refs(db)
    assert teams.connector.sent == []


def test_a_message_in_a_channel_stores_that_channel_and_a_new_channel_is_stored(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], seeded: Seeded
) -> None:
    teams = make_teams()
    teams.post(act.channel_mention(teams.connector.url, "hjelp"))
    teams.post(act.channel_created(teams.connector.url, "19:new-channel@thread.tacv2"))
    refs = _refs(db)
    assert refs[act.CHANNEL].reference["conversation"]["id"] == act.CHANNEL  # without ;messageid=
    assert (
        refs["19:new-channel@thread.tacv2"].reference["conversation"]["id"] == "19:new-channel@thread.tacv2"
    )


def test_a_moved_service_url_refreshes_the_reference(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], seeded: Seeded
) -> None:
    teams = make_teams()
    teams.post(act.bot_added_to_team(teams.connector.url))
    moved = act.channel_mention(teams.connector.url + "/", "hjelp", channel=act.GENERAL_CHANNEL)
    teams.post(moved)
    with unit_of_work(db) as session:
        ref = conversation_ref(session, conversation_id=act.GENERAL_CHANNEL)
        assert ref is not None and ref.service_url == teams.connector.url + "/"


def _identity(db: sessionmaker[Session], external_id: str) -> ChatIdentity | None:
    with unit_of_work(db) as session:
        return session.scalar(
            select(ChatIdentity).where(
                ChatIdentity.platform == "teams", ChatIdentity.external_id == external_id
            )
        )


KARI_AAD = "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f"
KARI_ID = "29:1KaRiNoRdMaNn"


def _as_kari(activity: dict[str, Any]) -> dict[str, Any]:
    activity["from"] = {"id": KARI_ID, "name": "Kari N.", "aadObjectId": KARI_AAD}
    return activity


def test_an_unlinked_member_is_linked_by_the_roster_e_mail(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], seeded: Seeded
) -> None:
    teams = make_teams()
    teams.connector.members[KARI_ID] = {
        "id": KARI_ID,
        "aadObjectId": KARI_AAD,
        "name": "Kari N.",
        "email": "Kari.Nordmann@lier.kommune.no",
        "userPrincipalName": "kari.nordmann@lier.kommune.no",
        "tenantId": act.TENANT,
    }
    teams.post(_as_kari(act.personal_message(teams.connector.url, "neste møte")))

    # A new link is keyed by tenant and object id: the same id in another tenant is someone else.
    assert _identity(db, KARI_AAD) is None
    link = _identity(db, f"{act.TENANT}/{KARI_AAD}")
    assert link is not None and link.linked_by == "email"
    assert teams.connector.member_lookups == [KARI_ID]
    shown = " ".join(i["text"] for el in teams.connector.cards()[0]["body"] for i in el.get("inlines", []))
    assert "Styringsgruppen" in shown

    # Once linked, no more look-ups.
    teams.post(_as_kari(act.personal_message(teams.connector.url, "neste møte")))
    assert teams.connector.member_lookups == [KARI_ID]


def test_e_mail_from_a_tenant_not_listed_is_not_trusted(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], seeded: Seeded
) -> None:
    # TEAMS_TENANT_ID unset: every tenant is served, but no tenant's directory is trusted.
    teams = make_teams(teams_tenant_id=None)
    teams.connector.members[KARI_ID] = {"id": KARI_ID, "email": "kari.nordmann@lier.kommune.no"}
    teams.post(_as_kari(act.personal_message(teams.connector.url, "neste møte")))
    assert _identity(db, KARI_AAD) is None
    assert _identity(db, f"{act.TENANT}/{KARI_AAD}") is None
    assert teams.connector.member_lookups == []
    assert len(teams.connector.sent) == 1  # the «how to be linked» answer


def test_a_linked_member_is_known_by_entra_object_id_without_a_look_up(
    make_teams: Callable[..., TeamsClient], seeded: Seeded
) -> None:
    teams = make_teams()
    teams.post(act.personal_message(teams.connector.url, "neste møte"))
    assert teams.connector.member_lookups == []
