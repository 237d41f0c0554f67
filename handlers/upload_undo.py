"""«Angre importen»: the button under a chat import's report takes that document out again."""

from __future__ import annotations

import re

from handlers import secretariat_chat_texts as texts
from handlers.chat_common import staff_only
from handlers.services import Context
from handlers.types import BadInput, Button, Reply, Request, Text
from storage import document_undo

_VALUE = re.compile(r"^document:(\d+):([0-9a-f]{12,64})$")


def undo_button(document_id: int, content_hash: str) -> Button:
    """The button for one imported document (this version of it)."""
    return Button(
        texts.BUTTON_UNDO_IMPORT, "angre-import", f"document:{document_id}:{content_hash[:16]}", "danger"
    )


def undo_import(req: Request, ctx: Context) -> Reply:
    """Remove the document the button names, if it is still the version that was imported."""
    staff_only(req)
    match = _VALUE.match(req.args.strip())
    if match is None:
        raise BadInput(texts.UNDO_STALE)
    session = ctx.session
    undone = document_undo.undo_import(session, document_id=int(match[1]), content_hash=match[2])
    if undone is None:
        raise BadInput(texts.UNDO_STALE)
    line = texts.UNDO_DONE.format(file=undone.file_name)
    return Reply((Text(line),), fallback=line)
