"""A local stand-in for Slack's Web API: chat.postMessage and conversations.history, with faults.

It records every post with its metadata, answers history with that metadata (only when asked with
include_all_metadata, as Slack does), and can be told to answer 429 with Retry-After, 5xx, to post
and then fail, to hang after posting (so a test can kill the poster), and to keep a rate limit.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

TOKEN = "xoxb-test-token"


@dataclass
class Posted:
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    metadata: dict[str, Any] | None

    @property
    def key(self) -> str | None:
        return ((self.metadata or {}).get("event_payload") or {}).get("key")


@dataclass
class SlackStandIn:
    """State and knobs; `url` is the Web API base to give SLACK_API_URL."""

    url: str = ""
    posts: list[Posted] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # Actions for the next chat.postMessage calls: "429:SECONDS", "500", "503", "post_then_500", "hang".
    script: deque[str] = field(default_factory=deque)
    delay: float = 0.0  # seconds each chat.postMessage takes
    rate: float | None = None  # chat.postMessage per second over all channels (token bucket)
    burst: int = 5
    per_channel_rate: float | None = None  # Slack's «1 per second per channel» when set to 1.0
    limited: int = 0  # how many 429s the rate limit gave
    release_hang: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _tokens: float = 0.0
    _refilled: float = 0.0
    _last_in_channel: dict[str, float] = field(default_factory=dict)

    def method_calls(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    def keys(self) -> list[str | None]:
        return [p.key for p in self.posts]

    # --- behaviour --------------------------------------------------------------------------------

    def handle(
        self, method: str, params: dict[str, Any], auth: str | None
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self.lock:
            self.calls.append((method, params))
        if auth != f"Bearer {TOKEN}":
            return 200, {"ok": False, "error": "invalid_auth"}, {}
        if method == "chat.postMessage":
            return self._post(params)
        if method == "conversations.history":
            return self._history(params)
        return 200, {"ok": False, "error": "unknown_method"}, {}

    def _post(self, params: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self.lock:
            action = self.script.popleft() if self.script else ""
            if not action and self._over_limit(str(params.get("channel"))):
                self.limited += 1
                action = "429:1"
        if action.startswith("429"):
            return (
                429,
                {"ok": False, "error": "ratelimited"},
                {"Retry-After": action.partition(":")[2] or "1"},
            )
        if action in ("500", "503"):
            return int(action), {"ok": False, "error": "internal_error"}, {}
        if self.delay:
            time.sleep(self.delay)
        posted = self._record(params)
        if action == "post_then_500":
            return 500, {"ok": False, "error": "internal_error"}, {}
        if action == "hang":
            self.release_hang.wait(60)
            return 500, {"ok": False, "error": "timeout"}, {}
        message = {"ts": posted.ts, "text": posted.text, "type": "message"}
        return 200, {"ok": True, "channel": posted.channel, "ts": posted.ts, "message": message}, {}

    def _over_limit(self, channel: str) -> bool:
        now = time.monotonic()
        if self.per_channel_rate is not None:
            last = self._last_in_channel.get(channel)
            if last is not None and now - last < 1.0 / self.per_channel_rate:
                return True
        if self.rate is not None:
            if not self._refilled:
                self._tokens, self._refilled = float(self.burst), now
            self._tokens = min(float(self.burst), self._tokens + (now - self._refilled) * self.rate)
            self._refilled = now
            if self._tokens < 1.0:
                return True
            self._tokens -= 1.0
        self._last_in_channel[channel] = now
        return False

    def _record(self, params: dict[str, Any]) -> Posted:
        blocks = params.get("blocks") or []
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        metadata = params.get("metadata")
        if isinstance(metadata, str):
            metadata = json.loads(metadata)
        with self.lock:
            n = next(self._ts)
            posted = Posted(
                str(params.get("channel")),
                f"{1700000000 + n}.{n:06d}",
                str(params.get("text", "")),
                blocks,
                metadata,
            )
            self.posts.append(posted)
        return posted

    def _history(self, params: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        channel = str(params.get("channel"))
        with_meta = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
        limit = int(params.get("limit") or 100)
        start = int(params.get("cursor") or 0)
        with self.lock:
            mine = [p for p in reversed(self.posts) if p.channel == channel]
        page = mine[start : start + limit]
        messages = []
        for p in page:
            message: dict[str, Any] = {"type": "message", "ts": p.ts, "text": p.text}
            if with_meta and p.metadata:
                message["metadata"] = p.metadata
            messages.append(message)
        more = start + limit < len(mine)
        body = {"ok": True, "messages": messages, "has_more": more}
        body["response_metadata"] = {"next_cursor": str(start + limit) if more else ""}
        return 200, body, {}


def _handler(standin: SlackStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _answer(self, params: dict[str, Any]) -> None:
            method = urlparse(self.path).path.rsplit("/", 1)[-1]
            status, body, headers = standin.handle(method, params, self.headers.get("Authorization"))
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            query = parse_qs(urlparse(self.path).query)
            self._answer({k: v[0] for k, v in query.items()})

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            kind = self.headers.get("Content-Type", "")
            if "json" in kind:
                params = json.loads(raw or b"{}")
            else:
                params = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
            params.update({k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()})
            self._answer(params)

    return Handler


@contextmanager
def running_standin(**knobs: Any) -> Iterator[SlackStandIn]:
    """A stand-in listening on 127.0.0.1 (a free port) for the length of the block."""
    standin = SlackStandIn(**knobs)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(standin))
    server.daemon_threads = True
    standin.url = f"http://127.0.0.1:{server.server_address[1]}/api/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield standin
    finally:
        standin.release_hang.set()
        server.shutdown()
        server.server_close()
