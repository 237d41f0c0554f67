"""`plan import` (.csv, .ics: all or nothing, bad lines reported) and the iCalendar feed (round trip)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from handlers import calendar, plan_admin
from handlers.plan_import import import_plan
from handlers.services import Services
from handlers.types import BadInput
from storage.clock import OSLO, fixed_clock, parse_when
from storage.db import unit_of_work
from storage.models import Meeting
from tests.integration.reminders.world import add_body, add_meeting, add_sak

NOW = "2027-01-04T12:00"


@pytest.fixture
def services(db: sessionmaker[Session]) -> Services:
    with unit_of_work(db) as session:
        add_body(session, "Styringsgruppen", channel="C0STYRING")
        add_body(session, "Rådmannsgruppen")
    return Services(factory=db, clock=fixed_clock(parse_when(NOW)), tz=OSLO)


def _meetings(db: sessionmaker[Session]) -> list[tuple[str, str, str | None, str | None, str | None, str]]:
    """(body, date, start, end, place, status) in Oslo time, sorted."""
    out = []
    with unit_of_work(db) as session:
        for m in session.scalars(select(Meeting).order_by(Meeting.date, Meeting.body_id)):
            start = m.starts_at.astimezone(OSLO).strftime("%H:%M") if m.starts_at else None
            end = m.ends_at.astimezone(OSLO).strftime("%H:%M") if m.ends_at else None
            out.append((m.body.name, m.date.isoformat(), start, end, m.location, m.status))
    return out


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_CSV = """organ;dato;start;slutt;sted;status
Styringsgruppen;14.01.2027;10:00;12:30;Lier rådhus;
rådmannsgruppen;2027-02-11;09:00;11:00;;planlagt
Styringsgruppen;2027-03-18;;;;
Styringsgruppen;2026-12-01;10:00;12:00;;
"""


def test_csv_import(services: Services, db: sessionmaker[Session], tmp_path: Path) -> None:
    reply = import_plan(services, path=_write(tmp_path, "plan.csv", GOOD_CSV))
    assert reply.fallback == "Lest inn plan.csv: 3 nye, 0 endret, 0 avlyst, 0 uendret."
    assert "Hoppet over 1 møter som allerede har vært." in repr(reply)
    assert _meetings(db) == [
        ("Styringsgruppen", "2027-01-14", "10:00", "12:30", "Lier rådhus", "planned"),
        ("Rådmannsgruppen", "2027-02-11", "09:00", "11:00", None, "planned"),
        ("Styringsgruppen", "2027-03-18", None, None, None, "planned"),
    ]
    again = import_plan(services, path=_write(tmp_path, "plan.csv", GOOD_CSV))
    assert again.fallback == "Lest inn plan.csv: 0 nye, 0 endret, 0 avlyst, 3 uendret."
    cancel = "organ,dato,status\nStyringsgruppen,14.01.2027,avlyst\n"
    assert "1 avlyst" in import_plan(services, path=_write(tmp_path, "avlys.csv", cancel)).fallback
    assert _meetings(db)[0][-1] == "cancelled"


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("dato;sted\n14.01.2027;Lier\n", ["Linje 1: overskriftslinjen mangler organ"]),
        (
            "organ;dato;tid\nStyringsgruppen;30.02.2027;10:00-12:00\nStyringsgruppen;2027-03-18;12:00-10:00\n"
            "Ukjent;2027-03-19;\nStyringsgruppen;2027-04-01;25:00\nStyringsgruppen;2027-04-08\n"
            "Styringsgruppen;2027-03-28;02:15-04:00\n",
            [
                "Linje 2: «30.02.2027» er ikke en gyldig dato",
                "Linje 3: Møtet kan ikke slutte kl. 10.00 når det begynner kl. 12.00.",
                "Linje 4: Jeg kjenner ikke organet «Ukjent».",
                "Linje 5: «25:00» er ikke et gyldig klokkeslett",
                "Linje 6: har 2 felt, overskriften har 3",
                "Linje 7: Klokka 02.15 finnes ikke søndag 28. mars 2027",
            ],
        ),
        (
            "organ,dato\nStyringsgruppen,2027-01-14\nStyringsgruppen,14.01.2027\n",
            ["Linje 3: samme møte som linje 2"],
        ),
        ("organ,dato,status\nStyringsgruppen,2027-01-14,kanskje\n", ["Linje 2: ukjent status «kanskje»"]),
        ("organ,dato\n", ["Linje 1: fant ingen møter i filen"]),
    ],
)
def test_bad_csv_reports_each_line_and_changes_nothing(
    services: Services, db: sessionmaker[Session], tmp_path: Path, text: str, lines: list[str]
) -> None:
    plan_admin.add(services, body="Styringsgruppen", date="2027-05-06", time=None, place=None)
    before = _meetings(db)
    with pytest.raises(BadInput) as caught:
        import_plan(services, path=_write(tmp_path, "plan.csv", text))
    message = caught.value.message
    assert message.startswith("Møteplanen i plan.csv ble ikke lest inn; ingenting er endret.")
    for line in lines:
        assert line in message
    assert _meetings(db) == before


def test_not_utf8_and_wrong_type(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes("organ,dato\nStyringsgruppen,2027-01-14\nRådmannsgruppen,2027-01-21\n".encode("latin-1"))
    with pytest.raises(BadInput, match="Linje 3: filen er ikke UTF-8-tekst"):
        import_plan(services, path=path)
    with pytest.raises(BadInput, match=r"må være en \.ics- eller \.csv-fil"):
        import_plan(services, path=_write(tmp_path, "plan.xlsx", "x"))


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Outlook//NO
BEGIN:VEVENT
UID:a1
SUMMARY:Styringsgruppemøte
DTSTART;TZID=Europe/Oslo:20270114T100000
DTEND;TZID=Europe/Oslo:20270114T123000
LOCATION:Drammen rådhus
END:VEVENT
BEGIN:VEVENT
UID:a2
SUMMARY:Møte i Rådmannsgruppen
DTSTART:20270610T070000Z
DURATION:PT2H
END:VEVENT
BEGIN:VEVENT
UID:a3
SUMMARY:Styringsgruppen
DTSTART;VALUE=DATE:20270318
DTEND;VALUE=DATE:20270319
STATUS:CANCELLED
END:VEVENT
END:VCALENDAR
"""


def test_ics_import(services: Services, db: sessionmaker[Session], tmp_path: Path) -> None:
    plan_admin.add(services, body="Styringsgruppen", date="2027-03-18", time=None, place=None)
    reply = import_plan(services, path=_write(tmp_path, "plan.ics", ICS))
    assert reply.fallback == "Lest inn plan.ics: 2 nye, 0 endret, 1 avlyst, 0 uendret."
    assert _meetings(db) == [
        ("Styringsgruppen", "2027-01-14", "10:00", "12:30", "Drammen rådhus", "planned"),
        ("Styringsgruppen", "2027-03-18", None, None, None, "cancelled"),
        ("Rådmannsgruppen", "2027-06-10", "09:00", "11:00", None, "planned"),
    ]


@pytest.mark.parametrize(
    ("change", "line", "problem"),
    [
        (
            ("DTSTART;TZID=Europe/Oslo:20270114T100000", "DTSTART;TZID=Europe/Oslo:2027011T100000"),
            7,
            "DTSTART",
        ),
        (
            ("SUMMARY:Møte i Rådmannsgruppen", "SUMMARY Møte i Rådmannsgruppen"),
            13,
            "kan ikke tolkes som iCalendar",
        ),
        (("END:VEVENT\nEND:VCALENDAR", "END:VCALENDAR"), 17, "BEGIN:VEVENT avsluttes aldri"),
        (
            ("DTEND;TZID=Europe/Oslo:20270114T123000", "DTEND;TZID=Europe/Oslo:20270114T083000"),
            8,
            "kan ikke slutte",
        ),
        (
            ("SUMMARY:Møte i Rådmannsgruppen", "SUMMARY:Arbeidsutvalget"),
            13,
            "finner ikke noe organ i «Arbeidsutvalget»",
        ),
        (("DTSTART:20270610T070000Z", "RRULE:FREQ=WEEKLY\nDTSTART:20270610T070000Z"), 14, "gjentakende"),
        (("BEGIN:VCALENDAR", "BEGIN:VCARD"), 1, "begynner ikke med BEGIN:VCALENDAR"),
    ],
)
def test_bad_ics_reports_the_line_and_changes_nothing(
    services: Services,
    db: sessionmaker[Session],
    tmp_path: Path,
    change: tuple[str, str],
    line: int,
    problem: str,
) -> None:
    text = ICS.replace(*change)
    assert text != ICS
    with pytest.raises(BadInput) as caught:
        import_plan(services, path=_write(tmp_path, "plan.ics", text))
    assert f"Linje {line}: " in caught.value.message and problem in caught.value.message, caught.value.message
    assert _meetings(db) == []


def test_feed_and_its_round_trip(services: Services, db: sessionmaker[Session], tmp_path: Path) -> None:
    plan_admin.add(services, body="Styringsgruppen", date="2027-01-14", time="10:00-12:30", place="Lier")
    plan_admin.add(services, body="Styringsgruppen", date="2027-06-10", time="09:00-11:00", place=None)
    plan_admin.add(services, body="Styringsgruppen", date="2027-03-18", time=None, place=None)
    plan_admin.cancel(services, body="Styringsgruppen", date="2027-03-18")
    with unit_of_work(db) as session:
        january_meeting = session.scalars(select(Meeting).where(Meeting.date == dt.date(2027, 1, 14))).one()
        body = january_meeting.body
        add_sak(session, january_meeting, 1, 2027, "Budsjett")
        add_meeting(session, add_body(session, "Regionrådet Vest"), "2027-01-20")
        data = calendar.feed(session, body=body, now=services.clock(), tz=OSLO)
        slugged = calendar.body_for_feed(session, "regionradet-vest")
    assert slugged.name == "Regionrådet Vest"
    cal = Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "Møteplan: Styringsgruppen"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Oslo"]
    events = {e.decoded("DTSTART").isoformat()[:10]: e for e in cal.walk("VEVENT")}
    assert sorted(events) == ["2027-01-14", "2027-03-18", "2027-06-10"]
    january = events["2027-01-14"]
    assert january.decoded("DTSTART") == dt.datetime(2027, 1, 14, 10, 0, tzinfo=OSLO)
    assert january["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert (str(january["SUMMARY"]), str(january["LOCATION"]), str(january["STATUS"])) == (
        "Møte i Styringsgruppen", "Lier", "CONFIRMED",
    )  # fmt: skip
    assert "Sak 01/2027: Budsjett" in str(january["DESCRIPTION"])
    assert events["2027-06-10"].decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)
    march = events["2027-03-18"]
    assert (str(march["STATUS"]), march.decoded("DTSTART")) == ("CANCELLED", dt.date(2027, 3, 18))

    # The feed read back into an empty database gives the same planned meetings (a cancelled one
    # that does not exist is left alone).
    planned = [m for m in _meetings(db) if m[0] == "Styringsgruppen" and m[-1] == "planned"]
    with unit_of_work(db) as session:
        for meeting in session.scalars(select(Meeting)):
            session.delete(meeting)
    feed_file = tmp_path / "feed.ics"
    feed_file.write_bytes(data)
    reply = import_plan(services, path=feed_file)
    assert reply.fallback == "Lest inn feed.ics: 2 nye, 0 endret, 0 avlyst, 1 uendret."
    assert _meetings(db) == planned
