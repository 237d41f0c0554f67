"""Files sent to the bot in a Teams 1:1 chat, over HTTP: the stand-in serves the file, records each call."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from storage.db import unit_of_work
from storage.models import Document, Meeting, Membership, Sak, Treatment
from tests.integration.teams import activities as act
from tests.integration.teams.conftest import Seeded, TeamsClient
from tests.integration.upload.files import BROKEN_PDF, minutes_docx, minutes_pdf


def _secretariat(db: sessionmaker[Session], seeded: Seeded) -> None:
    with unit_of_work(db) as session:
        session.execute(
            update(Membership).where(Membership.person_id == seeded.person_id).values(role="secretariat")
        )


def _stored(db: sessionmaker[Session]) -> tuple[int, ...]:
    with unit_of_work(db) as session:
        return tuple(
            int(session.scalar(select(func.count()).select_from(t)) or 0)
            for t in (Document, Meeting, Sak, Treatment)
        )


def _send(teams: TeamsClient, name: str, data: bytes) -> str:
    """Send the file as Teams does; the card the bot answers with, as text."""
    teams.connector.files[name] = data
    before = len(teams.connector.sent)
    response = teams.post(act.personal_file(teams.connector.url, name, f"{teams.connector.url}/files/{name}"))
    assert response.status_code == 202
    (sent,) = teams.connector.sent[before:]
    assert sent.conversation_id == act.PERSONAL_CONVERSATION
    return json.dumps(sent.card, ensure_ascii=False)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_secretariat_sends_minutes_and_gets_the_report(
    make_teams: Callable[..., TeamsClient],
    seeded: Seeded,
    db: sessionmaker[Session],
    tmp_path: Path,
    kind: str,
) -> None:
    _secretariat(db, seeded)
    teams = make_teams()
    data = minutes_pdf(tmp_path) if kind == "pdf" else minutes_docx(tmp_path)
    card = _send(teams, f"referat-sg.{kind}", data)
    assert f"referat-sg.{kind}: Referat fra Styringsgruppen 14.01.2027" in card
    assert "3 saker, 2 vedtak" in card
    assert "Angre importen" in card
    # The pre-authorised link is fetched as it is: no token of ours goes to SharePoint.
    assert teams.connector.downloads == [(f"referat-sg.{kind}", None)]
    stored = _stored(db)
    assert stored[0] == 1 and stored[3] == 3
    again = _send(teams, f"referat-sg.{kind}", data)
    assert "uendret (samme innhold er allerede importert)" in again
    assert _stored(db) == stored
    # «Angre importen» is a card button: pressing it takes the document out again.
    card_json = json.loads(card)
    (undo,) = [
        a["data"]
        for el in card_json["body"]
        if el["type"] == "ActionSet"
        for a in el["actions"]
        if a["title"] == "Angre importen"
    ]
    teams.post(act.card_submit(teams.connector.url, undo))
    assert _stored(db)[0] == 0 and _stored(db)[3] == 0


def test_a_member_is_refused_and_nothing_is_downloaded_or_stored(
    make_teams: Callable[..., TeamsClient], seeded: Seeded, db: sessionmaker[Session], tmp_path: Path
) -> None:
    teams = make_teams()
    before = _stored(db)
    card = _send(teams, "referat.pdf", minutes_pdf(tmp_path))
    assert "bare sekretariatet kan lese inn dokumenter" in card
    assert teams.connector.downloads == []
    assert _stored(db) == before


def test_a_broken_file_is_refused_and_nothing_is_stored(
    make_teams: Callable[..., TeamsClient], seeded: Seeded, db: sessionmaker[Session]
) -> None:
    _secretariat(db, seeded)
    teams = make_teams()
    before = _stored(db)
    card = _send(teams, "referat.pdf", BROKEN_PDF)
    assert "referat.pdf: IKKE importert. Filen kan ikke leses" in card
    assert _stored(db) == before


def test_an_oversized_download_is_cut_off_and_refused(
    make_teams: Callable[..., TeamsClient],
    seeded: Seeded,
    db: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bot import upload

    monkeypatch.setattr(upload, "MAX_BYTES", 1024)
    _secretariat(db, seeded)
    teams = make_teams()
    before = _stored(db)
    card = _send(teams, "stor.txt", b"Referat fra m\xc3\xb8te " * 500)
    assert "stor.txt: IKKE importert. Filen er større enn" in card
    assert _stored(db) == before


def test_a_file_in_a_channel_is_not_taken(
    make_teams: Callable[..., TeamsClient], seeded: Seeded, db: sessionmaker[Session], tmp_path: Path
) -> None:
    _secretariat(db, seeded)
    teams = make_teams()
    activity = act.personal_file(
        teams.connector.url, "referat.pdf", f"{teams.connector.url}/files/referat.pdf"
    )
    activity["conversation"] = act.channel_thread()
    teams.connector.files["referat.pdf"] = minutes_pdf(tmp_path)
    teams.post(activity)
    assert teams.connector.downloads == []
    assert _stored(db)[0] == 0


def test_the_secretariat_s_object_id_from_another_tenant_may_not_import(
    make_teams: Callable[..., TeamsClient], seeded: Seeded, db: sessionmaker[Session], tmp_path: Path
) -> None:
    _secretariat(db, seeded)  # Per, linked by his bare object id in the home tenant
    before = _stored(db)
    other = "0c0c0c0c-1d1d-4e4e-8f8f-2a2a2a2a2a2a"
    teams = make_teams(teams_tenant_id=f"{act.TENANT},{other}")
    name = "referat-sg.pdf"
    teams.connector.files[name] = minutes_pdf(tmp_path)
    activity = act.personal_file(teams.connector.url, name, f"{teams.connector.url}/files/{name}")
    activity["conversation"]["tenantId"] = other
    activity["channelData"] = {"tenant": {"id": other}}
    assert teams.post(activity).status_code == 202
    assert teams.connector.downloads == []  # refused before anything was fetched
    assert _stored(db) == before
