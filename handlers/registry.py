"""The one table of commands: words, aliases, help, free-text patterns and handlers.

A slash command, a button action and a plain message all arrive here as an Invocation and reach
the same handler. `handle` opens one unit of work per command (a write transaction only for the
commands marked `writes`, or when a verified e-mail may link the asker), resolves the asker in it,
answers unlinked users, hands the handler a `Context` carrying the session, and turns typed domain
errors into a refusal and anything unexpected into an error reply with a short, logged id.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextvars import ContextVar

from sqlalchemy.orm import Session

from handlers import forfall, identity, reply_cache, texts, vedtak
from handlers.chat_commands import SECRETARIAT_CHAT
from handlers.errors import failure, new_error_id, refusal
from handlers.forfall_commands import UNDERSTOOD_FORFALL
from handlers.help import help_reply
from handlers.next_meeting import next_meeting
from handlers.open_saker import open_saker
from handlers.plan import plan
from handlers.routing import Command, Router
from handlers.secretariat_commands import SECRETARIAT_SIDE
from handlers.services import Context, Services
from handlers.types import DomainError, Invocation, Reply, Request, Text, with_note
from language.understanding import understand
from storage import events
from storage.db import unit_of_work

log = logging.getLogger(__name__)
# Told of every answer (bot/metrics.py counts): invocation, command word (None: unrouted), reply, seconds.
OBSERVERS: list[Callable[[Invocation, str | None, Reply, float], None]] = []
_ROUTED: ContextVar[str | None] = ContextVar("motebot_routed", default=None)


Settle = Callable[[Session, Reply], None]


class NeedsEmail(Exception):
    """With `ask_email`: the asker is not linked and the invocation carries no e-mail yet."""


def _help(req: Request, ctx: Context) -> Reply:
    return help_reply(req, COMMANDS)


# «jeg er Per Kierulf» needs two capitalised words as written: «jeg er syk» is not a name.
_JEG_ER_NAME = r"^\s*(jeg|eg)\s+er\s+([A-ZÆØÅ]\S*)(\s+[A-ZÆØÅ]\S*)+\s*[.!]?\s*$"
# Written in lower case it is a name only when nothing else fits: «jeg er per kierulf».
_JEG_ER_LOWER = r"^(jeg|eg) er [a-z.'-]+( [a-z.'-]+){1,4}$"

# The one list of commands, in the order «hjelp» shows them. The Slack adapter's slash commands and
# both manifests' command menus are made from it (`motebot manifests`); free-text patterns run by
# `precedence`, the most specific first.
COMMANDS: tuple[Command, ...] = (
    Command(
        "neste-møte",
        "neste møte [organ]",
        texts.HELP_NESTE,
        next_meeting,
        aliases=("neste møte", "nestemøte"),
        defers=True,
        patterns=(
            r"\bneste\b.{0,30}mote",
            r"\bnar (er|blir|har vi) (det )?(neste )?\w*mote",
            r"\bnar motes\b",
            r"\b(forstkommende|kommende) \w*mote\b",
        ),
        summary=texts.MENU_NESTE,
        slash_hint=texts.SLASH_HINT_BODY,
    ),
    Command(
        "møteplan",
        "møteplan [organ]",
        texts.HELP_PLAN,
        plan,
        aliases=("møteplan", "møtekalender", "kommende møter"),
        defers=True,
        patterns=(r"\bmote(plan|kalender)", r"\b(kommende|neste) moter\b", r"\bnar (er|har vi) motene\b"),
        precedence=1,
        summary=texts.MENU_PLAN,
        slash_hint=texts.SLASH_HINT_BODY,
    ),
    Command(
        "saker",
        "saker [organ]",
        texts.HELP_SAKER,
        open_saker,
        aliases=("åpne saker", "åpne-saker", "saker"),
        defers=True,
        patterns=(r"\b(apne|uavklarte|lopende|ventende) saker\b", r"\bhvilke saker\b", r"^saker\b"),
        precedence=2,
        summary=texts.MENU_SAKER,
        slash_hint=texts.SLASH_HINT_BODY,
    ),
    Command(
        "vedtak",
        "vedtak <nummer | ord>",
        texts.HELP_VEDTAK,
        vedtak.vedtak,
        aliases=("vedtak", "sak"),
        patterns=(
            r"\bvedt(att|ak|ok|eke)\b",
            r"\bsak \d",
            r"^\d{1,3}/\d{2,4}$",
            r"\bble (bestemt|besluttet)\b",
        ),
        precedence=3,
        needs_asker=False,
        summary=texts.MENU_VEDTAK,
        slash_hint=texts.SLASH_HINT_VEDTAK,
    ),
    Command(
        "vedtak-mer",
        "mer",
        texts.HELP_VEDTAK_MORE,
        vedtak.more,
        aliases=("mer", "flere", "vis flere"),
        needs_asker=False,
        listed=False,
    ),
    Command(
        "forfall",
        "forfall <dato | neste møte> [pga grunn] [, Navn møter for meg]",
        texts.HELP_FORFALL,
        forfall.register,
        writes=True,
        aliases=("meld forfall", "meld-forfall", "forfall"),
        patterns=(
            r"\bforfall\b",
            r"\bkan ikk?j?e (stille|mote|komme|kome|delta|vere med|vaere med)",
            r"\bfar ikk?j?e (kommet|komme|kome|kome meg|mott|stilt|deltatt|delteke)",
            r"\b(blir|vert) (ikke|ikkje) med\b",
            r"\bmoter for meg\b",
            r"\bforhindret\b",
        ),
        precedence=4,
        summary=texts.MENU_FORFALL,
        slash_hint=texts.SLASH_HINT_FORFALL,
    ),
    Command(
        "trekk-forfall",
        "trekk forfall [dato]",
        texts.HELP_TREKK,
        forfall.withdraw,
        writes=True,
        aliases=("trekk forfall", "angre forfall", "angre-forfall", "trekk", "angre"),
        patterns=(r"\b(trekk|trekker|trekke|angre|angrer|slett|fjern)\b.{0,40}\bforfall",),
        precedence=6,
        summary=texts.MENU_TREKK,
    ),
    Command(
        "mine-forfall",
        "mine forfall",
        texts.HELP_MINE,
        forfall.mine,
        aliases=("mine forfall", "mine-forfall", "mineforfall"),
        patterns=(r"\bmine (meldte )?forfall\b", r"\b(hvilke|kva) forfall har (jeg|eg)\b"),
        precedence=7,
        summary=texts.MENU_MINE,
    ),
    Command(
        "jeg-er",
        "jeg er <fullt navn>",
        texts.HELP_JEG_ER,
        identity.jeg_er,
        writes=True,
        aliases=("koble-meg",),
        needs_asker=False,
        exact_patterns=(_JEG_ER_NAME,),
        last_patterns=(_JEG_ER_LOWER,),
    ),
    Command(
        "hjelp",
        "hjelp",
        texts.HELP_HJELP,
        _help,
        aliases=("help", "?", "kommandoer"),
        patterns=(r"^(hjelp|help)\b", r"\bhva kan (du|jeg)\b", r"\bkva kan (du|eg)\b"),
        needs_asker=False,
        summary=texts.MENU_HJELP,
    ),
    Command(
        "koblinger",
        "koblinger",
        texts.HELP_KOBLINGER,
        identity.pending,
        aliases=("koblinger",),
        secretariat=True,
    ),
    Command(
        "bekreft-kobling",
        "bekreft-kobling",
        texts.HELP_BEKREFT,
        identity.confirm,
        secretariat=True,
        writes=True,
        listed=False,
    ),
    *UNDERSTOOD_FORFALL,
    *SECRETARIAT_CHAT,
    *SECRETARIAT_SIDE,
)

# What a plain message is read as before the command table's patterns (language.understanding).
_FORFALL_INTENTS = frozenset(
    ("question", "absence", "other_person", "conditional", "change_of_mind", "withdrawal")
)

_ROUTER = Router(COMMANDS)


def command_for(word: str) -> Command | None:
    """The command a slash-command word or button action names (aliases and ASCII twins too)."""
    return _ROUTER.command_for(word)


def route(invocation: Invocation) -> tuple[Command, str] | None:
    """The command and its argument text for an invocation; None when nothing fits."""
    return _ROUTER.route(invocation)


def handle(
    invocation: Invocation, services: Services, *, settle: Settle | None = None, ask_email: bool = False
) -> Reply:
    """Route an invocation, resolve the asker, run the handler in one unit of work; never raises.

    `settle(session, reply)` runs in a writing command's transaction, so a delivery is marked answered
    together with its effect (`events.Taken`: another runner answered first; rolled back, re-raised).
    `ask_email`: raise NeedsEmail (before any effect) for an asker not linked, so that the caller
    can fetch a verified e-mail from the platform and ask again.
    """
    started, routed = time.perf_counter(), _ROUTED.set(None)
    try:
        reply = _answer(invocation, services, settle, ask_email)  # a message cut at the edge gets a note:
        reply = with_note(reply, texts.MESSAGE_CUT) if invocation.cut else reply
        for observe in OBSERVERS:
            observe(invocation, _ROUTED.get(), reply, time.perf_counter() - started)
        return reply
    finally:
        _ROUTED.reset(routed)


def _answer(invocation: Invocation, services: Services, settle: Settle | None, ask_email: bool) -> Reply:
    try:
        return _handle(invocation, services, settle, ask_email)
    except (events.Taken, NeedsEmail):
        raise
    except DomainError as error:
        return refusal(error)
    except Exception:
        code = new_error_id()
        log.exception("handler failed [%s] %s %r", code, invocation.platform, invocation.command)
        return failure(code)


def _understood(invocation: Invocation, services: Services) -> tuple[Command, str] | None:
    """A plain message about forfall (or small talk) goes to the handler that understood it."""
    if invocation.command or not invocation.text.strip():
        return None
    u = understand(invocation.text, today=services.clock().astimezone(services.tz).date())
    word = "småprat" if u.intent == "small_talk" else None
    if u.about_forfall and u.intent in _FORFALL_INTENTS:
        word = "forfall-melding"
    command = command_for(word) if word else None
    return (command, invocation.text.strip()) if command else None


def _handle(invocation: Invocation, services: Services, settle: Settle | None, ask_email: bool) -> Reply:
    now = services.clock()
    routed = _understood(invocation, services) or route(invocation)
    if routed is None:
        if invocation.command and command_for(invocation.command) is None:
            message = texts.UNKNOWN_COMMAND.format(word=invocation.command)
            return Reply((Text(message),), fallback=message, kind="refusal")
        return Reply((Text(texts.NOT_UNDERSTOOD),), fallback=texts.NOT_UNDERSTOOD_FALLBACK, kind="refusal")
    command, args = routed
    _ROUTED.set(command.word)
    # A verified e-mail is only sent for a user not linked yet, and resolving may then link them.
    write = command.writes or (invocation.email is not None and invocation.platform != "console")
    with unit_of_work(services.factory, write=write) as session:
        # Only a read-only unit of work may keep its answer; the stamp is read before anything else.
        stamped = None if write else reply_cache.stamp(session, command.word)
        asker = identity.resolve_asker(session, invocation, now=now)
        if asker is None and ask_email and invocation.email is None:
            raise NeedsEmail
        if asker is None and command.needs_asker:
            reply = identity.unlinked_reply(invocation)
        else:
            req = Request(invocation=invocation, args=args, asker=asker, now=now)
            ctx = Context(session, services, now, services.tz)
            reply = reply_cache.answer(stamped, req, services.tz, lambda: command.handler(req, ctx))
        if settle is not None and write:
            settle(session, reply)
    return reply
