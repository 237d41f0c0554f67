"""The secretariat's chat work over Slack's HTTP: shared files, the plan commands with their buttons, and
the channel posts that follow (signed requests in; the stand-in serves the files and records every call)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select

from bot.scheduler import Scheduler, Tuning
from bot.slack.poster import SlackPoster
from handlers.services import Services
from storage import directory, people
from storage.clock import OSLO, Clock, parse_when
from storage.db import session_factory, unit_of_work
from storage.models import Body, Document, Meeting, Membership, Person, ReminderPost, Treatment
from tests.integration.slack import payloads, standin
from tests.integration.slack.conftest import (
    CHANNEL,
    KJERSTI,
    KJERSTI_DM,
    ThreadServer,
    World,
    make_app,
    seed,
)
from tests.integration.upload.files import BROKEN_PDF, minutes_docx, minutes_pdf

STAFF, STAFF_DM = "U0SEKR", "D0SEKR"
_ids = itertools.count(1)


@pytest.fixture
def world(engine: Engine, clock: Clock, slack_standin: standin.StandIn) -> Iterator[World]:
    """A database and server of its own per test: these tests import documents, move and cancel
    meetings and set channels, more than the module-wide world undoes."""
    slack_standin.reset()
    factory = session_factory(engine)
    seed(factory, clock)
    asgi = make_app(engine, clock, slack_standin.api_url)
    server = ThreadServer(asgi)
    with httpx.Client(timeout=10) as http:
        yield World(server.url, asgi.state.parts["slack"].handle, slack_standin, factory, http)
    server.stop()


@pytest.fixture
def staff(world: World) -> World:
    """Sigrid Sekretær: the secretariat of Styringsgruppen, linked to her Slack user."""
    with unit_of_work(world.db) as session:
        body = session.scalars(select(Body).where(Body.name == "Styringsgruppen")).one()
        person = Person(name="Sigrid Sekretær", organisation="Vestregionen")
        session.add(person)
        session.flush()
        session.add(Membership(person_id=person.id, body_id=body.id, role="secretariat"))
        people.link_identity(
            session,
            platform="slack",
            external_id=STAFF,
            person_id=person.id,
            linked_by="secretariat",
            now=parse_when("2017-10-02"),
        )
    return world


def _share(world: World, name: str, data: bytes, *, user: str = STAFF, dm: str = STAFF_DM) -> dict[str, Any]:
    """Share a file in the DM as Slack delivers it; the answer the bot posted there."""
    n = next(_ids)
    file = world.standin.add_file(f"F0FILE{n:04d}", name, data)
    before = len(world.standin.of("chat.postMessage"))
    event = payloads.file_share([file], user=user, channel=dm, ts=f"1506940100.{n:06d}")
    assert world.event(event, event_id=f"Ev0UPLOAD{n:04d}").status_code == 200
    world.idle()
    posted = world.standin.of("chat.postMessage")[before:]
    assert len(posted) == 1 and posted[0]["channel"] == dm, posted
    return posted[0]


def _text(posted: dict[str, Any]) -> str:
    blocks = posted["blocks"]
    return json.dumps(json.loads(blocks) if isinstance(blocks, str) else blocks, ensure_ascii=False)


def _stored(world: World) -> tuple[int, int, int]:
    with unit_of_work(world.db) as session:
        return tuple(  # type: ignore[return-value]
            int(session.scalar(select(func.count()).select_from(t)) or 0)
            for t in (Document, Meeting, Treatment)
        )


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_minutes_shared_by_the_secretariat_are_imported_and_reported(
    staff: World, tmp_path: Path, kind: str
) -> None:
    world = staff
    data = minutes_pdf(tmp_path) if kind == "pdf" else minutes_docx(tmp_path)
    before = _stored(world)
    report = _text(_share(world, f"referat-sg.{kind}", data))
    assert f"referat-sg.{kind}: Referat fra Styringsgruppen 14.01.2027" in report
    assert "1 møte, 3 saker, 2 vedtak, 1 forslag til vedtak" in report
    assert "Angre importen" in report
    # files.info, then the private URL with the bot token.
    (info,) = world.standin.of("files.info")
    (download,) = world.standin.of("file_download")
    assert download["authorization"] == f"Bearer {standin.TOKEN}"
    assert info["file"].startswith("F0FILE")
    after = _stored(world)
    assert after[0] == before[0] + 1 and after[2] == before[2] + 3
    # The same file shared again (a new Slack file, same name and bytes): imported once.
    again = _text(_share(world, f"referat-sg.{kind}", data))
    assert "uendret (samme innhold er allerede importert)" in again
    assert _stored(world) == after


def test_a_member_who_shares_a_file_is_refused_and_nothing_is_read(world: World, tmp_path: Path) -> None:
    before = _stored(world)
    answer = _text(_share(world, "referat.pdf", minutes_pdf(tmp_path), user=KJERSTI, dm=KJERSTI_DM))
    assert "bare sekretariatet kan lese inn dokumenter" in answer
    assert world.standin.of("files.info") == [] and world.standin.of("file_download") == []
    assert _stored(world) == before


def test_a_broken_file_is_refused_and_nothing_is_stored(staff: World) -> None:
    before = _stored(staff)
    answer = _text(_share(staff, "referat.pdf", BROKEN_PDF))
    assert "referat.pdf: IKKE importert. Filen kan ikke leses" in answer
    assert _stored(staff) == before


def test_an_oversized_file_is_refused_before_download(staff: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot import upload

    monkeypatch.setattr(upload, "MAX_BYTES", 1024 * 1024)
    before = _stored(staff)
    answer = _text(_share(staff, "stor.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1)))
    assert "stor.pdf: IKKE importert. Filen er større enn 1 MB." in answer
    assert staff.standin.of("file_download") == []
    assert _stored(staff) == before


def test_a_file_with_a_mention_in_the_channel_is_imported_and_answered_privately(
    staff: World, tmp_path: Path
) -> None:
    world = staff
    file = world.standin.add_file("F0CHANNEL1", "referat.docx", minutes_docx(tmp_path))
    event = payloads.mention_with_files([file], "her er referatet", user=STAFF, channel=CHANNEL)
    world.event(event, event_id="Ev0MENTIONFILE")
    world.idle()
    (answer,) = world.standin.of("chat.postEphemeral")
    assert answer["channel"] == CHANNEL and answer["user"] == STAFF
    assert "referat.docx: Referat fra Styringsgruppen 14.01.2027" in _text(answer)


def _scheduler(world: World, now: str) -> Scheduler:
    services = Services(factory=world.db, clock=lambda: parse_when(now), tz=OSLO)
    poster = SlackPoster(standin.TOKEN, base_url=world.standin.api_url)
    return Scheduler(services, {"slack": poster}, tuning=Tuning())  # type: ignore[dict-item]


def _say(world: World, text: str, *, channel: str = STAFF_DM) -> None:
    n = next(_ids)
    if channel.startswith("D"):
        event = payloads.im_message(text, user=STAFF, channel=channel, ts=f"1506940200.{n:06d}")
    else:
        event = payloads.app_mention(text, user=STAFF, channel=channel, ts=f"1506940200.{n:06d}")
    world.event(event, event_id=f"Ev0SAY{n:04d}")
    world.idle()


def _press(world: World, button: dict[str, Any]) -> None:
    n = next(_ids)
    body = payloads.block_actions(
        button["action_id"],
        button["value"],
        user=STAFF,
        channel=STAFF_DM,
        response_url=world.standin.response_url(f"press{n}"),
        action_ts=f"1506940300.{n:06d}",
        label=button["text"]["text"],
    )
    assert world.interactive(body).status_code == 200
    world.idle()


def _buttons(posted: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = posted["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def _channel_keys(world: World) -> list[str]:
    return [
        str((p.get("metadata") or {}).get("event_payload", {}).get("key"))
        for p in (
            {
                **c,
                "metadata": json.loads(c["metadata"])
                if isinstance(c.get("metadata"), str)
                else c.get("metadata"),
            }
            for c in world.standin.of("chat.postMessage")
        )
        if p.get("channel") == CHANNEL
    ]


def test_plan_commands_move_cancel_and_add_and_the_reminders_follow(staff: World) -> None:
    world = staff
    _say(world, "påminnelser her", channel=CHANNEL)
    (here,) = world.standin.of("chat.postEphemeral")
    assert "Påminnelser for Styringsgruppen går nå til slack:C0STYRING." in _text(here)
    # Move 7.12 → 8.12: first a question with buttons, then the move on «Flytt møtet».
    _say(world, "flytt møtet i styringsgruppen 7.12 til 8.12")
    ask = world.standin.of("chat.postMessage")[-1]
    assert "Flytte Styringsgruppen, torsdag 7. desember 2017" in _text(ask)
    with unit_of_work(world.db) as session:
        assert session.scalar(select(Meeting.id).where(Meeting.date == parse_when("2017-12-07").date()))
    move = next(b for b in _buttons(ask) if b["text"]["text"] == "Flytt møtet")
    _press(world, move)
    (moved,) = world.standin.of("response_url")
    assert "Flyttet: Styringsgruppen torsdag 7. desember 2017" in json.dumps(moved, ensure_ascii=False)
    # Cancel 15.3 and add a meeting in September.
    _say(world, "avlys møtet 15.3")
    cancel = next(
        b for b in _buttons(world.standin.of("chat.postMessage")[-1]) if b["text"]["text"] == "Avlys møtet"
    )
    _press(world, cancel)
    _say(world, "nytt møte i styringsgruppen 20.9 kl 10 på Kleivstua")
    assert "Lagt til: Styringsgruppen, torsdag 20. september 2018 kl. 10.00." in _text(
        world.standin.of("chat.postMessage")[-1]
    )
    # The reminder loop: the notices now; the reminder of the moved meeting on its new day.
    assert _scheduler(world, "2017-10-02T12:00").run_once().posted == 2
    keys = _channel_keys(world)
    assert any(k.endswith(":moved:1:2017-12-07>2017-12-08") for k in keys), keys
    assert any(k.endswith(":cancelled:2018-03-15") for k in keys), keys
    assert _scheduler(world, "2017-12-01T09:05").run_once().posted == 1
    assert _channel_keys(world)[-1].endswith(":before:7:2017-12-08")
    assert _scheduler(world, "2018-03-08T09:05").run_once().posted == 0  # cancelled: no reminder
    assert _scheduler(world, "2018-09-13T09:05").run_once().posted == 1
    assert _channel_keys(world)[-1].endswith(":before:7:2018-09-20")
    with unit_of_work(world.db) as session:
        states = set(session.scalars(select(ReminderPost.state)))
    assert states <= {"posted", "skipped"}


def test_the_channel_summary_of_shared_minutes_is_posted_once(staff: World, tmp_path: Path) -> None:
    world = staff
    _say(world, "påminnelser her", channel=CHANNEL)
    data = minutes_pdf(tmp_path)
    report = _text(_share(world, "referat.pdf", data))
    assert "Oppsummering av møtet sendes til kanalen (slack:C0STYRING)." in report
    loop = _scheduler(world, "2017-10-02T12:00")
    assert loop.run_once().posted == 1
    summary = world.standin.of("chat.postMessage")[-1]
    assert summary["channel"] == CHANNEL
    assert "Referat: Styringsgruppen, torsdag 14. januar 2027" in _text(summary)
    _share(world, "referat.pdf", data)  # shared again: unchanged, no second summary
    assert loop.run_once().posted == 0
    assert sum(1 for k in _channel_keys(world) if ":summary:" in k) == 1
    with unit_of_work(world.db) as session:
        assert directory.all_bodies(session)
