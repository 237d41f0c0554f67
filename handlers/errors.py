"""Every error reply, built in one place for all platforms: a refusal for a typed domain error,
a failure notice (with the short id that is also logged) for anything unexpected."""

from __future__ import annotations

import uuid
from contextvars import ContextVar

from handlers import texts
from handlers.types import BulletList, Buttons, DomainError, Element, Offer, Question, Reply, Text

# The id of the request being served: set at the edge (bot/logs.py), carried by every log line.
REQUEST_ID: ContextVar[str | None] = ContextVar("motebot_request_id", default=None)


def fresh_id() -> str:
    """A new short id (8 hex digits)."""
    return uuid.uuid4().hex[:8]


def new_error_id() -> str:
    """The id of one failure, logged with the traceback and shown to the member: the request's own
    id when one is being served (so the member's id finds its log lines), else a fresh one."""
    return REQUEST_ID.get() or fresh_id()


def refusal(error: DomainError) -> Reply:
    """A domain error as a polite reply: the message, suggestions, and any answer buttons."""
    elements: list[Element] = [Text(error.message)]
    if error.suggestions:
        elements.append(BulletList(error.suggestions))
    offered = error.buttons if isinstance(error, Question | Offer) else ()
    if offered:
        elements.append(Buttons(offered))
    return Reply(tuple(elements), fallback=error.message, kind="refusal")


def failure(code: str) -> Reply:
    """An answer that could not be made: the member is told, with the logged id."""
    return Reply(
        (Text(texts.ERROR.format(code=code)),), fallback=texts.ERROR_FALLBACK.format(code=code), kind="error"
    )


def failure_notice(error_id: str) -> Reply:
    """A delivery that failed after the member asked (nothing was done): told with the logged id."""
    message = texts.FAILURE_NOT_DONE.format(error_id=error_id)
    return Reply((Text(message),), fallback=message, kind="error")
