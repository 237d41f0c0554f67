"""A small body built in the database: seats in two groups, vara in order, a secretariat, Slack users."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from handlers.registry import handle
from handlers.services import Services
from handlers.types import Buttons, Invocation, Reply
from storage.clock import OSLO, parse_when
from storage.db import unit_of_work
from storage.models import Body, ChatIdentity, Meeting, Membership, Person, Sak, Treatment
from storage.models_secretariat import Notice, VaraRequest

NOW = parse_when("2017-11-27T10:00")  # a Monday; the meeting is Thursday 7 December
MEETING_DAY = dt.date(2017, 12, 7)

# name, role, group, vara order; the Slack user id is U0 + the first name, upper case.
ROSTER = (
    ("Per Kierulf", "member", "Drammen", None),
    ("Kari Nordmann", "member", "Drammen", None),
    ("Ola Berg", "chair", "Lier", None),
    ("Siri Dahl", "member", "Lier", None),
    ("Vera Vik", "vara", "Drammen", 1),
    ("Vidar Vold", "vara", "Drammen", 2),
    ("Lise Lund", "vara", "Lier", 1),
    ("Nina Solberg", "secretariat", None, None),
)


def slack_id(name: str) -> str:
    return "U0" + name.split()[0].upper()


@dataclass
class Small:
    """The ids the tests need."""

    db: sessionmaker[Session]
    body_id: int
    meeting_id: int
    people: dict[str, int] = field(default_factory=dict)
    sak_id: int = 0

    def say(self, who: str, text: str, *, command: str | None = None, now: dt.datetime = NOW) -> Reply:
        invocation = Invocation(platform="slack", user_id=slack_id(who), text=text, command=command)
        return handle(invocation, Services(self.db, clock=lambda: now, tz=OSLO))

    def requests(self) -> list[tuple[str, str, str]]:
        """(member, vara, state) for every vara request, in the order asked."""
        names = {v: k for k, v in self.people.items()}
        with unit_of_work(self.db) as s:
            rows = s.scalars(select(VaraRequest).order_by(VaraRequest.id))
            return [(names[r.member_id], names[r.vara_id], r.state) for r in rows]

    def notices(self) -> list[tuple[str, str]]:
        """(kind, recipient) for every notice written, in order."""
        names = {v: k for k, v in self.people.items()}
        with unit_of_work(self.db) as s:
            rows = s.scalars(select(Notice).order_by(Notice.id))
            return [(n.kind, names.get(n.person_id or 0, n.channel or "?")) for n in rows]


def build(db: sessionmaker[Session], *, fraction: float = 0.5, chain: bool = True) -> Small:
    """The body, its meeting on 7 December 09:00 at Drammen rådhus, and a sak 03/2018 on it."""
    with unit_of_work(db) as s:
        body = Body(name="Styringsgruppen", quorum_fraction=fraction, vara_chain=chain)
        s.add(body)
        s.flush()
        start = dt.datetime.combine(MEETING_DAY, dt.time(9, 0), tzinfo=OSLO).astimezone(dt.UTC)
        meeting = Meeting(body_id=body.id, date=MEETING_DAY, starts_at=start, location="Drammen rådhus")
        s.add(meeting)
        s.flush()
        sak = Sak(body_id=body.id, number=3, year=2018, title="Felles innkjøp")
        s.add(sak)
        s.flush()
        s.add(Treatment(sak_id=sak.id, meeting_id=meeting.id, position=1, text=""))
        small = Small(db, body.id, meeting.id, sak_id=sak.id)
        for name, role, group, order in ROSTER:
            person = Person(name=name)
            s.add(person)
            s.flush()
            s.add(
                Membership(
                    person_id=person.id, body_id=body.id, role=role, seat_group=group, vara_order=order
                )
            )
            s.add(
                ChatIdentity(
                    platform="slack", external_id=slack_id(name), person_id=person.id,
                    linked_by="secretariat", linked_at=NOW,
                )
            )  # fmt: skip
            small.people[name] = person.id
        s.flush()
    return small


def buttons(reply: Reply) -> list[tuple[str, str, str]]:
    """(label, action, value) of every button in a reply."""
    return [(b.label, b.action, b.value) for e in reply.elements if isinstance(e, Buttons) for b in e.items]
