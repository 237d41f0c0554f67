"""Who is asking (links, «jeg er NAME», verified e-mail), help from the registry, refusals and errors."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from handlers.registry import COMMANDS, handle
from handlers.services import Services
from handlers.types import Invocation
from storage.models import ChatIdentity, LinkRequest, Person
from tests.integration.handlers.members.seeds import Chat, buttons, plain


@pytest.fixture
def slack(chat: Chat) -> Chat:
    return Chat(chat.services, user="U0SLACK", platform="slack")


def test_unlinked_user_gets_a_friendly_answer_on_how_to_be_linked(slack: Chat) -> None:
    reply = slack.say("neste møte")
    assert reply.kind == "refusal"
    text = plain(reply)
    assert text.startswith("Hei! Jeg vet ikke hvem du er ennå")
    assert "«jeg er Kari Nordmann»" in text
    assert "--as" not in text  # that hint is for the terminal


def test_jeg_er_makes_a_request_the_secretariat_confirms(
    slack: Chat, chat: Chat, db: sessionmaker[Session]
) -> None:
    reply = slack.say("jeg er Per Kierulf")
    assert plain(reply) == (
        "Takk! Jeg har bedt sekretariatet bekrefte at du er Per Kierulf. Du får svar på møter og forfall "
        "så snart det er gjort."
    )
    assert "venter allerede" in plain(slack.say("jeg er per kierulf"))
    assert slack.say("neste møte").kind == "refusal"  # not linked until confirmed

    assert plain(chat.say("koblinger")) == "Bare sekretariatet kan gjøre dette."  # Per is a member
    pending = chat.say("koblinger", user="Nina Solberg")
    assert "- Per Kierulf (slack: U0SLACK)" in plain(pending)
    [(label, action, value)] = buttons(pending)
    assert (label, action) == ("Bekreft Per Kierulf", "bekreft-kobling")
    confirmed = chat.say(value, command=action, user="Nina Solberg")
    assert plain(confirmed) == "Per Kierulf er nå koblet til slack-brukeren U0SLACK."

    assert "Neste møte i Rådmannsgruppen" in plain(slack.say("neste møte"))
    assert plain(slack.say("jeg er Per Kierulf")) == "Du er allerede koblet til Per Kierulf."
    with db() as s:
        assert s.scalars(select(LinkRequest)).all() == []
        link = s.scalar(select(ChatIdentity))
        assert link is not None
        assert (link.platform, link.external_id, link.linked_by) == ("slack", "U0SLACK", "secretariat")
    assert plain(chat.say("koblinger", user="Nina Solberg")) == "Ingen koblinger venter på bekreftelse."


def test_jeg_er_an_unknown_name_suggests_close_ones(slack: Chat) -> None:
    reply = slack.say("jeg er Per Kjerulf")
    assert reply.kind == "refusal"
    assert plain(reply) == "Jeg finner ingen med navnet «Per Kjerulf» i medlemslisten.\n- Per Kierulf"


def test_a_roster_email_verified_by_the_platform_links(slack: Chat, db: sessionmaker[Session]) -> None:
    with db.begin() as s:
        s.execute(update(Person).where(Person.name == "Per Kierulf").values(email="per.kierulf@example.no"))
    inv = Invocation(platform="slack", user_id="U0SLACK", text="neste møte", email="Per.Kierulf@example.no")
    assert "Neste møte i Rådmannsgruppen" in plain(handle(inv, slack.services))
    with db() as s:
        assert s.scalar(select(ChatIdentity.linked_by)) == "email"
    # From now on the link holds without the e-mail.
    assert slack.say("mine forfall").kind == "answer"


def test_an_unverified_or_unknown_email_does_not_link(slack: Chat) -> None:
    inv = Invocation(platform="teams", user_id="aad-1", text="neste møte", email="nobody@example.no")
    assert handle(inv, slack.services).kind == "refusal"


def test_console_as_an_unknown_person_gets_the_terminal_hint(chat: Chat) -> None:
    text = plain(chat.say("neste møte", user="Ingen Slik"))
    assert "I terminalen velger du hvem du er med --as «Fullt Navn»." in text


def test_help_is_generated_from_the_registry(slack: Chat, chat: Chat) -> None:
    reply = slack.say("hjelp")  # help needs no link
    text = plain(reply)
    assert text.splitlines()[0] == "Dette kan du spørre meg om"
    for command in COMMANDS:
        line = f"- {command.usage}: {command.help}"
        assert (line in text) == (command.listed and not command.secretariat), command.word
    staff = plain(chat.say("hjelp", user="Nina Solberg"))
    assert "For sekretariatet\n- koblinger: koblinger som venter på bekreftelse (sekretariatet)" in staff
    assert plain(chat.say("hjelp forfall")).splitlines()[1].startswith("- forfall <dato")


def test_a_message_nobody_understands(chat: Chat) -> None:
    reply = chat.say("hei på deg")
    assert reply.kind == "refusal"
    assert plain(reply) == "Jeg forsto ikke helt. Skriv «hjelp» for å se hva jeg kan svare på."
    reply = chat.say("", command="ukjent")
    assert plain(reply) == "Jeg kjenner ikke kommandoen «ukjent». Skriv «hjelp» for å se hva jeg kan."


def test_an_unexpected_error_becomes_a_reply_with_a_logged_short_id(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> Session:
        raise RuntimeError("database on fire")

    services = Services(factory=broken, clock=chat.services.clock)  # type: ignore[arg-type]
    with caplog.at_level(logging.ERROR, logger="handlers.registry"):
        reply = handle(Invocation(platform="console", user_id="Per Kierulf", text="neste møte"), services)
    assert reply.kind == "error"
    code = re.search(r"feilkoden ([0-9a-f]{8})", plain(reply))
    assert code is not None
    assert any(code[1] in r.getMessage() and r.exc_info for r in caplog.records)
    assert "database on fire" not in plain(reply)
