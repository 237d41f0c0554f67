"""A claim takes at most `limit` rows on both databases, so replicas share a burst (notices and posts)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session, sessionmaker

from storage import notices, reminders
from storage.db import unit_of_work
from storage.models import Body, Meeting
from storage.reminder_due import NewPost, insert_posts

NOW = dt.datetime(2017, 11, 28, 10, tzinfo=dt.UTC)
LEASE = dt.timedelta(minutes=10)


def _meeting(db: sessionmaker[Session]) -> int:
    with unit_of_work(db) as s:
        body = Body(name="Styringsgruppen")
        s.add(body)
        s.flush()
        meeting = Meeting(body_id=body.id, date=dt.date(2017, 12, 7))
        s.add(meeting)
        s.flush()
        return meeting.id


def test_a_notice_claim_takes_at_most_its_limit_and_the_next_claim_the_rest(
    db: sessionmaker[Session],
) -> None:
    meeting_id = _meeting(db)
    with unit_of_work(db) as s:
        for n in range(50):
            notices.enqueue(
                s, key=f"k{n}", kind="vara-none", meeting_id=meeting_id, now=NOW, channel="slack:C1"
            )
        assert not notices.enqueue(
            s, key="k1", kind="vara-none", meeting_id=meeting_id, now=NOW, channel="slack:C1"
        )
    with unit_of_work(db) as s:
        first = notices.claim(s, now=NOW, worker="a", lease=LEASE, limit=20)
    with unit_of_work(db) as s:
        second = notices.claim(s, now=NOW, worker="b", lease=LEASE, limit=40)
    assert (len(first), len(second)) == (20, 30)
    assert not {n.id for n in first} & {n.id for n in second}


def test_a_reminder_claim_takes_at_most_its_limit(db: sessionmaker[Session]) -> None:
    meeting_id = _meeting(db)
    with unit_of_work(db) as s:
        insert_posts(
            s, posts=[NewPost(meeting_id, f"before:{n}:2017-12-07", "slack:C1", NOW) for n in range(50)]
        )
    with unit_of_work(db) as s:
        first = reminders.claim(s, now=NOW, worker="a", platforms=["slack"], lease=LEASE, limit=20)
    with unit_of_work(db) as s:
        second = reminders.claim(s, now=NOW, worker="b", platforms=["slack"], lease=LEASE, limit=40)
    assert (len(first), len(second)) == (20, 30)
