"""The logs of `motebot run`: one JSON object per line when stderr is not a terminal, readable
text on one (`MOTEBOT_LOG_FORMAT=json|text` decides instead). Every line written while a request
is served carries that request's id, the same id a member is shown when the request fails.

`RequestIds` is the ASGI middleware at the edge (every HTTP request: Slack's and Teams' endpoints
among them) that gives each request its id; tasks and threads started for the request inherit it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Awaitable, Callable
from contextvars import copy_context
from typing import ParamSpec, TextIO, TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from handlers.errors import REQUEST_ID, fresh_id

P = ParamSpec("P")
T = TypeVar("T")
FORMATS = ("json", "text")
HEADER = b"x-request-id"
HANDLER_NAME = "motebot"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(rid)s]: %(message)s"


class RequestIdFilter(logging.Filter):
    """Stamps each record with the id of the request being served (None outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = REQUEST_ID.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, request_id, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """For a terminal: time, level, logger, [request id], message, then any traceback."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        record.rid = getattr(record, "request_id", None) or "-"
        return super().format(record)


def choose(setting: str | None, stream: TextIO) -> str:
    """`json` or `text`: the setting when given, else JSON unless `stream` is a terminal."""
    wanted = (setting or "").strip().lower()
    if wanted:
        if wanted not in FORMATS:
            raise ValueError(f"MOTEBOT_LOG_FORMAT must be json or text, not {setting!r}")
        return wanted
    isatty = getattr(stream, "isatty", None)
    return "text" if isatty is not None and isatty() else "json"


def configure(level: str = "info", log_format: str | None = None, stream: TextIO | None = None) -> str:
    """Route every logger (uvicorn's too) to one handler on `stream` (stderr); returns the format."""
    out = stream if stream is not None else sys.stderr
    chosen = choose(log_format, out)
    handler = logging.StreamHandler(out)
    handler.set_name(HANDLER_NAME)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if chosen == "json" else TextFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:  # a second call replaces
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # seven lines at each migration
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    return chosen


class RequestIds:
    """ASGI middleware: each HTTP request gets a fresh id for its whole life (and the tasks it
    starts), returned to the caller as X-Request-Id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = fresh_id()
        token = REQUEST_ID.set(request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (HEADER, request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            REQUEST_ID.reset(token)


async def bolt_request_id(next_: Callable[[], Awaitable[object]]) -> object:
    """bolt middleware: a Slack message that came without an HTTP request of its own (Socket Mode)
    gets an id for its lines too; one that came over HTTP keeps the id `RequestIds` gave it.

    bolt's `next` only lets the listeners run after the middleware returns, so the id is set, not
    reset: Socket Mode handles each message in a task of its own, which holds it.
    """
    if REQUEST_ID.get() is None:
        REQUEST_ID.set(fresh_id())
    return await next_()


def with_fresh_request_id(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Call `fn` as the start of a request of its own (work no HTTP request began: a delivery a
    restart finishes): a fresh id, in a copy of the context, so the caller keeps its own."""

    def run() -> T:
        REQUEST_ID.set(fresh_id())
        return fn(*args, **kwargs)

    return copy_context().run(run)
