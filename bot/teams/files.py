"""Files sent to the bot in a Teams 1:1 chat: the `file.download.info` attachments, downloaded from their
pre-authorised `downloadUrl` (no token of ours goes along), at most the upload limit.

Teams puts a file into a personal chat with the bot only when the app package says
`supportsFiles`; in a channel a file is a SharePoint link the bot cannot read without Graph
permissions it does not ask for, so channel files are not taken.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace

import httpx
from microsoft_agents.activity import Activity

from bot.teams.adapter import base_conversation_id, event_key, is_personal, user_id
from bot.teams.settings import is_loopback_url
from bot.upload import FetchFailed, SharedFile, TooLarge
from bot.upload import receive as upload_receive
from handlers import secretariat_chat_texts as texts
from handlers.services import Services
from handlers.types import Invocation, Reply, Text

FILE_DOWNLOAD = "application/vnd.microsoft.teams.file.download.info"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)


def shared_files(activity: Activity, *, local_only: bool = False) -> list[SharedFile]:
    """The downloadable files of a personal-chat message (none in channels and group chats).

    `local_only` (anonymous local testing): only files on this machine, over http or https."""
    if not is_personal(activity):
        return []
    found = []
    for attachment in activity.attachments or []:
        content = attachment.content if isinstance(attachment.content, dict) else {}
        url = content.get("downloadUrl")
        if attachment.content_type != FILE_DOWNLOAD or not isinstance(url, str):
            continue
        if not (is_loopback_url(url) if local_only else url.startswith("https://")):
            continue  # SharePoint hands out https only; a local stand-in may use http
        found.append(SharedFile(attachment.name or "dokument", None, _fetcher(url)))
    return found


def file_invocation(activity: Activity) -> Invocation | None:
    """Who sent the files, where: the Invocation `bot.upload.receive` checks the sender by."""
    uid = user_id(activity)
    if uid is None or activity.conversation is None:
        return None
    return Invocation(
        platform="teams",
        user_id=uid,
        text="",
        channel_id=base_conversation_id(activity.conversation.id),
        is_direct=True,
        event_key=event_key(activity),
    )


def _fetcher(url: str) -> Callable[[int], bytes]:
    def fetch(limit: int) -> bytes:
        try:
            with httpx.stream("GET", url, timeout=TIMEOUT, follow_redirects=True) as response:
                if response.status_code != 200:
                    raise FetchFailed(f"HTTP {response.status_code}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise TooLarge(url)
                data = bytearray()
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > limit:
                        raise TooLarge(url)
                return bytes(data)
        except httpx.HTTPError as exc:
            raise FetchFailed(f"{type(exc).__name__}: {exc}") from exc

    return fetch


async def answer(
    services: Services, activity: Activity, files: list[SharedFile], *, user: str | None = None
) -> Reply:
    """Read the files of a 1:1 message in, in a worker thread (the import talks to the database).

    `user`: the sender's key among chat links (tenant and object id), when known."""
    invocation = file_invocation(activity)
    if invocation is not None and user:
        invocation = replace(invocation, user_id=user)
    if invocation is None:
        return Reply((Text(texts.UPLOAD_STAFF_ONLY),), fallback=texts.UPLOAD_STAFF_ONLY, kind="refusal")
    return await asyncio.to_thread(upload_receive, services, invocation, files)
