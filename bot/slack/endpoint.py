"""`/slack/events` over HTTP: the body capped before it is read, the signature checked before parsing.

Slack sends a few KB; anything past MAX_BODY is refused with 413 without being held in memory.
Every header is read defensively: a missing, non-numeric or stale timestamp or a bad signature
is a 401 with one log line, never a 500 or a traceback. Only then does bolt see the request.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Awaitable, Callable

from slack_bolt.adapter.starlette.async_handler import to_async_bolt_request, to_starlette_response
from slack_bolt.async_app import AsyncApp
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024  # bytes
MAX_SKEW = 5 * 60  # seconds between Slack's timestamp and ours, as Slack's own guide says


class TooLarge(Exception):
    pass


async def read_capped(request: Request, limit: int = MAX_BODY) -> bytes:
    """The body, or TooLarge as soon as it (or its declared length) passes `limit`."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise TooLarge
    return bytes(body)


def signature_of(secret: bytes, timestamp: str, body: bytes) -> str:
    """Slack's v0 signature over raw bytes (slack_sdk's verifier decodes the body first, and raises
    on bytes that are not UTF-8 before it has checked anything)."""
    return "v0=" + hmac.new(secret, b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()


def refusal_reason(secret: bytes, body: bytes, timestamp: str, signature: str) -> str | None:
    """Why a request is not Slack's (None when it is)."""
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        return "timestamp missing or not a number"
    if abs(time.time() - int(timestamp)) > MAX_SKEW:
        return "timestamp too old or in the future"
    if not signature.isascii() or not signature.startswith("v0="):
        return "signature missing"
    if not hmac.compare_digest(signature_of(secret, timestamp, body), signature):
        return "signature does not match"
    return None


def events_endpoint(bolt: AsyncApp, signing_secret: str) -> Callable[[Request], Awaitable[Response]]:
    """The Starlette endpoint for `/slack/events`."""
    secret = signing_secret.encode()

    async def events(request: Request) -> Response:
        client = request.client.host if request.client else "?"
        try:
            body = await read_capped(request)
        except TooLarge:
            log.warning("slack: refused a request body over %d bytes from %s", MAX_BODY, client)
            return PlainTextResponse("payload too large", status_code=413)
        headers = request.headers
        timestamp = headers.get("x-slack-request-timestamp", "").strip()
        reason = refusal_reason(secret, body, timestamp, headers.get("x-slack-signature", "").strip())
        if reason is not None:
            log.warning("slack: refused a request from %s: %s", client, reason)
            return PlainTextResponse("invalid request", status_code=401)
        try:
            bolt_request = to_async_bolt_request(request, body)
        except UnicodeDecodeError:
            log.warning("slack: refused a signed request from %s: not UTF-8", client)
            return PlainTextResponse("invalid request", status_code=400)
        return to_starlette_response(await bolt.async_dispatch(bolt_request))

    return events
