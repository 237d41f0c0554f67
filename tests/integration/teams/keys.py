"""A local stand-in for Bot Framework's signing-key endpoint, and tokens signed as Bot Framework would."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.teams.auth import BOT_FRAMEWORK_ISSUER

APP_ID = "00000000-1111-2222-3333-444444444444"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_jwk(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    found = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    return {**found, "kid": kid, "use": "sig", "alg": "RS256"}


def token(
    key: rsa.RSAPrivateKey, kid: str, *, service_url: str, audience: str = APP_ID, **claims: Any
) -> str:
    now = int(time.time())
    body = {
        "iss": BOT_FRAMEWORK_ISSUER,
        "aud": audience,
        "exp": now + 3600,
        "nbf": now - 60,
        "serviceurl": service_url,
        **claims,
    }
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": kid})


@dataclass
class KeyServer:
    """Serves a JWKS document slowly (as a far-away endpoint would), counting the fetches."""

    keys: list[dict[str, Any]] = field(default_factory=list)
    delay: float = 1.0
    cache_control: str = "public, max-age=3600"
    fetches: int = 0

    def app(self) -> Starlette:
        async def jwks(_request: Request) -> Response:
            self.fetches += 1
            await asyncio.sleep(self.delay)
            return JSONResponse({"keys": self.keys}, headers={"Cache-Control": self.cache_control})

        return Starlette(routes=[Route("/keys", jwks, methods=["GET"])])
