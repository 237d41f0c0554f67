"""Files shared with the bot in chat: documents are imported as `motebot import` does, rosters as
`motebot members import`. Platform-neutral: the Slack and Teams paths hand in `SharedFile`s whose
`fetch` downloads the bytes; nothing is downloaded before the sender is known to be the secretariat.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot import import_report, roster
from handlers import identity, upload_undo
from handlers import secretariat_chat_texts as texts
from handlers import summary as channel_summary
from handlers.services import Services
from handlers.types import BulletList, Buttons, Element, Heading, Invocation, Reply, Text
from ingest.load import import_paths
from storage import importing
from storage.db import unit_of_work

log = logging.getLogger(__name__)


DOCUMENTS = (".pdf", ".docx", ".txt", ".md")
ROSTERS = (".csv",)
MAX_BYTES = 20 * 1024 * 1024  # a case system's PDF with scanned attachments stays well below
MAX_FILES = 5
_UNSAFE = re.compile(r"[^\w.\-() ]+")


class TooLarge(Exception):
    """The file is larger than the limit (found while downloading)."""


class FetchFailed(Exception):
    """The platform would not give the file."""


@dataclass(frozen=True)
class SharedFile:
    """A file in a chat message; `fetch(limit)` returns its bytes, or raises TooLarge / FetchFailed."""

    name: str
    size: int | None
    fetch: Callable[[int], bytes] = field(compare=False, repr=False)


def receive(services: Services, invocation: Invocation, files: Sequence[SharedFile]) -> Reply:
    """Check the sender, then read each file in; the reply is the import report with its buttons."""
    with unit_of_work(services.factory) as session:
        asker = identity.resolve_asker(session, invocation, now=services.clock())
    if asker is None:
        return identity.unlinked_reply(invocation)
    if not asker.is_secretariat:
        return Reply((Text(texts.UPLOAD_STAFF_ONLY),), fallback=texts.UPLOAD_STAFF_ONLY, kind="refusal")
    elements: list[Element] = [Heading(texts.UPLOAD_HEADING)]
    done = 0
    for shared in files[:MAX_FILES]:
        part, ok = _one(services, shared)
        elements.extend(part)
        done += ok
    if len(files) > MAX_FILES:
        elements.append(Text(texts.UPLOAD_TOO_MANY.format(count=MAX_FILES)))
    fallback = texts.UPLOAD_FALLBACK.format(done=done, total=len(files))
    return Reply(tuple(elements), fallback=fallback, kind="answer" if done else "refusal")


def safe_name(name: str) -> str:
    """The file's own name, without folders or characters a file system may refuse."""
    base = Path(name.replace("\\", "/")).name.strip() or "dokument"
    return _UNSAFE.sub("_", base)[-200:]


def _one(services: Services, shared: SharedFile) -> tuple[list[Element], bool]:
    name = safe_name(shared.name)
    suffix = Path(name).suffix.lower()
    if suffix not in DOCUMENTS + ROSTERS:
        return [Text(texts.UPLOAD_BAD_TYPE.format(file=name))], False
    megabytes = MAX_BYTES // (1024 * 1024)
    too_large: list[Element] = [Text(texts.UPLOAD_TOO_LARGE.format(file=name, limit=megabytes))]
    if shared.size is not None and shared.size > MAX_BYTES:
        return too_large, False
    try:
        data = shared.fetch(MAX_BYTES)
    except TooLarge:
        return too_large, False
    except FetchFailed as exc:
        log.warning("could not download %s: %s", name, exc)
        return [Text(texts.UPLOAD_FETCH_FAILED.format(file=name))], False
    if len(data) > MAX_BYTES:
        return too_large, False
    if suffix in ROSTERS:
        return _roster(services, name, data)
    return _document(services, name, data)


def _document(services: Services, name: str, data: bytes) -> tuple[list[Element], bool]:
    with tempfile.TemporaryDirectory(prefix="motebot-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        (report,) = import_paths(services.factory, [path], clock=services.clock, tz=services.tz)
    lines: list[str] = import_report.describe(report)
    elements: list[Element] = [Text(lines[0])]
    if len(lines) > 1:
        elements.append(BulletList(tuple(line.strip() for line in lines[1:])))
    if not report.ok or report.unchanged:
        return elements, report.ok
    with unit_of_work(services.factory) as session:
        document = importing.document_with_content(session, content_hash=hashlib.sha256(data).hexdigest())
    buttons = [upload_undo.undo_button(document.id, document.content_hash)] if document else []
    note = channel_summary.after_import(services, kind=report.kind, body=report.body, date=report.date)
    if note is not None:
        elements.extend(e for e in note.elements if not isinstance(e, Buttons))
        buttons.extend(b for e in note.elements if isinstance(e, Buttons) for b in e.items)
    if buttons:
        elements.append(Buttons(tuple(buttons)))
    return elements, True


def _roster(services: Services, name: str, data: bytes) -> tuple[list[Element], bool]:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [Text(texts.UPLOAD_ROSTER_NOT_UTF8.format(file=name))], False
    with unit_of_work(services.factory) as session:
        rows, problems = roster.read_roster(session, content)
        if problems:
            lines = tuple(texts.UPLOAD_ROSTER_LINE.format(line=n, problem=p) for n, p in problems)
            return [Text(texts.UPLOAD_ROSTER_FAILED.format(file=name)), BulletList(lines)], False
        # The same writer as `motebot members import`: seats, groups and vara order too.
        roster.import_roster(session, rows)
    return [Text(texts.UPLOAD_ROSTER_DONE.format(file=name, count=len(rows)))], True
