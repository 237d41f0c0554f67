"""The forfall form is built once: the same meetings for Slack and Teams, started ones left out,
limits checked without the database; the platforms only draw it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session, sessionmaker

from bot.slack import modal
from bot.teams import forms
from handlers import forfall_form
from handlers.forfall_form import Filled, Form
from handlers.types import Invocation, Reply
from storage import directory, people
from storage.clock import OSLO, parse_when
from storage.db import unit_of_work
from storage.models import Meeting
from tests.integration.handlers.members.seeds import NOW, plain, services

SLACK_USER, TEAMS_USER = "U0PERK", "7d1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d"


def _link(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as session:
        person = directory.person_by_name(session, name="Per Kierulf")
        assert person is not None
        for platform, uid in (("slack", SLACK_USER), ("teams", TEAMS_USER)):
            people.link_identity(
                session, platform=platform, external_id=uid, person_id=person.id, linked_by="test", now=NOW
            )


def _form(db: sessionmaker[Session], when: dt.datetime, *, selected: int | None = None) -> Form | Reply:
    inv = Invocation(platform="console", user_id="Per Kierulf", text="", command="forfall")
    return forfall_form.open_form(services(db, when), inv, selected=selected)


def test_the_members_coming_meetings_by_date(db: sessionmaker[Session]) -> None:
    form = _form(db, NOW)
    assert isinstance(form, Form)
    labels = [c.label for c in form.choices]
    assert "Styringsgruppen, torsdag 7. desember 2017" in labels
    with unit_of_work(db) as session:
        dates = [session.get_one(Meeting, c.meeting_id).date for c in form.choices]
    assert dates == sorted(dates) and dates[0] >= NOW.date()
    assert [f.name for f in form.fields] == ["reason", "vara"]
    assert [f.max_length for f in form.fields] == [forfall_form.MAX_REASON, forfall_form.MAX_VARA]


def _december(form: Form) -> int:
    return next(c.meeting_id for c in form.choices if "7. desember 2017" in c.label)


def test_a_meeting_that_has_begun_is_not_offered(db: sessionmaker[Session]) -> None:
    before = _form(db, NOW)
    assert isinstance(before, Form)
    december = _december(before)
    assert _form(db, NOW, selected=december).selected == december  # type: ignore[union-attr]
    # No time is known for it, so it counts as begun once its day has passed.
    assert december in [c.meeting_id for c in _form(db, parse_when("2017-12-07T20:00", OSLO)).choices]  # type: ignore[union-attr]
    begun = parse_when("2017-12-08T09:00", OSLO)
    after = _form(db, begun)
    assert isinstance(after, Form)
    assert december not in [c.meeting_id for c in after.choices]
    gone = _form(db, begun, selected=december)
    assert isinstance(gone, Reply) and gone.kind == "refusal"
    assert plain(gone) == "Jeg finner ikke det møtet lenger. Skriv for eksempel «forfall 7.12» i stedet."


def test_slack_and_teams_offer_the_same_meetings(db: sessionmaker[Session]) -> None:
    _link(db)
    svc = services(db, NOW)
    slack = modal._choices(svc, Invocation(platform="slack", user_id=SLACK_USER, text="", command="forfall"))
    assert isinstance(slack, list) and slack
    with unit_of_work(db) as session:
        teams = forms.meeting_choices(
            session, meeting_id=slack[-1][0], external_id=TEAMS_USER, today=NOW.date(), tz=OSLO
        )
    assert teams[0] == (f"meeting:{slack[-1][0]}", slack[-1][1])  # the one pressed comes first
    assert sorted(teams) == sorted((f"meeting:{mid}", label) for mid, label in slack)
    # Both draw the same fields with the same limits.
    view = modal.forfall_view(slack, selected=slack[0][0], private_metadata="{}")
    card = forms.form_card(teams)
    slack_max = [b["element"].get("max_length") for b in view["blocks"][1:]]
    teams_max = [el.get("maxLength") for el in card["body"] if el["type"] == "Input.Text"]
    assert slack_max == teams_max == [forfall_form.MAX_REASON, forfall_form.MAX_VARA]


def test_no_form_for_a_user_not_linked(db: sessionmaker[Session]) -> None:
    inv = Invocation(platform="teams", user_id="nobody-here", text="", command="forfall")
    reply = forfall_form.open_form(services(db, NOW), inv, selected=None)
    assert isinstance(reply, Reply) and reply.kind == "refusal"
    assert plain(reply).startswith("Hei! Jeg vet ikke hvem du er ennå")
    with unit_of_work(db) as session:
        assert (
            forms.meeting_choices(session, meeting_id=1, external_id="nobody-here", today=NOW.date(), tz=OSLO)
            == []
        )


def test_checks_need_no_database() -> None:
    good = forfall_form.check(
        {"meeting": "meeting:7", "reason": "  syk \n", "vara": "Kari Nordmann"}, offered=[7]
    )
    assert good == Filled(7, "syk", "Kari Nordmann")
    bad = forfall_form.check(
        {"meeting": "meeting:8", "reason": "x" * (forfall_form.MAX_REASON + 1), "vara": "kari"}, offered=[7]
    )
    assert bad == {
        "meeting": "Velg et av møtene i listen.",
        "reason": f"Grunnen kan være på høyst {forfall_form.MAX_REASON} tegn.",
        "vara": "Skriv bare navnet på den som møter for deg, f.eks. Ola Nordmann.",
    }


def test_a_teams_form_with_a_too_long_reason_is_refused() -> None:
    data = {"action": "forfall", "form": "forfall", "meeting": "meeting:7", "reason": "x" * 501}
    refused = forms.form_problems(data)
    assert refused is not None and refused.kind == "refusal"
    assert plain(refused) == "Grunnen kan være på høyst 500 tegn."
    assert forms.form_problems({**data, "reason": "syk"}) is None
