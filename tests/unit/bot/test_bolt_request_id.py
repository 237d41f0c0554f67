"""A Slack message that arrives without an HTTP request (Socket Mode) gets a request id in bolt."""

from __future__ import annotations

import asyncio

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.logs import bolt_request_id
from handlers.errors import REQUEST_ID
from tests.integration.slack import payloads


def _seen_ids(preset: str | None) -> tuple[list[str | None], str | None]:
    seen: list[str | None] = []

    async def authorize(**_kwargs: object) -> AuthorizeResult:
        return AuthorizeResult(
            enterprise_id=None, team_id=payloads.TEAM, bot_token="xoxb-1", bot_user_id="U1"
        )

    async def scenario() -> str | None:
        app = AsyncApp(
            name="test", signing_secret="s", authorize=authorize, request_verification_enabled=False
        )
        app.use(bolt_request_id)

        @app.command("/neste-møte")
        async def command(ack: object) -> None:
            seen.append(REQUEST_ID.get())
            await ack()  # type: ignore[operator]

        token = REQUEST_ID.set(preset)
        try:
            body = payloads.slash_command(
                "/neste-møte", "", user="U0", channel="C0", response_url="http://x/"
            )
            request = AsyncBoltRequest(body=body.decode(), mode="socket_mode")
            # Socket Mode hands each message to a task of its own, as here.
            response = await asyncio.create_task(app.async_dispatch(request))
            assert response.status == 200
            return REQUEST_ID.get()
        finally:
            REQUEST_ID.reset(token)

    after = asyncio.run(scenario())
    return seen, after


def test_socket_mode_messages_get_an_id_of_their_own() -> None:
    (seen,), after = _seen_ids(None)
    assert seen is not None and len(seen) == 8
    assert after is None  # the id stays with the message's task


def test_a_message_over_http_keeps_the_id_of_its_request() -> None:
    assert _seen_ids("abcd1234") == (["abcd1234"], "abcd1234")
