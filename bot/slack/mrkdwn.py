"""Text for Block Kit: mrkdwn escaped, cut to a limit, split into pieces that fit."""

from __future__ import annotations

import re

_FORMATTING = re.compile(r"([*_~`])")


def escape_mrkdwn(text: str) -> str:
    """Slack's three control characters, and formatting marks broken up by zero-width spaces."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _FORMATTING.sub("\u200b\\1\u200b", text)


def cut(text: str, limit: int) -> str:
    """`text` within `limit` characters, ending in «…» when shortened."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"[:limit]
    return text[: limit - 1].rstrip() + "…"


def chunks(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters, split at line breaks or spaces when possible."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = text.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces
