"""Files shared with the bot in Slack (a DM, or a channel message that @mentions it): read in by
`bot.upload` when the sender is the secretariat.

The delivery keeps only each file's id, name and size (it is written down before the
acknowledgement). At answer time `files.info` gives the private URL, and the bytes come from
there with the bot token (scope `files:read`), never more than the upload limit. The token goes
only to Slack's file host (or the host of SLACK_API_URL, the local stand-in in tests).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from handlers.services import Services
from handlers.types import Invocation, Reply

UPLOAD_COMMAND = "slack:filer"  # not a registry word: bot.slack.durable answers it with bot.upload
FILE_HOSTS = ("files.slack.com",)
TIMEOUT = 30.0, 10.0  # seconds to read, to connect


def file_refs(event: dict[str, Any]) -> str | None:
    """The files of a message event as the delivery keeps them (JSON), or None when it has none."""
    refs = [
        {
            "id": str(f["id"]),
            "name": str(f.get("name") or f.get("title") or "dokument"),
            "size": f.get("size"),
        }
        for f in event.get("files") or []
        if isinstance(f, dict) and f.get("id") and f.get("mode") not in ("tombstone", "hidden_by_limit")
    ]
    return json.dumps(refs, ensure_ascii=False) if refs else None


def answer(services: Services, invocation: Invocation, *, token: str, base_url: str) -> Reply:
    """Read the files of an upload delivery in (bot.upload checks the sender first)."""
    from bot.upload import SharedFile, receive  # the readers are loaded with the first upload

    refs = json.loads(invocation.text)
    files = [
        SharedFile(
            r["name"],
            r["size"] if isinstance(r.get("size"), int) else None,
            _fetcher(r["id"], token, base_url),
        )
        for r in refs
    ]
    return receive(services, invocation, files)


def _fetcher(file_id: str, token: str, base_url: str) -> Callable[[int], bytes]:
    headers = {"Authorization": f"Bearer {token}"}
    allowed = {*FILE_HOSTS, urlparse(base_url).hostname}

    def fetch(limit: int) -> bytes:
        import httpx

        from bot.upload import FetchFailed, TooLarge

        try:
            info = httpx.post(
                f"{base_url}files.info", data={"file": file_id}, headers=headers, timeout=_timeout()
            )
            body = info.json() if info.status_code == 200 else {}
            if not body.get("ok"):
                raise FetchFailed(f"files.info: {body.get('error') or info.status_code}")
            file = body["file"]
            if isinstance(file.get("size"), int) and file["size"] > limit:
                raise TooLarge(file_id)
            url = str(file.get("url_private_download") or file.get("url_private") or "")
            if urlparse(url).hostname not in allowed:
                raise FetchFailed(f"unexpected file host in {url[:80]}")
            return _download(url, headers, limit)
        except httpx.HTTPError as exc:
            raise FetchFailed(f"{type(exc).__name__}: {exc}") from exc

    return fetch


def _timeout() -> Any:
    import httpx

    return httpx.Timeout(TIMEOUT[0], connect=TIMEOUT[1])


def _download(url: str, headers: dict[str, str], limit: int) -> bytes:
    import httpx

    from bot.upload import FetchFailed, TooLarge

    # No redirects: Slack serves the bytes itself, and a redirect must not carry the token away.
    with httpx.stream("GET", url, headers=headers, timeout=_timeout(), follow_redirects=False) as response:
        if response.status_code != 200:
            raise FetchFailed(f"HTTP {response.status_code}")
        data = bytearray()
        for chunk in response.iter_bytes():
            data += chunk
            if len(data) > limit:
                raise TooLarge(url)
        return bytes(data)
