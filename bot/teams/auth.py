"""Bot Framework tokens checked against signing keys that are fetched once and cached.

The SDK's validator fetches keys under one lock per key URL: a token with an unknown key id makes
it refetch, and every other request (real ones too) waits behind that fetch. Here instead:

- the key set is kept for its lifetime (Cache-Control max-age, else 24 h), and a token whose key is
  in it is verified at once, without waiting for anything;
- a stale set is still used for the keys it has while one refresh runs beside it;
- an unknown key id triggers at most one refetch per `min_refetch` seconds; every other unknown key
  in between is refused at once (401), and concurrent callers share the one fetch in flight.

PyJWT does the verifying (`jwt.decode`) and reads the key set (`PyJWKSet`).
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx
import jwt
from jwt import PyJWK, PyJWKSet

log = logging.getLogger(__name__)

BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
BOT_FRAMEWORK_KEYS_URL = "https://login.botframework.com/v1/.well-known/keys"
DEFAULT_LIFETIME = 24 * 3600.0  # Microsoft rotates keys with weeks of overlap; a day is safe
MIN_LIFETIME = 60.0
MIN_REFETCH = 300.0  # at most one refetch for unknown key ids in this many seconds
FETCH_TIMEOUT = 5.0
RETRY_AFTER = 10.0  # seconds between fetches while no usable key set could be had
LEEWAY = 300  # seconds of clock skew, as the SDK allows
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*(\d+)", re.IGNORECASE)


class InvalidToken(Exception):
    """The token is not one this app accepts (the request gets 401)."""


def lifetime(cache_control: str | None) -> float:
    """Seconds a fetched key set may be used: the response's max-age, else the 24 h default."""
    found = _MAX_AGE.search(cache_control or "")
    if found is None or "no-store" in (cache_control or "").lower():
        return DEFAULT_LIFETIME
    return max(MIN_LIFETIME, float(found.group(1)))


class SigningKeys:
    """The key set published at one URL, cached for its lifetime; see the module note."""

    def __init__(
        self,
        url: str,
        *,
        min_refetch: float = MIN_REFETCH,
        timeout: float = FETCH_TIMEOUT,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.min_refetch = min_refetch
        self.timeout = timeout
        self.fetches = 0  # how many times the URL was asked (for tests and logs)
        self._now = monotonic
        self._keys: dict[str, PyJWK] = {}
        self._expires = 0.0
        self._fetched_at: float | None = None
        self._inflight: asyncio.Task[None] | None = None

    async def get(self, kid: str) -> PyJWK | None:
        """The key with id `kid`, or None when there is none (after at most one shared fetch)."""
        now = self._now()
        key = self._keys.get(kid)
        if key is not None:
            if now >= self._expires:
                self._refresh()  # stale: renew beside this request, which does not wait for it
            return key
        fresh = now < self._expires
        since = now - self._fetched_at if self._fetched_at is not None else math.inf
        if fresh and since < self.min_refetch:
            return None  # a fresh set without this key, refetched a moment ago: refuse at once
        inflight = self._running()
        if inflight is not None:  # no usable set yet: share the fetch under way, never queue
            await self._wait(inflight)
            return self._keys.get(kid)
        if not fresh and since < RETRY_AFTER:
            return None  # the key endpoint failed a moment ago: do not ask it again per request
        await self._wait(self._refresh())
        return self._keys.get(kid)

    def _running(self) -> asyncio.Task[None] | None:
        task = self._inflight
        if task is None or task.done() or task.get_loop() is not asyncio.get_running_loop():
            return None
        return task

    def _refresh(self) -> asyncio.Task[None]:
        """The one fetch in flight, started if there is none."""
        task = self._running()
        if task is None:
            self._fetched_at = self._now()  # counts from the start: failures are rate-limited too
            task = asyncio.get_running_loop().create_task(self._fetch())
            self._inflight = task
        return task

    async def _wait(self, task: asyncio.Task[None]) -> None:
        try:
            # shield: one caller giving up (its request cancelled) does not cancel the others' fetch
            await asyncio.wait_for(asyncio.shield(task), self.timeout + 1)
        except Exception:
            log.warning("Teams signing keys: fetch from %s failed", self.url, exc_info=True)

    async def _fetch(self) -> None:
        self.fetches += 1
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            response = await client.get(self.url)
            response.raise_for_status()
            found = PyJWKSet.from_dict(response.json())
        keys = {k.key_id: k for k in found.keys if k.key_id}
        self._keys = keys
        self._fetched_at = self._now()
        self._expires = self._fetched_at + lifetime(response.headers.get("cache-control"))
        log.info("Teams signing keys: %d from %s", len(keys), self.url)


class TokenValidator:
    """Checks a Bearer token: signed by a known issuer's key, for this app, not expired."""

    def __init__(self, app_id: str, keys: Mapping[str, SigningKeys] | None = None) -> None:
        self.app_id = app_id
        self.keys = (
            dict(keys) if keys is not None else {BOT_FRAMEWORK_ISSUER: SigningKeys(BOT_FRAMEWORK_KEYS_URL)}
        )

    async def claims(self, authorization: str | None) -> dict[str, Any]:
        """The verified claims of the request's token; raises InvalidToken."""
        scheme, _, token = (authorization or "").strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise InvalidToken("no Bearer token")
        try:
            header = jwt.get_unverified_header(token)
            issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
        except jwt.PyJWTError as exc:
            raise InvalidToken(f"malformed token: {type(exc).__name__}") from exc
        kid = header.get("kid")
        source = self.keys.get(issuer) if isinstance(issuer, str) else None
        if source is None:
            raise InvalidToken("issuer not accepted")
        if header.get("alg") != "RS256" or not isinstance(kid, str) or not kid:
            raise InvalidToken("not an RS256 token with a key id")
        key = await source.get(kid)
        if key is None:
            raise InvalidToken("unknown signing key")
        try:
            return dict(
                jwt.decode(
                    token,
                    key=key,
                    algorithms=["RS256"],
                    audience=self.app_id,
                    issuer=issuer,
                    leeway=LEEWAY,
                    options={"require": ["exp", "aud", "iss"]},
                )
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(f"token refused: {type(exc).__name__}") from exc
