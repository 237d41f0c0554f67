"""Teams deliveries written down before the 202, answered once, and finished by the recovery pass."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable

from microsoft_agents.activity import Activity
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.teams import durable
from bot.teams.adapter import event_key
from handlers.services import Services
from handlers.types import Reply, Text
from storage import events
from storage.clock import system_clock
from storage.db import unit_of_work
from storage.models import Attendance, ProcessedEvent
from tests.integration.teams import activities as act
from tests.integration.teams.conftest import Recorder, Seeded, TeamsClient

LATER = dt.timedelta(minutes=5)


def _row(db: sessionmaker[Session], key: str) -> ProcessedEvent | None:
    with unit_of_work(db) as session:
        return session.get(ProcessedEvent, key)


def _left_behind(services: Services, raw: dict[str, object]) -> str:
    """An activity written down as a crash would leave it: claimed, never answered."""
    activity = Activity.model_validate(raw)
    key = event_key(activity)
    assert key is not None and durable.claim(services, key, activity, {}) is not None
    return key


def test_a_message_is_written_down_with_where_to_answer_then_marked_done(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session]
) -> None:
    teams = make_teams(handle=Recorder(Reply((Text("Svar"),)), []))
    raw = act.personal_message(teams.connector.url, "hjelp")
    assert teams.post(raw).status_code == 202
    row = _row(db, event_key(Activity.model_validate(raw)) or "")
    assert row is not None and row.state == "done" and row.payload is None
    assert len(teams.connector.sent) == 1
    # The same activity again (Teams redelivers): not answered twice.
    assert teams.post(raw).status_code == 202
    assert len(teams.connector.sent) == 1


def test_recovery_answers_a_pending_delivery_once(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], services: Services, seeded: Seeded
) -> None:
    teams = make_teams()  # the real registry
    assert teams.bot is not None
    key = _left_behind(services, act.personal_message(teams.connector.url, "forfall 7.12 pga kurs"))

    assert asyncio.run(teams.bot.deliveries.recover(system_clock() + LATER)) == 1
    assert asyncio.run(teams.bot.deliveries.recover(system_clock() + LATER)) == 0  # nothing left

    [answer] = teams.connector.sent
    assert answer.conversation_id == act.PERSONAL_CONVERSATION
    assert "registrert" in str(answer.activity).lower()
    row = _row(db, key)
    assert row is not None and row.state == "done"
    with unit_of_work(db) as session:
        assert len(list(session.scalars(select(Attendance).where(Attendance.origin == "chat")))) == 1


def test_an_answer_made_before_a_crash_is_sent_without_running_the_command_again(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], services: Services
) -> None:
    recorder = Recorder(Reply((Text("Nytt svar"),)), [])
    teams = make_teams(handle=recorder)
    assert teams.bot is not None
    key = _left_behind(services, act.personal_message(teams.connector.url, "forfall 7.12"))
    with unit_of_work(db) as session:  # the command committed its effect and its answer, then: kill
        durable.settle(session, key, Reply((Text("Forfall registrert før krasjet"),), fallback="ok"))

    assert asyncio.run(teams.bot.deliveries.recover(system_clock() + LATER)) == 1

    assert recorder.seen == []
    [answer] = teams.connector.sent
    assert "Forfall registrert før krasjet" in str(answer.activity)
    row = _row(db, key)
    assert row is not None and row.state == "done"


def test_a_delivery_that_keeps_failing_is_given_up_with_an_error_id(
    make_teams: Callable[..., TeamsClient], db: sessionmaker[Session], services: Services
) -> None:
    recorder = Recorder(Reply((Text("Svar"),)), [])
    teams = make_teams(handle=recorder)
    assert teams.bot is not None
    key = _left_behind(services, act.personal_message(teams.connector.url, "hjelp"))
    with unit_of_work(db) as session:  # three attempts already made
        work = events.unfinished_work(session, prefix="teams:", before=system_clock() + LATER)[0]
        for _attempt in range(3):
            assert events.retake_work(session, work=work, now=system_clock())
            work = events.Work(work.key, work.state, work.payload, work.answer, work.attempts + 1)

    asyncio.run(teams.bot.deliveries.recover(system_clock() + LATER))

    assert recorder.seen == []
    [answer] = teams.connector.sent
    assert "feil" in str(answer.activity).lower()
    row = _row(db, key)
    assert row is not None and row.state == "done"
