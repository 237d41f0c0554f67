"""/healthz is liveness (no database asked), /readyz readiness: the database answers and its schema
is at the newest migration, else 503 with the reason. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import Engine, text

from bot.app import App
from bot.config import Settings
from bot.server import build_asgi, health_part
from handlers.services import Services
from storage import schema_head
from storage.clock import fixed_clock
from storage.db import make_engine, session_factory
from tests.conftest import DEMO_NOW


class _Client:
    """GET on the server's ASGI app in this process (health part only)."""

    def __init__(self, engine: Engine) -> None:
        url = engine.url.render_as_string(hide_password=False)
        settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
        services = Services(factory=session_factory(engine), clock=fixed_clock(DEMO_NOW))
        self.asgi = build_asgi(App(settings=settings, engine=engine, services=services), parts=[health_part])

    def get(self, path: str) -> httpx.Response:
        async def fetch() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.asgi)
            async with httpx.AsyncClient(transport=transport, base_url="http://motebot") as client:
                return await client.get(path)

        return asyncio.run(fetch())


def _client(engine: Engine) -> _Client:
    return _Client(engine)


def test_ready_at_head_and_not_ready_behind_it(engine: Engine) -> None:
    client = _client(engine)
    assert client.get("/readyz").json() == {"status": "ready"}
    (head,) = schema_head.heads()
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0004_bodies_documents'"))
    try:
        behind = client.get("/readyz")
        assert behind.status_code == 503
        assert behind.json() == {
            "status": "not ready",
            "reason": f"database schema at 0004_bodies_documents, expected {head}",
        }
        assert client.get("/healthz").json() == {"status": "ok"}  # still alive
    finally:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})


def test_without_a_database_alive_but_not_ready() -> None:
    gone = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2")
    client = _client(gone)
    assert client.get("/healthz").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "not ready", "reason": "database unreachable"}
