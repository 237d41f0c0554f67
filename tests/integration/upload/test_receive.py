"""Files shared with the bot (platform-neutral): who may, limits, the report, once only, undo, rosters."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.upload import MAX_BYTES, FetchFailed, SharedFile, TooLarge, receive
from handlers import registry
from handlers.services import Services
from handlers.types import BulletList, Button, Buttons, Invocation, Reply, Text
from storage.clock import OSLO
from storage.db import unit_of_work
from storage.models import ChatIdentity, Document, Meeting, Membership, Person, ReminderPost, Sak, Treatment
from tests.integration.reminders.world import FakeClock, add_body

from .files import BROKEN_PDF, ROSTER, ROSTER_BAD, minutes_docx, minutes_pdf

STAFF, MEMBER = "U0SEKR", "U0MEDLEM"


class Fetches:
    """Counts downloads, so a refusal can be shown to download nothing."""

    def __init__(self) -> None:
        self.calls = 0

    def file(self, name: str, data: bytes, *, size: int | None = None) -> SharedFile:
        def fetch(limit: int) -> bytes:
            self.calls += 1
            if len(data) > limit:
                raise TooLarge(name)
            return data

        return SharedFile(name, len(data) if size is None else size, fetch)


@pytest.fixture
def services(db: sessionmaker[Session]) -> Services:
    clock = FakeClock("2027-01-15T14:00")
    with unit_of_work(db) as session:
        body = add_body(session, "Styringsgruppen", channel="C0STYRING")
        for name, user, role in (("Sigrid Sekretær", STAFF, "secretariat"), ("Åse Annen", MEMBER, "member")):
            person = Person(name=name, organisation="Lier")
            session.add(person)
            session.flush()
            session.add(Membership(person_id=person.id, body_id=body.id, role=role))
            session.add(
                ChatIdentity(
                    platform="slack",
                    external_id=user,
                    person_id=person.id,
                    linked_by="email",
                    linked_at=clock(),
                )
            )
    return Services(factory=db, clock=clock, tz=OSLO)


def dm(user: str = STAFF) -> Invocation:
    return Invocation(platform="slack", user_id=user, text="", channel_id="D0DM", is_direct=True)


def stored(db: sessionmaker[Session]) -> tuple[int, ...]:
    with unit_of_work(db) as session:
        return tuple(
            int(session.scalar(select(func.count()).select_from(t)) or 0)
            for t in (Document, Meeting, Sak, Treatment, ReminderPost, Person)
        )


def text_of(reply: Reply) -> str:
    parts: list[str] = []
    for e in reply.elements:
        if isinstance(e, Text):
            parts.append(e.text)
        elif isinstance(e, BulletList):
            parts.extend(e.items)
    return "\n".join(parts)


def buttons(reply: Reply) -> list[Button]:
    return [b for e in reply.elements if isinstance(e, Buttons) for b in e.items]


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_secretariat_uploads_minutes_and_gets_the_report(
    services: Services, db: sessionmaker[Session], tmp_path: Path, kind: str
) -> None:
    data = minutes_pdf(tmp_path) if kind == "pdf" else minutes_docx(tmp_path)
    fetches = Fetches()
    reply = receive(services, dm(), [fetches.file(f"Referat SG 14.01.2027.{kind}", data)])
    report = text_of(reply)
    assert reply.kind == "answer", report
    assert f"Referat SG 14.01.2027.{kind}: Referat fra Styringsgruppen 14.01.2027" in report
    assert "1 møte, 3 saker, 2 vedtak, 1 forslag til vedtak" in report
    assert "Oppsummering av møtet sendes til kanalen (slack:C0STYRING)." in report
    (undo,) = buttons(reply)
    assert undo.action == "angre-import"
    with unit_of_work(db) as session:
        meeting = session.scalars(select(Meeting)).one()
        assert (meeting.date.isoformat(), meeting.status) == ("2027-01-14", "held")
    # The same file again: imported once.
    before = stored(db)
    again = receive(services, dm(), [fetches.file(f"Referat SG 14.01.2027.{kind}", data)])
    assert "uendret (samme innhold er allerede importert)" in text_of(again)
    assert buttons(again) == []
    assert stored(db) == before
    # «Angre importen» takes it all out again, summary included; a second press changes nothing.
    pressed = registry.handle(
        Invocation(platform="slack", user_id=STAFF, text=undo.value, command=undo.action), services
    )
    assert (
        pressed.fallback
        == f"Importen av Referat SG 14.01.2027.{kind} er angret: det dokumentet brakte, er fjernet."
    )
    with unit_of_work(db) as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0
        assert session.scalar(select(func.count()).select_from(Treatment)) == 0
        assert session.scalar(select(func.count()).select_from(ReminderPost)) == 0
    twice = registry.handle(
        Invocation(platform="slack", user_id=STAFF, text=undo.value, command=undo.action), services
    )
    assert twice.kind == "refusal" and "finnes ikke lenger" in twice.fallback


def test_a_member_is_refused_and_nothing_is_downloaded_or_stored(
    services: Services, db: sessionmaker[Session], tmp_path: Path
) -> None:
    before = stored(db)
    fetches = Fetches()
    reply = receive(services, dm(MEMBER), [fetches.file("referat.pdf", minutes_pdf(tmp_path))])
    assert reply.kind == "refusal"
    assert reply.fallback.startswith("Takk! Men bare sekretariatet kan lese inn dokumenter")
    assert fetches.calls == 0
    assert stored(db) == before


def test_a_member_cannot_undo_an_import(
    services: Services, db: sessionmaker[Session], tmp_path: Path
) -> None:
    reply = receive(services, dm(), [Fetches().file("referat.docx", minutes_docx(tmp_path))])
    (undo,) = buttons(reply)
    before = stored(db)
    forged = registry.handle(
        Invocation(platform="slack", user_id=MEMBER, text=undo.value, command=undo.action), services
    )
    assert forged.kind == "refusal"
    assert stored(db) == before


@pytest.mark.parametrize(
    ("name", "data", "size", "expected", "downloads"),
    [
        ("referat.pdf", BROKEN_PDF, None, "referat.pdf: IKKE importert. Filen kan ikke leses", 1),
        ("referat.pdf", b"", None, "referat.pdf: IKKE importert. Filen er tom.", 1),
        ("stor.pdf", b"%PDF", MAX_BYTES + 1, "stor.pdf: IKKE importert. Filen er større enn 20 MB.", 0),
        (
            "lyver.pdf",
            b"x" * (MAX_BYTES + 10),
            10,
            "lyver.pdf: IKKE importert. Filen er større enn 20 MB.",
            1,
        ),
        ("regneark.xlsx", b"PK\x03\x04", None, "regneark.xlsx: IKKE importert. Jeg leser .pdf, .docx", 0),
        ("../../etc/passwd.txt", b"root:x:0:0", None, "passwd.txt: IKKE importert.", 1),
    ],
)
def test_broken_oversized_or_foreign_files_are_refused_and_nothing_is_stored(
    services: Services,
    db: sessionmaker[Session],
    name: str,
    data: bytes,
    size: int | None,
    expected: str,
    downloads: int,
) -> None:
    before = stored(db)
    fetches = Fetches()
    reply = receive(services, dm(), [fetches.file(name, data, size=size)])
    assert reply.kind == "refusal"
    assert expected in text_of(reply)
    assert fetches.calls == downloads
    assert stored(db) == before


def test_a_download_that_fails_is_reported(services: Services, db: sessionmaker[Session]) -> None:
    def fail(limit: int) -> bytes:
        raise FetchFailed("403")

    reply = receive(services, dm(), [SharedFile("referat.pdf", 1000, fail)])
    assert "fikk ikke lastet ned filen" in text_of(reply)


def test_a_roster_updates_the_roster_or_nothing(services: Services, db: sessionmaker[Session]) -> None:
    bad = receive(services, dm(), [Fetches().file("medlemmer.csv", ROSTER_BAD)])
    assert bad.kind == "refusal"
    assert "Linje 2: «ikke-en-epost» er ikke en e-postadresse" in text_of(bad)
    with unit_of_work(db) as session:
        assert session.scalar(select(Person).where(Person.name == "Randi Roster")) is None
    good = receive(services, dm(), [Fetches().file("medlemmer.csv", ROSTER)])
    assert "medlemmer.csv: medlemsliste med 2 personer er lest inn." in text_of(good)
    with unit_of_work(db) as session:
        randi = session.scalars(select(Person).where(Person.name == "Randi Roster")).one()
        assert randi.email == "randi.roster@lier.example"
