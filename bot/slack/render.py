"""Reply → Block Kit, with every Slack limit kept here: blocks, characters a section, the total.

Handlers never know these limits. Long lists are cut with «… og N til» and every message gets a
fallback text for notifications and screen readers. Content is plain text where Slack allows it,
so nothing a member wrote is read as formatting; labels and list titles are mrkdwn, escaped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.slack import texts as slack_texts
from bot.slack.mrkdwn import chunks as _chunks
from bot.slack.mrkdwn import cut as _cut
from bot.slack.mrkdwn import escape_mrkdwn as escape_mrkdwn
from handlers import texts
from handlers.types import BulletList, Button, Buttons, Element, Facts, Heading, Note, Reply, Text

log = logging.getLogger(__name__)

MAX_BLOCKS = 50  # a message; App Home and modals allow 100
MAX_SECTION = 3000  # characters in a section's text
# Characters across all blocks: Slack documents no figure, but refuses about 13,000 with
# `msg_blocks_too_long` (slackapi/bolt-js#2509), so we stay below that.
MAX_TOTAL = 12000
MAX_HEADER = 150
MAX_FIELDS = 10
MAX_FIELD = 2000
MAX_CONTEXT = 2000
MAX_BUTTONS = 25  # elements in one actions block
MAX_BUTTON_ROWS = 10  # actions blocks we allow ourselves in one message
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_FALLBACK = 3000
ACTION_PREFIX = "mb"
_MORE_ROOM = len(texts.MORE_ITEMS.format(count=99999)) + 1


def render_message(reply: Reply) -> tuple[list[dict[str, Any]], str]:
    """The blocks of a message and its fallback text (never empty)."""
    return render_blocks(reply), fallback_text(reply)


def fallback_text(reply: Reply) -> str:
    """The reply's one-line summary, else its first heading or text, cut to Slack's display size."""
    text = reply.fallback.strip()
    if not text:
        firsts = (e.text for e in reply.elements if isinstance(e, Heading | Text) and e.text.strip())
        text = next(firsts, slack_texts.SLACK_FALLBACK)
    # Slack reads the fallback as mrkdwn: «<@U…>» in it would notify someone, so it is escaped.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _cut(" ".join(text.split()), MAX_FALLBACK)


def action_id(action: str, index: int) -> str:
    """A button's action id: the registry command word, made unique within the message."""
    return f"{ACTION_PREFIX}:{action}:{index}"


def command_of(action_id_: str) -> str | None:
    """The registry command word a button's action id carries, None for ids that are not ours."""
    prefix, _, rest = action_id_.partition(":")
    if prefix != ACTION_PREFIX or ":" not in rest:
        return None
    return rest.rpartition(":")[0] or None


@dataclass
class _Budget:
    blocks: int
    chars: int
    out: list[Block] = field(default_factory=list)
    dropped: int = 0  # items (list items, or whole elements) that did not fit

    def fits(self, cost: int, blocks: int = 1) -> bool:
        return self.blocks >= blocks and self.chars >= cost

    def add(self, block: Block, cost: int) -> None:
        self.out.append(block)
        self.blocks -= 1
        self.chars -= cost


def render_blocks(
    reply: Reply, *, max_blocks: int = MAX_BLOCKS, max_total: int = MAX_TOTAL
) -> list[dict[str, Any]]:
    """The reply as Block Kit dicts within `max_blocks` blocks and `max_total` characters."""
    # Buttons are what a member acts on: their room is set aside first (a few rows, at most a
    # quarter of the characters), and one block for a closing «… og N til». They stay where the
    # reply puts them, under the meeting they belong to.
    kept, rows, button_chars, dropped = _plan_buttons(reply, max_blocks=max_blocks, max_total=max_total)
    budget = _Budget(blocks=max_blocks - rows - 1, chars=max_total - button_chars - _MORE_ROOM)
    budget.dropped = dropped
    minimal = [_minimal(e) for e in reply.elements]
    index = 0  # action ids are unique within the message
    for n, element in enumerate(reply.elements):
        if isinstance(element, Buttons):
            for start in range(0, len(kept[n]), MAX_BUTTONS):
                chunk = kept[n][start : start + MAX_BUTTONS]
                budget.out.append(ActionsBlock(elements=[_button(b, index + i) for i, b in enumerate(chunk)]))
                index += len(chunk)
            continue
        # What the later elements need at the least is held back, so that one long list cannot
        # crowd out the text and notes after it.
        held_blocks = min(sum(b for b, _ in minimal[n + 1 :]), max(budget.blocks - 1, 0))
        held_chars = min(sum(c for _, c in minimal[n + 1 :]), max(budget.chars - 200, 0))
        budget.blocks -= held_blocks
        budget.chars -= held_chars
        _element(budget, element)
        budget.blocks += held_blocks
        budget.chars += held_chars
    if budget.dropped:
        more = texts.MORE_ITEMS.format(count=budget.dropped)
        budget.out.append(ContextBlock(elements=[PlainTextObject(text=more, emoji=False)]))
    return [block.to_dict() for block in budget.out]


def _plan_buttons(
    reply: Reply, *, max_blocks: int, max_total: int
) -> tuple[dict[int, list[Button]], int, int, int]:
    """The buttons kept per Buttons element, the rows and characters they take, and how many went."""
    row_cap = max(1, min(MAX_BUTTON_ROWS, max_blocks // 5))
    kept: dict[int, list[Button]] = {}
    rows = chars = dropped = 0
    for n, element in enumerate(reply.elements):
        if not isinstance(element, Buttons):
            continue
        mine: list[Button] = []
        for button in element.items:
            label = len(button.label[:MAX_BUTTON_TEXT])
            fits = rows + -(-(len(mine) + 1) // MAX_BUTTONS) <= row_cap and chars + label <= max_total // 4
            if fits and _button_ok(button):
                mine.append(button)
                chars += label
            else:
                dropped += 1
        rows += -(-len(mine) // MAX_BUTTONS)
        kept[n] = mine
    return kept, rows, chars, dropped


def _element(budget: _Budget, element: Element) -> None:
    if isinstance(element, Heading):
        _heading(budget, element)
    elif isinstance(element, Text):
        _text(budget, element.text)
    elif isinstance(element, Facts):
        _facts(budget, element)
    elif isinstance(element, BulletList):
        _bullets(budget, element)
    elif isinstance(element, Note):
        _note(budget, element.text)


def _minimal(element: Element) -> tuple[int, int]:
    """The blocks and characters an element needs at the least to be seen at all."""
    if isinstance(element, Heading):
        return 1, min(len(element.text), MAX_HEADER)
    if isinstance(element, Text | Note):
        return 1, min(len(element.text), 300)
    if isinstance(element, Facts):
        return -(-len(element.items) // MAX_FIELDS), sum(len(a) + len(b) + 4 for a, b in element.items)
    if isinstance(element, BulletList):
        first = min(len(element.items[0]), 200) if element.items else 0
        return 1, len(element.title or "") + first + _MORE_ROOM
    return 0, 0


def _heading(budget: _Budget, element: Heading) -> None:
    text = _cut(" ".join(element.text.split()), MAX_HEADER)
    if not text:
        return
    if budget.fits(len(text)):
        budget.add(HeaderBlock(text=PlainTextObject(text=text, emoji=False)), len(text))
    else:
        budget.dropped += 1


def _text(budget: _Budget, text: str) -> None:
    chunks = _chunks(text.strip(), MAX_SECTION)
    for n, chunk in enumerate(chunks):
        if not budget.fits(len(chunk)):
            if budget.blocks >= 1 and budget.chars >= 200:  # worth a shortened last section
                chunk = _cut(chunk, budget.chars)
                budget.add(SectionBlock(text=PlainTextObject(text=chunk, emoji=False)), len(chunk))
            elif n == 0:
                budget.dropped += 1
            return
        budget.add(SectionBlock(text=PlainTextObject(text=chunk, emoji=False)), len(chunk))


def _facts(budget: _Budget, element: Facts) -> None:
    fields = [
        _cut(f"*{escape_mrkdwn(label)}*\n{escape_mrkdwn(value)}", MAX_FIELD) for label, value in element.items
    ]
    for start in range(0, len(fields), MAX_FIELDS):
        chunk = fields[start : start + MAX_FIELDS]
        cost = sum(len(f) for f in chunk)
        if not budget.fits(cost):
            budget.dropped += len(fields) - start
            return
        budget.add(SectionBlock(fields=[MarkdownTextObject(text=f) for f in chunk]), cost)


def _bullets(budget: _Budget, element: BulletList) -> None:
    """Items packed into sections; what does not fit becomes «… og N til» on the last line."""
    title = [f"*{escape_mrkdwn(element.title)}*"] if element.title else []
    items = [escape_mrkdwn("• " + " ".join(item.split())) for item in element.items]
    if budget.blocks < 1 or budget.chars < _size(title) + _MORE_ROOM:
        budget.dropped += max(len(items), 1)
        return
    sections: list[list[str]] = []
    current = title
    committed = 0  # characters of the sections already closed
    shown = 0
    for item in items:
        item = _cut(item, MAX_SECTION - _MORE_ROOM - 1)  # any one item fits a section of its own
        grown = _size([*current, item])
        # Room is always held for «… og N til», in the section and in the whole message.
        if grown + _MORE_ROOM <= MAX_SECTION and committed + grown + _MORE_ROOM <= budget.chars:
            current = [*current, item]
        elif (
            current
            and budget.blocks - len(sections) >= 2
            and (committed + _size(current) + len(item) + _MORE_ROOM <= budget.chars)
        ):
            sections.append(current)
            committed += _size(current)
            current = [item]
        else:
            break
        shown += 1
    rest = len(items) - shown
    if rest:
        current = [*current, texts.MORE_ITEMS.format(count=rest)]
    if current:
        sections.append(current)
    for lines in sections:
        text = "\n".join(lines)
        budget.add(SectionBlock(text=MarkdownTextObject(text=text, verbatim=True)), len(text))


def _size(lines: list[str]) -> int:
    return len("\n".join(lines))


def _note(budget: _Budget, text: str) -> None:
    text = _cut(" ".join(text.split()), MAX_CONTEXT)
    if text and budget.fits(len(text)):
        budget.add(ContextBlock(elements=[PlainTextObject(text=text, emoji=False)]), len(text))
    elif text:
        budget.dropped += 1


def _button_ok(button: Button) -> bool:
    # A cut value would be another argument than the handler meant: such a button is left out.
    if len(button.value) > MAX_BUTTON_VALUE or len(action_id(button.action, 999)) > 255:
        log.warning("button %r left out: its value or action is too long for Slack", button.label)
        return False
    return True


def _button(button: Button, index: int) -> ButtonElement:
    style = None if button.style == "default" else button.style
    return ButtonElement(
        text=PlainTextObject(text=_cut(button.label, MAX_BUTTON_TEXT), emoji=False),
        action_id=action_id(button.action, index),
        value=button.value,
        style=style,
    )
