"""Undo an import: what one document brought leaves the database, as if it had never been read.

The same steps the loader takes when a document is read again (forget what it said, settle its
meetings, re-derive the møteplan in its window), then the document row itself goes. A summary
post still waiting for the document's meeting is dropped; one already out stays in the channel.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage import importing, planlines
from storage.models import Document, ReminderPost


@dataclass(frozen=True)
class Undone:
    file_name: str
    kind: str


def undo_import(session: Session, *, document_id: int, content_hash: str) -> Undone | None:
    """Remove the document (this version of it); None when it is gone or was imported again since."""
    row = session.execute(select(Document.content_hash).where(Document.id == document_id)).first()
    if row is None or not row.content_hash.startswith(content_hash):
        return None
    document = importing.document_with_content(session, content_hash=row.content_hash)
    assert document is not None
    forgotten = importing.forget_document(session, document=document)
    session.execute(delete(Document).where(Document.id == document.id))
    importing.settle_meetings(session, meeting_ids=forgotten.meeting_ids)
    windows = [forgotten.plan_window, *((d, d) for d in forgotten.dates)]
    planlines.refresh_planned_meetings(session, windows=windows)
    if forgotten.meeting_ids:
        session.execute(
            delete(ReminderPost).where(
                ReminderPost.meeting_id.in_(list(forgotten.meeting_ids)),
                ReminderPost.kind.like("summary:%"),
                ReminderPost.state == "pending",
            )
        )
    return Undone(document.file_name, document.kind)
