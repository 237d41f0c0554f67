"""Linking Slack users to people by an e-mail Slack has verified (users.info, users.lookupByEmail).

A display name is never trusted; an e-mail is used only when Slack says it is confirmed, and only
to match the roster the secretariat imported.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage import people
from storage.clock import Clock
from storage.db import unit_of_work
from storage.models import ChatIdentity, Person

log = logging.getLogger(__name__)


def confirmed_email(user: dict[str, Any]) -> str | None:
    """The user's e-mail when Slack has confirmed it and the user is a live human, else None."""
    if user.get("deleted") or user.get("is_bot") or user.get("id") == "USLACKBOT":
        return None
    if user.get("is_email_confirmed") is not True:
        return None
    email = (user.get("profile") or {}).get("email")
    return str(email).strip().lower() if email else None


async def verified_email(client: AsyncWebClient, user_id: str) -> str | None:
    """users.info for one user: the confirmed e-mail, or None (also when Slack will not say)."""
    try:
        response = await client.users_info(user=user_id)
    except SlackApiError as error:
        log.warning("users.info %s: %s", user_id, error.response.get("error"))
        return None
    return confirmed_email(response.get("user") or {})


@dataclass
class RosterLinks:
    """What `link_roster` did."""

    linked: list[tuple[str, str]] = field(default_factory=list)  # (person name, Slack user id)
    not_in_slack: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)


def _unlinked_with_email(session: Session) -> list[tuple[int, str, str]]:
    linked = select(ChatIdentity.person_id).where(ChatIdentity.platform == "slack")
    stmt = (
        select(Person.id, Person.name, Person.email)
        .where(Person.email.is_not(None), Person.id.not_in(linked))
        .order_by(Person.name)
    )
    return [(pid, name, str(email)) for pid, name, email in session.execute(stmt)]


async def link_roster(
    client: AsyncWebClient, factory: sessionmaker[Session], *, clock: Clock, team_id: str = ""
) -> RosterLinks:
    """Link every roster person with an e-mail and no Slack user yet, via users.lookupByEmail in
    the workspace of `client` (`team_id`: which one, with many; "" the single workspace)."""
    with unit_of_work(factory) as session:
        candidates = _unlinked_with_email(session)
    report = RosterLinks()
    for person_id, name, email in candidates:
        try:
            response = await client.users_lookupByEmail(email=email)
        except SlackApiError as error:
            if error.response.get("error") != "users_not_found":
                raise
            report.not_in_slack.append(name)
            continue
        user = response.get("user") or {}
        if confirmed_email(user) != email.lower():
            report.unconfirmed.append(name)
            continue
        with unit_of_work(factory) as session:
            people.link_identity(
                session,
                platform="slack",
                team_id=team_id,
                external_id=str(user["id"]),
                person_id=person_id,
                linked_by="email",
                now=clock(),
            )
        report.linked.append((name, str(user["id"])))
    return report
