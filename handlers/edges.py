"""The edge of the message path: what any platform hands in is cleaned and bounded before use.

Every Invocation passes through `clean_text`/`clean_id` as it is made (handlers.types), so no
adapter can forget it: NUL and other control characters (PostgreSQL refuses NUL in text, and a
terminal or log obeys the others), lone surrogates (they cannot be encoded), and a message longer
than any member writes is cut at MAX_MESSAGE_CHARS — the reply then says so.
"""

from __future__ import annotations

import re

MAX_MESSAGE_CHARS = 4_000
MAX_ID_CHARS = 256  # user, channel, team ids and e-mail addresses are far shorter

# C0 controls except tab and newline, DEL, C1 controls, lone surrogates, and the Unicode
# non-characters U+FFFE/U+FFFF.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")


def clean_text(text: str, limit: int = MAX_MESSAGE_CHARS) -> tuple[str, bool]:
    """The text without control characters, cut at `limit` characters; True when it was cut."""
    cut = len(text) > limit
    if cut:
        text = text[:limit]
    text = _CONTROL.sub("", _NEWLINES.sub("\n", text.replace("\x00", "")))
    return text, cut


def clean_id(value: str | None) -> str | None:
    """A platform id or address cleaned the same way and cut at MAX_ID_CHARS."""
    if value is None:
        return None
    return clean_text(value, MAX_ID_CHARS)[0]


def parse_id(digits: str, *, limit: int = 2**31 - 1) -> int | None:
    """A database id from its digits; None when it is out of range (any integer column holds it)."""
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
        return None
    value = int(digits)
    return value if 0 < value <= limit else None
