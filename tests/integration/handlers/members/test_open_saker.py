"""Dialog tests: «åpne saker» on the imported seeds, and when each kind of open sak closes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage import open_items
from storage.models import Body, Meeting, Sak, Treatment
from tests.integration.handlers.members.seeds import Chat, plain

EXPECTED = [
    "Åpne saker i Rådmannsgruppen",
    "- Sak 14/2016 Tertialrapport 1_2016 (Rådmannsgruppen, 26.05.2016): anbefaling som venter på vedtak i "
    "Styringsgruppen: «Rådmannsgruppen anbefaler styringsgruppen å godkjenne framlagt tertialrapport inkl. "
    "resultatregnskap pr 30.4.2016.»",
    "- Sak 25/2016 Status kommunehelsesamarbeidet (Rådmannsgruppen, 15.09.2016): anbefaling som venter på "
    "vedtak: «Rådmannsgruppen anbefaler at det legges opp til en bred diskusjon om en eventuell videreføring "
    "av Kommunehelsesamarbeidet i 2017.»",
    "- Sak 26/2016 Status Kommunal elektronisk meldingsutbredelse (KomUt) (Rådmannsgruppen, 15.09.2016): "
    "oppfølging som venter på Rådmannsgruppens neste referat: «Prosjektleder bes utarbeide oversikt over "
    "status i den enkelte kommune; gjerne inkludert en oversiktsmatrise.»",
    "- Sak 29/2016 Budsjettjustering (Rådmannsgruppen, 15.09.2016): anbefaling som venter på vedtak: "
    "«Rådmannsgruppen anbefaler at kr 150 000 fra fokusområdet Folkehelse omdisponeres til Areal og "
    "transport, og at øvrig merforbruk dekkes over drift.»",
    "- Sak 15/2018 Revidert handlingsplan 2018 (Rådmannsgruppen, 31.05.2018): forslag til vedtak, ikke "
    "vedtatt ennå: «Rådmannsgruppen slutter seg til framlagt forslag til revidert handlingsplan for 2. "
    "halvår 2018.»",
    "Åpne saker i Styringsgruppen",
    "- Sak 26/2017 Prosjekter innen prioriterte satsingsområder (Styringsgruppen, 28.09.2017): oppfølging "
    "som venter på Styringsgruppens neste referat: «Sande og Øvre Eiker informerer i neste "
    "styringsgruppemøte.»",
    "- Sak 26/2017 Prosjekter innen prioriterte satsingsområder (Styringsgruppen, 28.09.2017): oppfølging "
    "som venter på Styringsgruppens neste referat: «Sak om hvordan Vestregionen vil ivareta Kunst rett vest "
    "i 2019, tas opp som sak i styringsgruppens møte i desember 2017.»",
    "- Sak 03/2018 Vestregionens fremtid – skisse til fremtidig samarbeid (Styringsgruppen, 15.03.2018): "
    "forslag til vedtak, ikke vedtatt ennå: «Styringsgruppen slutter seg til Rådmannsgruppens forslag til "
    "fremtidig samarbeid og organisering av prosessen fram til juni 2018.»",
    "En sak er åpen til vedtaket eller referatet den venter på, er lest inn.",
]


def test_open_saker_with_the_sentence_that_keeps_each_open(chat: Chat) -> None:
    reply = chat.say("åpne saker")
    assert reply.kind == "answer"
    assert plain(reply).splitlines() == EXPECTED
    assert plain(chat.say("", command="saker")) == plain(reply)


def test_closed_by_then_tasks_and_decided_recommendations_are_not_listed(chat: Chat) -> None:
    text = plain(chat.say("saker"))
    # 17/2016 «ber daglig leder om å utarbeide …»: both bodies have held meetings since.
    assert "17/2016" not in text
    # 15/2016 «… før styringsgruppemøtet 16.6.2016»: no hand-off word, and long past.
    assert "15/2016" not in text
    assert "24/2016" not in text


def test_open_saker_of_one_body(chat: Chat) -> None:
    lines = plain(chat.say("hvilke saker er åpne i styringsgruppen?")).splitlines()
    assert lines[0] == "Åpne saker i Styringsgruppen"
    assert len([line for line in lines if line.startswith("- ")]) == 3


def held(db: sessionmaker[Session], body: str, day: dt.date) -> Meeting:
    with db.begin() as s:
        body_id = s.scalar(select(Body.id).where(Body.name == body))
        meeting = s.scalar(select(Meeting).where(Meeting.body_id == body_id, Meeting.date == day))
        if meeting is None:
            meeting = Meeting(body_id=body_id, date=day)
            s.add(meeting)
        meeting.status = "held"
        s.flush()
        s.expunge(meeting)
        return meeting


def test_a_task_closes_when_the_next_minutes_arrive(chat: Chat, db: sessionmaker[Session]) -> None:
    held(db, "Styringsgruppen", dt.date(2017, 11, 9))  # minutes of a meeting before December
    text = plain(chat.say("saker styringsgruppen"))
    assert "informerer i neste styringsgruppemøte" not in text
    assert "tas opp som sak i styringsgruppens møte i desember 2017" in text  # waits for December
    held(db, "Styringsgruppen", dt.date(2017, 12, 7))
    text = plain(chat.say("saker styringsgruppen"))
    assert "26/2017" not in text


def test_a_recommendation_closes_with_the_other_bodys_vedtak(chat: Chat, db: sessionmaker[Session]) -> None:
    meeting = held(db, "Styringsgruppen", dt.date(2016, 6, 16))
    with db.begin() as s:
        styring = s.scalar(select(Body.id).where(Body.name == "Styringsgruppen"))
        sak = Sak(body_id=styring, number=30, year=2016, title="Tertialrapport 1/2016")
        s.add(sak)
        s.flush()
        s.add(
            Treatment(
                sak_id=sak.id,
                meeting_id=meeting.id,
                text="Rådmannsgruppen behandlet saken i sak 14/2016.",
                vedtak="Framlagt tertialrapport godkjennes.",
            )
        )
        s.flush()
        open_items.refresh_meeting(s, meeting_id=meeting.id)  # a writer refreshes what it wrote
    assert "14/2016" not in plain(chat.say("saker rådmannsgruppen"))


def test_a_forslag_closes_when_a_vedtak_is_recorded(chat: Chat, db: sessionmaker[Session]) -> None:
    with db.begin() as s:
        treatment = s.scalar(select(Treatment).join(Sak).where(Sak.number == 3, Sak.year == 2018))
        assert treatment is not None
        treatment.vedtak = "Styringsgruppen slutter seg til forslaget."
        s.flush()
        open_items.refresh(s.connection(), treatment_ids=[treatment.id])
    assert "03/2018" not in plain(chat.say("saker styringsgruppen"))


def test_nothing_open(chat: Chat, db: sessionmaker[Session]) -> None:
    ids: list[int] = []
    with db.begin() as s:
        for t in s.scalars(select(Treatment).join(Sak).join(Body).where(Body.name == "Styringsgruppen")):
            t.vedtak = "Tatt til orientering."
            ids.append(t.id)
        s.flush()
        open_items.refresh(s.connection(), treatment_ids=ids)
    reply = chat.say("saker styringsgruppen")
    assert plain(reply) == "Ingen åpne saker i Styringsgruppen."
