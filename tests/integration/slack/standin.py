"""A local stand-in for Slack's Web API and for response_url, on 127.0.0.1, recording every call.

It answers like Slack for the methods the app uses (auth.test, chat.postMessage,
chat.postEphemeral, views.open, views.publish, users.info, users.lookupByEmail) and can be told to
answer a method with 429 and Retry-After, or a 5xx, a number of times. Response URLs are
`{base}response/{name}`; whatever is posted there is recorded too.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

TOKEN = "xoxb-test-token"
BOT_USER = "UBOT0001"


@dataclass
class Call:
    method: str  # "chat.postMessage", or "response_url" for a post to a response URL
    args: dict[str, Any]
    path: str
    at: float = 0.0  # time.monotonic() when it arrived (the same clock in every process here)
    auth: str | None = None  # the Authorization header it came with (whose token)


@dataclass
class Fault:
    status: int
    retry_after: str | None = None


@dataclass
class StandIn:
    """State and knobs of the stand-in; `api_url` goes to SLACK_API_URL."""

    base: str = ""
    calls: list[Call] = field(default_factory=list)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    faults: dict[str, deque[Fault]] = field(default_factory=lambda: defaultdict(deque))
    lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    server: ThreadingHTTPServer | None = None
    socket_url: str = ""  # what apps.connections.open answers (a Socket Mode stand-in)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # file id → (name, bytes)
    # oauth.v2.access: code → (team id, team name, bot token) of the workspace installing the app
    installs: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    @property
    def api_url(self) -> str:
        return self.base + "api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.base}response/{name}"

    def of(self, method: str) -> list[dict[str, Any]]:
        """The arguments of every call of `method`, in order."""
        with self.lock:
            return [c.args for c in self.calls if c.method == method]

    def auths(self, method: str) -> list[str | None]:
        """The Authorization header of every call of `method`, in order."""
        with self.lock:
            return [c.auth for c in self.calls if c.method == method]

    def methods(self) -> list[str]:
        with self.lock:
            return [c.method for c in self.calls if c.method != "auth.test"]

    def fail(self, method: str, status: int, *, times: int = 1, retry_after: str | None = None) -> None:
        """Answer the next `times` calls of `method` with `status` (429 gets Retry-After)."""
        for _ in range(times):
            self.faults[method].append(Fault(status, retry_after))

    def add_user(
        self, user_id: str, *, email: str | None, confirmed: bool = True, team: str = "T0TEST"
    ) -> None:
        self.users[user_id] = {
            "id": user_id,
            "team_id": team,
            "name": user_id.lower(),
            "deleted": False,
            "is_bot": False,
            "is_email_confirmed": confirmed,
            "profile": {"real_name": "Noen", "display_name": "noen", **({"email": email} if email else {})},
        }

    def reset(self) -> None:
        with self.lock:
            self.calls.clear()
            self.users.clear()
            self.faults.clear()
            self.files.clear()
            self.installs.clear()

    def add_file(self, file_id: str, name: str, data: bytes) -> dict[str, Any]:
        """A file a member shared; returns its object as a message event carries it."""
        self.files[file_id] = (name, data)
        return self._file(file_id)

    def _file(self, file_id: str) -> dict[str, Any]:
        name, data = self.files[file_id]
        url = f"{self.base}files-pri/T0TEST-{file_id}/{name}"
        return {
            "id": file_id,
            "created": 1506940000,
            "name": name,
            "title": name,
            "mimetype": "application/octet-stream",
            "filetype": name.rsplit(".", 1)[-1],
            "user": "U0SOMEONE",
            "mode": "hosted",
            "size": len(data),
            "is_external": False,
            "url_private": url,
            "url_private_download": url.replace("/files-pri/", "/files-pri/download/", 1),
        }

    def answer(
        self, method: str, args: dict[str, Any], auth: str | None = None
    ) -> tuple[int, dict[str, str], dict[str, Any] | str]:
        """(status, headers, body) for one call; records it first."""
        with self.lock:
            self.calls.append(Call(method, args, "", time.monotonic(), auth))
            queue = self.faults.get(method)
            fault = queue.popleft() if queue else None
            ts = f"1506940000.{next(self._ts):06d}"
        if fault is not None:
            headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
            error = "ratelimited" if fault.status == 429 else "internal_error"
            return fault.status, headers, {"ok": False, "error": error}
        if method == "response_url":
            return 200, {}, "ok"
        if method == "auth.test":
            return (
                200,
                {},
                {
                    "ok": True,
                    "url": "https://t.slack.test/",
                    "team": "Test",
                    "user": "motebot",
                    "team_id": "T0TEST",
                    "user_id": BOT_USER,
                    "bot_id": "B0BOT001",
                },
            )
        if method == "oauth.v2.access":
            found = self.installs.get(str(args.get("code")))
            if found is None:
                return 200, {}, {"ok": False, "error": "invalid_code"}
            team_id, team_name, token = found
            return 200, {}, {
                "ok": True,
                "access_token": token,
                "token_type": "bot",
                "scope": "commands,chat:write",
                "bot_user_id": BOT_USER,
                "app_id": "A0TEST",
                "team": {"id": team_id, "name": team_name},
                "enterprise": None,
                "is_enterprise_install": False,
                "authed_user": {"id": "U0INSTALLER"},
            }  # fmt: skip
        if method == "apps.connections.open":
            return 200, {}, {"ok": True, "url": self.socket_url}
        if method == "chat.postMessage":
            return 200, {}, {"ok": True, "channel": args.get("channel"), "ts": ts, "message": {"ts": ts}}
        if method == "chat.postEphemeral":
            return 200, {}, {"ok": True, "message_ts": ts}
        if method in ("views.open", "views.publish"):
            return 200, {}, {"ok": True, "view": {"id": f"V{ts[-6:]}", **(_view(args))}}
        if method == "files.info":
            if str(args.get("file")) not in self.files:
                return 200, {}, {"ok": False, "error": "file_not_found"}
            return 200, {}, {"ok": True, "file": self._file(str(args["file"]))}
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            return 200, {}, {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method == "users.lookupByEmail":
            wanted = str(args.get("email") or "").lower()
            # A token of an installed workspace sees only that workspace's users.
            team = next((t for t, _n, tok in self.installs.values() if auth == f"Bearer {tok}"), None)
            users = [u for u in self.users.values() if team is None or u["team_id"] == team]
            found = next((u for u in users if u["profile"].get("email") == wanted), None)
            return (
                200,
                {},
                {"ok": True, "user": found} if found else {"ok": False, "error": "users_not_found"},
            )
        return 200, {}, {"ok": True}


def _view(args: dict[str, Any]) -> dict[str, Any]:
    view = args.get("view")
    if isinstance(view, str):
        view = json.loads(view)
    return view if isinstance(view, dict) else {}


def _handler(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as Slack's edge does

        def do_GET(self) -> None:
            if self.path == "/_counts":  # for the bench, which runs the stand-in in its own process
                with standin.lock:
                    counts: dict[str, int] = {}
                    for call in standin.calls:
                        counts[call.method] = counts.get(call.method, 0) + 1
                self._send(200, {}, counts)
                return
            if self.path == "/_times":  # when each response_url post arrived, by its name
                with standin.lock:
                    posts = [c for c in standin.calls if c.method == "response_url"]
                    times = {c.args.get("_name", ""): c.at for c in posts}
                self._send(200, {}, times)
                return
            if self.path.startswith("/files-pri/"):  # url_private: the bytes, for the bot token only
                auth = self.headers.get("Authorization")
                with standin.lock:
                    standin.calls.append(Call("file_download", {"authorization": auth}, self.path))
                file_id = self.path.split("/")[-2].rsplit("-", 1)[-1]
                found = standin.files.get(file_id)
                if found is None or auth != f"Bearer {TOKEN}":
                    self._send(404 if found is None else 403, {}, "no")
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(found[1])))
                self.end_headers()
                self.wfile.write(found[1])
                return
            self._serve(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._serve(self.rfile.read(length))

        def _serve(self, raw: bytes) -> None:
            url = urlparse(self.path)
            args: dict[str, Any] = {k: v[0] for k, v in parse_qs(url.query).items()}
            kind = self.headers.get("Content-Type") or ""
            if raw and "json" in kind:
                args.update(json.loads(raw))
            elif raw:
                args.update({k: v[0] for k, v in parse_qs(raw.decode()).items()})
            if url.path.startswith("/response/"):
                method = "response_url"
                args["_name"] = url.path.rsplit("/", 1)[-1]
            else:
                method = url.path.removeprefix("/api/")
            self._send(*standin.answer(method, args, self.headers.get("Authorization")))

        def _send(self, status: int, headers: dict[str, str], body: dict[str, Any] | str) -> None:
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            self.send_response(status)
            ctype = "text/plain" if isinstance(body, str) else "application/json; charset=utf-8"
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def start() -> StandIn:
    """Start a stand-in on a free loopback port, in a daemon thread."""
    standin = StandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(standin))
    server.daemon_threads = True
    standin.server = server
    standin.base = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, name="slack-standin", daemon=True).start()
    return standin


def stop(standin: StandIn) -> None:
    if standin.server is not None:
        standin.server.shutdown()
        standin.server.server_close()


if __name__ == "__main__":  # `python -m tests.integration.slack.standin`: serve until killed
    import sys

    stand = start()
    stand.add_user("U0BENCH", email=None)
    print(stand.base, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        sys.exit(0)
