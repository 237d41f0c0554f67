"""A local Bot Framework connector stand-in, and a uvicorn server in a thread for any ASGI app."""

from __future__ import annotations

import itertools
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send


@dataclass
class Sent:
    """One activity the bot sent to the connector."""

    conversation_id: str
    reply_to: str | None
    query: dict[str, str]
    activity: dict[str, Any]
    authorization: str | None
    id: str = ""

    @property
    def card(self) -> dict[str, Any] | None:
        """The Adaptive Card it carries, if any."""
        for attachment in self.activity.get("attachments") or []:
            if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive":
                return attachment["content"]
        return None

    @property
    def targeted(self) -> bool:
        return self.query.get("isTargetedActivity") == "true"


@dataclass
class Connector:
    """Records what the bot sends to /v3/conversations/{id}/activities and answers like the connector."""

    sent: list[Sent] = field(default_factory=list)
    members: dict[str, dict[str, Any]] = field(default_factory=dict)  # user id → TeamsChannelAccount
    member_lookups: list[str] = field(default_factory=list)
    # Statuses to answer the next posts with (then 201 again): 429, 500, 403 …
    fail_next: list[int] = field(default_factory=list)
    refuse_targeted: bool = False
    refuse_create: bool = False
    created: list[dict[str, Any]] = field(default_factory=list)  # POST /v3/conversations bodies
    # What a file's downloadUrl serves (SharePoint's pre-authorised link, here on the stand-in).
    files: dict[str, bytes] = field(default_factory=dict)
    downloads: list[tuple[str, str | None]] = field(default_factory=list)  # (name, authorization)
    url: str = ""
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def app(self) -> Starlette:
        async def post(request: Request) -> Response:
            body = await request.json()
            query = dict(request.query_params)
            if self.refuse_targeted and query.get("isTargetedActivity") == "true":
                return JSONResponse({"error": {"code": "BadArgument"}}, status_code=403)
            if self.fail_next:
                status = self.fail_next.pop(0)
                return JSONResponse({"error": {"code": "Throttled"}}, status_code=status)
            sent = Sent(
                conversation_id=request.path_params["conversation_id"],
                reply_to=request.path_params.get("reply_to"),
                query=query,
                activity=body,
                authorization=request.headers.get("authorization"),
                id=f"posted-{next(self._ids)}",
            )
            self.sent.append(sent)
            return JSONResponse({"id": sent.id}, status_code=201)

        async def create(request: Request) -> Response:
            if self.refuse_create:
                return JSONResponse({"error": {"code": "Forbidden"}}, status_code=403)
            self.created.append(await request.json())
            return JSONResponse({"id": f"a:personal-{len(self.created)}"}, status_code=201)

        async def member(request: Request) -> Response:
            user = request.path_params["user_id"]
            self.member_lookups.append(user)
            if user not in self.members:
                return JSONResponse({"error": {"code": "MemberNotFoundInConversation"}}, status_code=404)
            return JSONResponse(self.members[user])

        async def download(request: Request) -> Response:
            name = request.path_params["name"]
            self.downloads.append((name, request.headers.get("authorization")))
            if name not in self.files:
                return Response(status_code=404)
            return Response(self.files[name], media_type="application/octet-stream")

        return Starlette(
            routes=[
                Route("/files/{name}", download, methods=["GET"]),
                Route("/v3/conversations", create, methods=["POST"]),
                Route("/v3/conversations/{conversation_id}/activities", post, methods=["POST"]),
                Route("/v3/conversations/{conversation_id}/activities/{reply_to}", post, methods=["POST"]),
                Route("/v3/conversations/{conversation_id}/members/{user_id}", member, methods=["GET"]),
            ]
        )

    def reset(self) -> None:
        """Forget everything recorded and configured (the server is shared between tests)."""
        self.sent.clear()
        self.members.clear()
        self.member_lookups.clear()
        self.fail_next.clear()
        self.refuse_targeted = False
        self.refuse_create = False
        self.created.clear()
        self.files.clear()
        self.downloads.clear()

    def cards(self) -> list[dict[str, Any]]:
        return [s.card for s in self.sent if s.card is not None]


@dataclass
class Switch:
    """An ASGI app that forwards to whichever app the current test has put in `target`."""

    target: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.target is None:
            raise RuntimeError("no app behind the switch")
        await self.target(scope, receive, send)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(app: ASGIApp) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 in a background thread; yields its base URL."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.005)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
