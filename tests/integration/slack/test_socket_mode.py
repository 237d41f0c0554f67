"""Socket Mode: the same app over a WebSocket; each envelope is acknowledged and answered once."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from aiohttp import WSMsgType, web
from sqlalchemy import Engine

from bot.app import App
from bot.config import Settings
from bot.server import build_asgi, health_part
from bot.slack.app import slack_part
from handlers.services import Services
from storage.clock import Clock
from storage.db import session_factory
from tests.integration.slack import payloads, standin
from tests.integration.slack.conftest import KJERSTI, KJERSTI_DM, ThreadServer, World, seed

pytestmark = pytest.mark.parametrize("engine", ["sqlite"], indirect=True)


class SocketStandIn:
    """Slack's Socket Mode end: says hello, sends envelopes, collects the app's acknowledgements."""

    def __init__(self) -> None:
        self.acks: list[dict[str, Any]] = []
        self.outbox: asyncio.Queue[dict[str, Any]] | None = None
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.connected = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()
        assert self.ready.wait(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.outbox = asyncio.Queue()
        app = web.Application()
        app.router.add_get("/link", self._socket)
        runner = web.AppRunner(app)
        self.loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        self.url = f"ws://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/link"  # type: ignore[union-attr]
        self.ready.set()
        self.loop.run_forever()

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json(
            {"type": "hello", "num_connections": 1, "connection_info": {"app_id": payloads.APP}}
        )
        self.connected.set()
        assert self.outbox is not None
        sender = asyncio.ensure_future(self._send(ws))
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                self.acks.append(json.loads(message.data))
        sender.cancel()
        return ws

    async def _send(self, ws: web.WebSocketResponse) -> None:
        assert self.outbox is not None
        while True:
            await ws.send_json(await self.outbox.get())

    def send(self, envelope: dict[str, Any]) -> None:
        assert self.outbox is not None
        self.loop.call_soon_threadsafe(self.outbox.put_nowait, envelope)


@pytest.fixture
def socket_world(
    engine: Engine, clock: Clock, slack_standin: standin.StandIn
) -> Iterator[tuple[World, SocketStandIn]]:
    slack_standin.reset()
    socket = SocketStandIn()
    slack_standin.socket_url = socket.url
    factory = session_factory(engine)
    seed(factory, clock)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=engine.url.render_as_string(hide_password=False),
        slack_bot_token=standin.TOKEN,
        slack_app_token="xapp-1-test",
        slack_signing_secret=None,
        slack_api_url=slack_standin.api_url,
    )
    app_ctx = App(settings=settings, engine=engine, services=Services(factory=factory, clock=clock))
    asgi = build_asgi(app_ctx, parts=[health_part, slack_part])
    server = ThreadServer(asgi)
    assert socket.connected.wait(10), "the app did not open the socket"
    with httpx.Client() as http:
        yield World(server.url, asgi.state.parts["slack"].handle, slack_standin, factory, http), socket
    server.stop()


def test_socket_mode_acknowledges_and_answers_once(socket_world: tuple[World, SocketStandIn]) -> None:
    world, socket = socket_world
    event = json.loads(
        payloads.event_callback(
            payloads.im_message("forfall 7.12 pga sykdom", user=KJERSTI, channel=KJERSTI_DM),
            event_id="Ev0SOCKET",
        )
    )
    envelope = {
        "envelope_id": "env-1",
        "type": "events_api",
        "payload": event,
        "accepts_response_payload": False,
        "retry_attempt": 0,
        "retry_reason": "",
    }
    socket.send(envelope)
    socket.send({**envelope, "envelope_id": "env-2", "retry_attempt": 1, "retry_reason": "timeout"})
    for _ in range(200):
        if len(socket.acks) >= 2:
            break
        threading.Event().wait(0.02)
    world.idle()
    assert sorted(a["envelope_id"] for a in socket.acks) == ["env-1", "env-2"]
    assert len(world.absences()) == 1
    [posted] = world.standin.of("chat.postMessage")
    assert "Forfall registrert" in str(posted["blocks"])
    assert world.http.post(world.url + "/slack/events").status_code == 404  # no HTTP endpoint in this mode
