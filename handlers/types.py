"""The neutral message types: what adapters hand in (Invocation) and what handlers return (Reply)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from handlers.edges import clean_id, clean_text

Platform = Literal["slack", "teams", "console"]


@dataclass(frozen=True)
class Invocation:
    """One member message or command, already stripped of its platform."""

    platform: Platform
    user_id: str  # the platform's user id; in the console, the person's name
    text: str  # the message text, or the slash command's argument text
    command: str | None = None  # the command word when it came as a slash command or button
    channel_id: str | None = None
    is_direct: bool = True  # a DM / 1:1 chat (personal answers may be shown)
    event_key: str | None = None  # the platform's id for this delivery (idempotency)
    email: str | None = None  # an e-mail the platform has verified for this user
    cut: bool = False  # the text was longer than edges.MAX_MESSAGE_CHARS and has been cut
    # The workspace user_id is unique in (a Slack team or Enterprise Grid org, when one deployment
    # serves many); None: the only one (single-token Slack, Teams, the console).
    workspace: str | None = None

    def __post_init__(self) -> None:
        # Cleaned where it is made, whatever the adapter: see handlers.edges.
        text, cut = clean_text(self.text)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "cut", self.cut or cut)
        for name in ("user_id", "command", "channel_id", "event_key", "email", "workspace"):
            object.__setattr__(self, name, clean_id(getattr(self, name)))


# --- Reply elements: a small closed set the renderers translate ---------------------------------


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Text:
    text: str  # plain text; *bold* is not interpreted: renderers escape


@dataclass(frozen=True)
class Facts:
    """Label/value pairs: «Tid: kl. 09.00–11.30»."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    title: str | None = None


@dataclass(frozen=True)
class Button:
    label: str
    action: str  # a command word the registry routes, e.g. "forfall", "angre-forfall", "vedtak"
    value: str  # the argument text for that command, e.g. "meeting:12"
    style: Literal["default", "primary", "danger"] = "default"


@dataclass(frozen=True)
class Buttons:
    items: tuple[Button, ...]


@dataclass(frozen=True)
class Note:
    """Small print under a reply: the source document, a hint."""

    text: str


Element = Heading | Text | Facts | BulletList | Buttons | Note


@dataclass(frozen=True)
class Reply:
    """What a handler answers; `private` replies are shown only to the asker."""

    elements: tuple[Element, ...]
    private: bool = True
    fallback: str = ""  # a one-line summary for notifications and screen readers
    kind: Literal["answer", "refusal", "error"] = "answer"


# --- Typed domain errors; each platform turns them into Norwegian in one place --------------------


class DomainError(Exception):
    """A refusal the member should see; `message` is already Norwegian (from texts.py)."""

    def __init__(self, message: str, *, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions


class NotFound(DomainError):
    pass


class Ambiguous(DomainError):
    pass


class NotAllowed(DomainError):
    pass


class BadInput(DomainError):
    pass


class Question(Ambiguous):
    """An Ambiguous that offers the answers as buttons («Hvilket møte?»)."""

    def __init__(self, message: str, *, buttons: tuple[Button, ...], suggestions: tuple[str, ...] = ()):
        super().__init__(message, suggestions=suggestions)
        self.buttons = buttons


class Offer(NotFound):
    """A NotFound that offers the nearest alternatives as buttons («Nærmeste møter: …»)."""

    def __init__(self, message: str, *, buttons: tuple[Button, ...], suggestions: tuple[str, ...] = ()):
        super().__init__(message, suggestions=suggestions)
        self.buttons = buttons


@dataclass(frozen=True)
class Asker:
    """The person behind an invocation, once linked."""

    person_id: int
    name: str
    is_secretariat: bool = False


@dataclass(frozen=True)
class Request:
    """What a handler is called with: the invocation, its argument text, who asks, and when."""

    invocation: Invocation
    args: str  # the text after the command word, or the whole free-text message
    asker: Asker | None
    now: dt.datetime  # aware UTC, from the injected clock


def with_note(reply: Reply, text: str) -> Reply:
    """The reply with one more note at the end."""
    return replace(reply, elements=(*reply.elements, Note(text)))
