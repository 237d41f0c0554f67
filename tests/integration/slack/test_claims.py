"""processed_events claims: one winner per key, all of a delivery's keys or none, across threads."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage import events
from storage.db import unit_of_work
from storage.models import ProcessedEvent

NOW = dt.datetime(2017, 10, 2, 10, 0, tzinfo=dt.UTC)


def _claim(db: sessionmaker[Session], *keys: str) -> bool:
    with unit_of_work(db) as session:
        return events.claim_all(session, keys=keys, now=NOW)


def _keys(db: sessionmaker[Session]) -> list[str]:
    with unit_of_work(db) as session:
        return sorted(session.scalars(select(ProcessedEvent.key)))


def test_a_key_is_claimed_once(db: sessionmaker[Session]) -> None:
    assert _claim(db, "slack:event:Ev1") is True
    assert _claim(db, "slack:event:Ev1") is False
    assert _keys(db) == ["slack:event:Ev1"]


def test_keys_are_claimed_all_or_none(db: sessionmaker[Session]) -> None:
    assert _claim(db, "k:2") is True
    assert _claim(db, "k:1", "k:2") is False
    assert _keys(db) == ["k:2"]  # k:1 was not left behind
    assert _claim(db, "k:1", "k:0") is True


def test_racing_claims_have_one_winner(db: sessionmaker[Session]) -> None:
    results: list[bool] = []
    start = threading.Barrier(6)

    def race() -> None:
        start.wait()
        results.append(_claim(db, "slack:event:EvRACE"))

    threads = [threading.Thread(target=race) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == [False] * 5 + [True]


def test_only_old_slack_keys_are_forgotten(db: sessionmaker[Session]) -> None:
    old, new = NOW - dt.timedelta(days=8), NOW
    with unit_of_work(db) as session:
        assert events.claim_all(
            session, keys=["slack:event:Old", "teams:reminder:Old", "slack_x:Old"], now=old
        )
        assert events.claim_event(session, key="slack:event:New", now=new)
    with unit_of_work(db) as session:
        assert events.forget_before(session, prefix="slack:", cutoff=NOW - dt.timedelta(days=7)) == 1
    assert _keys(db) == ["slack:event:New", "slack_x:Old", "teams:reminder:Old"]
