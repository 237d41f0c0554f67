"""Reply → plain text for the terminal (buttons numbered, so typing the number presses one), and JSON."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from handlers.types import BulletList, Button, Buttons, Facts, Heading, Note, Reply, Text

# The console shows text as written; strip control characters so a stored string cannot drive the
# terminal (colours, cursor moves) when it is printed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x1b]")


@dataclass(frozen=True)
class ConsoleText:
    """The text to print and the buttons in the order they were numbered."""

    text: str
    buttons: tuple[Button, ...]


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def render(reply: Reply) -> ConsoleText:
    """Plain text, one block per element; buttons as «[1] Meld forfall»."""
    blocks: list[str] = []
    buttons: list[Button] = []
    for element in reply.elements:
        if isinstance(element, Heading):
            title = _clean(element.text)
            blocks.append(f"{title}\n{'─' * len(title)}")
        elif isinstance(element, Text):
            blocks.append(_clean(element.text))
        elif isinstance(element, Facts):
            width = max((len(label) for label, _ in element.items), default=0)
            rows = (f"  {_clean(label) + ':':<{width + 1}} {_clean(value)}" for label, value in element.items)
            blocks.append("\n".join(rows))
        elif isinstance(element, BulletList):
            lines = [_clean(element.title)] if element.title else []
            lines += [f"  • {_clean(item)}" for item in element.items]
            blocks.append("\n".join(lines))
        elif isinstance(element, Buttons):
            numbered = []
            for button in element.items:
                buttons.append(button)
                numbered.append(f"[{len(buttons)}] {_clean(button.label)}")
            blocks.append("  " + "   ".join(numbered))
        elif isinstance(element, Note):
            blocks.append(f"  ({_clean(element.text)})")
    return ConsoleText("\n".join(blocks), tuple(buttons))


def reply_to_json(reply: Reply) -> dict[str, Any]:
    """The reply model as plain JSON: each element with its `type`."""
    elements = []
    for element in reply.elements:
        data = _lists(dataclasses.asdict(element))
        elements.append({"type": _TYPE_NAMES[type(element)], **data})
    return {"kind": reply.kind, "private": reply.private, "fallback": reply.fallback, "elements": elements}


def _lists(value: Any) -> Any:
    """Tuples as lists, so the dict is exactly what JSON gives back."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_lists(v) for v in value]
    return value


_TYPE_NAMES: dict[type, str] = {
    Heading: "heading",
    Text: "text",
    Facts: "facts",
    BulletList: "bullet_list",
    Buttons: "buttons",
    Note: "note",
}
