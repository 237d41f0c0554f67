"""One deployment, several Microsoft 365 tenants; and anonymous local testing kept to this machine."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.posters import PostFailed
from bot.teams.poster import TeamsPoster
from handlers.services import Services
from handlers.types import Reply, Text
from storage import teams as teams_store
from storage.clock import OSLO, fixed_clock
from storage.db import unit_of_work
from storage.models import Body, ChatIdentity, Meeting, Membership, Person
from tests.integration.teams import activities as act
from tests.integration.teams.conftest import NOW, Recorder, Seeded, TeamsClient, settings

OTHER = "0c0c0c0c-1d1d-4e4e-8f8f-2a2a2a2a2a2a"  # a second municipality's tenant


def _from_tenant(activity: dict[str, Any], tenant: str) -> dict[str, Any]:
    activity["conversation"]["tenantId"] = tenant
    activity["channelData"] = {**activity.get("channelData", {}), "tenant": {"id": tenant}}
    return activity


def _shown(teams: TeamsClient) -> str:
    return json.dumps([s.activity for s in teams.connector.sent], ensure_ascii=False)


def test_a_tenant_not_listed_is_refused_and_nothing_happens(make_teams: Callable[..., TeamsClient]) -> None:
    recorder = Recorder(Reply((Text("Svar"),)), [])
    teams = make_teams(handle=recorder, teams_tenant_id=f"{act.TENANT},{OTHER}")
    stranger = "99999999-8888-4777-8666-555555555555"
    response = teams.post(_from_tenant(act.personal_message(teams.connector.url, "neste møte"), stranger))
    assert response.status_code == 403
    assert recorder.seen == [] and teams.connector.sent == []
    # Both listed tenants are served.
    for tenant in (act.TENANT, OTHER):
        assert (
            teams.post(_from_tenant(act.personal_message(teams.connector.url, "hjelp"), tenant)).status_code
            == 202
        )
    assert len(recorder.seen) == 2


def _second_body(db: sessionmaker[Session]) -> None:
    """Vestfold IKS, whose only member is Kari, linked in the other tenant under Per's object id."""
    with unit_of_work(db) as session:
        body = Body(name="Vestfold IKS")
        kari = Person(name="Kari Vestfold", organisation="Horten", email=None)
        session.add_all([body, kari])
        session.flush()
        day = dt.date(2017, 11, 9)
        session.add_all(
            [
                Membership(person_id=kari.id, body_id=body.id, role="member"),
                ChatIdentity(
                    platform="teams",
                    external_id=f"{OTHER}/{act.USER_AAD}",
                    person_id=kari.id,
                    linked_by="secretariat",
                    linked_at=NOW,
                ),
                Meeting(
                    body_id=body.id,
                    date=day,
                    starts_at=dt.datetime.combine(day, dt.time(9), tzinfo=OSLO),
                    ends_at=dt.datetime.combine(day, dt.time(11), tzinfo=OSLO),
                    location="Horten rådhus",
                    status="planned",
                ),
            ]
        )


def test_the_same_object_id_in_two_tenants_is_two_people_who_see_their_own_bodies(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], seeded: Seeded
) -> None:
    _second_body(db)
    teams = make_teams(teams_tenant_id=f"{act.TENANT},{OTHER}")

    # Per (home tenant, linked before tenants were told apart, by the bare object id).
    teams.post(act.personal_message(teams.connector.url, "neste møte"))
    per_sees = _shown(teams)
    assert "Drammen rådhus" in per_sees and "Horten" not in per_sees

    # The same object id from the other tenant is Kari, who sees only Vestfold IKS.
    teams.connector.sent.clear()
    teams.post(_from_tenant(act.personal_message(teams.connector.url, "neste møte"), OTHER))
    kari_sees = _shown(teams)
    assert "Horten rådhus" in kari_sees and "Drammen" not in kari_sees


def test_a_bare_object_id_link_does_not_count_in_another_tenant(
    make_teams: Callable[..., TeamsClient], seeded: Seeded
) -> None:
    teams = make_teams(teams_tenant_id=f"{act.TENANT},{OTHER}")
    teams.post(_from_tenant(act.personal_message(teams.connector.url, "neste møte"), OTHER))
    shown = _shown(teams)
    assert "Drammen rådhus" not in shown  # Per's meetings are not shown to a stranger with his id
    assert "Jeg vet ikke hvem du er" in shown  # the «how to be linked» answer


def test_anonymous_mode_accepts_only_loopback_service_urls(make_teams: Callable[..., TeamsClient]) -> None:
    recorder = Recorder(Reply((Text("Svar"),)), [])
    teams = make_teams(handle=recorder, teams_allow_anonymous=True)
    for url in ("https://smba.trafficmanager.net/emea/", "http://10.1.2.3:8080/", "http://example.no/"):
        assert teams.post(act.personal_message(url, "hjelp")).status_code == 401
    assert recorder.seen == []
    localhost = teams.connector.url.replace("127.0.0.1", "localhost")
    assert teams.post(act.personal_message(localhost, "hjelp")).status_code == 202
    assert len(recorder.seen) == 1


def test_anonymous_mode_does_not_post_reminders_off_this_machine(
    db: sessionmaker[Session], seeded: Seeded
) -> None:
    with unit_of_work(db) as session:
        teams_store.save_conversation_ref(
            session,
            conversation_id=act.CHANNEL,
            service_url="https://smba.trafficmanager.net/emea/",
            reference={
                "serviceUrl": "https://smba.trafficmanager.net/emea/",
                "conversation": {"id": act.CHANNEL},
            },
            now=NOW,
        )
    poster = TeamsPoster(settings(teams_allow_anonymous=True), Services(db, clock=fixed_clock(NOW)))
    with pytest.raises(PostFailed, match="not loopback"):
        poster.post(act.CHANNEL, Reply((Text("Påminnelse"),)), "k1")
