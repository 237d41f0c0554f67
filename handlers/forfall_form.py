"""The forfall form, built once for every platform: the meetings to choose, its fields and limits.

The Slack modal and the Teams card only render a `Form`; the same rule picks the meetings for
both: the asker's coming meetings that have not begun, at most `MAX_CHOICES`, the one pressed
preselected. A submitted form becomes the forfall command's value (`forfall_parse.form_value`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers import errors, forfall_texts, identity
from handlers.meeting_view import has_started, meeting_label
from handlers.services import Services
from handlers.types import Asker, BadInput, DomainError, Invocation, NotFound, Reply
from storage import directory, meeting_queries
from storage.db import unit_of_work

MAX_CHOICES = 100  # Slack's static select holds 100; Teams shows the list as a drop-down
MAX_REASON = 500
MAX_VARA = 100
_MEETING_VALUE = re.compile(r"^meeting:(\d+)$")
# A full name as the forfall sentence reads it: two or more words, each starting with a capital.
_FULL_NAME = re.compile(r"^[A-ZÆØÅ][^\W\d_]*[.'-]?(?:[ -]+(?:[A-ZÆØÅ]|de |van |von )[^\W\d_]*[.'-]?)+$")


@dataclass(frozen=True)
class Choice:
    meeting_id: int
    label: str  # «Styringsgruppen, torsdag 7. desember 2017 kl. 10.00–12.30»

    @property
    def value(self) -> str:
        """The value a platform sends back for this choice: «meeting:12»."""
        return f"meeting:{self.meeting_id}"


@dataclass(frozen=True)
class Field:
    name: str  # the key the submission carries: «meeting», «reason», «vara»
    label: str
    hint: str = ""
    max_length: int | None = None
    multiline: bool = False


@dataclass(frozen=True)
class Form:
    """A form to fill in: a meeting to choose (one preselected), then optional text fields."""

    title: str
    submit: str
    choices: tuple[Choice, ...]
    selected: int | None
    meeting: Field
    fields: tuple[Field, ...]


def fields() -> tuple[Field, ...]:
    """Reason and vara, with their limits (the same on every platform)."""
    return (
        Field(
            "reason", forfall_texts.FORM_REASON, forfall_texts.FORM_REASON_HINT, MAX_REASON, multiline=True
        ),
        Field("vara", forfall_texts.FORM_VARA, forfall_texts.FORM_VARA_HINT, MAX_VARA),
    )


def forfall_form(
    session: Session, *, asker: Asker, selected: int | None, now: dt.datetime, tz: ZoneInfo
) -> Form:
    """The form for `asker`; NotFound (Norwegian) when they have no coming meeting to choose."""
    return form_of(choices(session, asker=asker, now=now, tz=tz), selected=selected)


def choices(session: Session, *, asker: Asker, now: dt.datetime, tz: ZoneInfo) -> tuple[Choice, ...]:
    """The asker's coming meetings that have not begun, by date (at most MAX_CHOICES)."""
    day = now.astimezone(tz).date()
    body_ids = [b.id for b in directory.bodies_of(session, person_id=asker.person_id)]
    # A few more than shown: some of today's may have begun.
    coming = meeting_queries.upcoming_meetings(session, body_ids=body_ids, after=day, limit=MAX_CHOICES + 10)
    found = [Choice(m.id, meeting_label(m, tz)) for m in coming if not has_started(m, now, tz)]
    return tuple(found[:MAX_CHOICES])


def form_of(offered: tuple[Choice, ...], *, selected: int | None) -> Form:
    """A form over `offered`; the selection is kept only when it is one of them."""
    if not offered:
        raise NotFound(forfall_texts.FORM_NO_MEETINGS)
    chosen = selected if any(c.meeting_id == selected for c in offered) else None
    return Form(
        title=forfall_texts.FORM_TITLE,
        submit=forfall_texts.FORM_SUBMIT,
        choices=offered,
        selected=chosen,
        meeting=Field("meeting", forfall_texts.FORM_MEETING, forfall_texts.FORM_MEETING_HINT),
        fields=fields(),
    )


@dataclass(frozen=True)
class Filled:
    """A submitted form that passed `check`."""

    meeting_id: int
    reason: str
    vara: str


def check(values: Mapping[str, str], *, offered: Collection[int] | None = None) -> Filled | dict[str, str]:
    """The submitted values checked without the database: a Filled form, or {field: Norwegian
    error}. `offered`, when known, are the meetings the form showed."""
    reason = " ".join(str(values.get("reason") or "").split())
    vara = " ".join(str(values.get("vara") or "").split())
    match = _MEETING_VALUE.match(str(values.get("meeting") or "").strip())
    errors: dict[str, str] = {}
    if match is None or (offered is not None and int(match[1]) not in offered):
        errors["meeting"] = forfall_texts.FORM_ERR_MEETING
    if len(reason) > MAX_REASON:
        errors["reason"] = forfall_texts.FORM_ERR_REASON_LONG.format(n=MAX_REASON)
    if len(vara) > MAX_VARA:
        errors["vara"] = forfall_texts.FORM_ERR_VARA_LONG.format(n=MAX_VARA)
    elif vara and not _FULL_NAME.match(vara):
        errors["vara"] = forfall_texts.FORM_ERR_VARA
    if errors or match is None:
        return errors
    return Filled(int(match[1]), reason, vara)


def open_form(services: Services, invocation: Invocation, *, selected: int | None) -> Form | Reply:
    """The form for the member behind `invocation`, or the reply that says why there is none
    (not linked yet, no coming meeting, the meeting pressed is gone or has begun)."""
    now = services.clock()
    with unit_of_work(services.factory) as session:
        asker = identity.resolve_asker(session, invocation, now=now)
        if asker is None:
            return identity.unlinked_reply(invocation)
        try:
            form = forfall_form(session, asker=asker, selected=selected, now=now, tz=services.tz)
        except DomainError as error:
            return errors.refusal(error)
    if selected is not None and form.selected is None:
        return errors.refusal(NotFound(forfall_texts.FORM_MEETING_GONE))
    return form


def refused(problems: Mapping[str, str]) -> Reply:
    """Field errors of a form the platform cannot show under its fields, as one refusal."""
    return errors.refusal(BadInput(" ".join(problems.values())))
