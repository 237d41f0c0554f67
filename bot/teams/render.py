"""Reply → Adaptive Card (version 1.5) for Teams; this module owns every Teams card limit."""

from __future__ import annotations

import json
import re
from typing import Any

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import CardFactory, MessageFactory

from handlers import texts
from handlers.types import BulletList, Button, Buttons, Element, Facts, Heading, Note, Reply, Text

CARD_VERSION = "1.5"
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
# Teams refuses a message above about 28 KB; keep the card well under it, with room for the envelope.
MAX_CARD_BYTES = 24_000
# A long list shows its first items and «… og N til»; fewer when the card would grow too large.
LIST_LIMITS = (12, 6, 3)
MAX_TEXT_CHARS = 2_000

_BUTTON_STYLES = {"primary": "positive", "danger": "destructive"}
# FactSet titles and values are read as Markdown: Teams knows bold, italic, links and lists only, so
# only their markers are escaped (an escaped «#» would show its backslash).
_MARKDOWN_CHARS = re.compile(r"([\\*_\[\]])")
_LIST_START = re.compile(r"^(\s*)(\d+)\.(\s)|^(\s*)([-+])(\s)", re.MULTILINE)


def escape_markdown(value: str) -> str:
    """Escape what Teams' Markdown would otherwise turn into emphasis, links or lists."""
    escaped = _MARKDOWN_CHARS.sub(r"\\\1", value)
    return _LIST_START.sub(lambda m: f"{m[1]}{m[2]}\\.{m[3]}" if m[2] else f"{m[4]}\\{m[5]}{m[6]}", escaped)


def _clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _plain(value: str, limit: int, **style: Any) -> dict[str, Any]:
    """A RichTextBlock with one TextRun: shown exactly as given, since TextRun reads no Markdown."""
    return {"type": "RichTextBlock", "inlines": [{"type": "TextRun", "text": _clip(value, limit), **style}]}


def _heading(element: Heading, kind: str) -> dict[str, Any]:
    style: dict[str, Any] = {"size": "Large", "weight": "Bolder"}
    if kind == "error":
        style["color"] = "Attention"
    return _plain(element.text, 300, **style)


def _facts(element: Facts, limit: int) -> dict[str, Any]:
    return {
        "type": "FactSet",
        "facts": [
            {"title": escape_markdown(_clip(title, 100)), "value": escape_markdown(_clip(value, limit))}
            for title, value in element.items
        ],
    }


def _bullets(element: BulletList, max_items: int, limit: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if element.title:
        out.append(_plain(element.title, 300, weight="Bolder"))
    shown = element.items[:max_items]
    for item in shown:
        block = _plain(f"• {item}", limit)
        block["spacing"] = "Small"
        out.append(block)
    rest = len(element.items) - len(shown)
    if rest > 0:
        out.append(_plain(texts.MORE_ITEMS.format(count=rest), 100, isSubtle=True, italic=True))
    return out


def _action(button: Button) -> dict[str, Any]:
    action: dict[str, Any] = {
        "type": "Action.Submit",
        "title": _clip(button.label, 60),
        "data": {"action": button.action, "value": button.value},
    }
    if button.style in _BUTTON_STYLES:
        action["style"] = _BUTTON_STYLES[button.style]
    return action


def _element(element: Element, kind: str, max_items: int, limit: int) -> list[dict[str, Any]]:
    if isinstance(element, Heading):
        return [_heading(element, kind)]
    if isinstance(element, Text):
        return [_plain(element.text, limit)]
    if isinstance(element, Facts):
        return [_facts(element, limit)]
    if isinstance(element, BulletList):
        return _bullets(element, max_items, limit)
    if isinstance(element, Buttons):
        return [{"type": "ActionSet", "actions": [_action(b) for b in element.items]}]
    if isinstance(element, Note):
        return [_plain(element.text, limit, size="Small", isSubtle=True)]
    raise TypeError(f"unknown reply element: {element!r}")


def _card(reply: Reply, max_items: int, limit: int) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    for element in reply.elements:
        body.extend(_element(element, reply.kind, max_items, limit))
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": CARD_SCHEMA,
        "version": CARD_VERSION,
        "body": body,
        "msteams": {"width": "Full"},
    }
    if reply.fallback:
        card["fallbackText"] = _clip(reply.fallback, 300)
    return card


def card_size(card: dict[str, Any]) -> int:
    """The card's size in bytes as it travels (compact UTF-8 JSON)."""
    return len(json.dumps(card, ensure_ascii=False, separators=(",", ":")).encode())


def render_card(reply: Reply) -> dict[str, Any]:
    """The Adaptive Card for `reply`, cut to fit Teams: shorter lists first, then shorter texts."""
    card: dict[str, Any] = {}
    for limit in (MAX_TEXT_CHARS, 500):
        for max_items in LIST_LIMITS:
            card = _card(reply, max_items, limit)
            if card_size(card) <= MAX_CARD_BYTES:
                return card
    return _drop_to_fit(card)


def _drop_to_fit(card: dict[str, Any]) -> dict[str, Any]:
    """Last resort for a reply of very many parts: drop from the end (buttons stay), say how many."""
    body: list[dict[str, Any]] = card["body"]
    actions = [el for el in body if el["type"] == "ActionSet"]
    rest = [el for el in body if el["type"] != "ActionSet"]
    dropped = 0
    while rest and card_size({**card, "body": [*rest, *actions]}) > MAX_CARD_BYTES - 200:
        rest.pop()
        dropped += 1
    more = _plain(texts.MORE_ITEMS.format(count=dropped), 100, isSubtle=True, italic=True)
    return {**card, "body": [*rest, more, *actions]}


def card_activity(card: dict[str, Any], *, summary: str = "") -> Activity:
    """A message activity carrying one Adaptive Card; `summary` is what notifications show."""
    activity = MessageFactory.attachment(CardFactory.adaptive_card(card))
    if summary:
        activity.summary = _clip(summary, 300)
    return activity


def to_activity(reply: Reply) -> Activity:
    """The message activity for `reply`."""
    return card_activity(render_card(reply), summary=reply.fallback)
