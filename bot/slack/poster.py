"""Posting reminders to Slack channels, with message metadata so a post can be found again."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.posters import PostFailed
from bot.slack.adapter import split_address
from bot.slack.install import Workspaces, oauth_configured
from handlers.types import Reply

log = logging.getLogger("motebot.slack.poster")

EVENT_TYPE = "motebot_reminder"
Render = Callable[[Reply], tuple[Sequence[Any], str]]


def _default_render(reply: Reply) -> tuple[Sequence[Any], str]:
    from bot.slack.render import render_message  # the Slack renderer owns every Block Kit limit

    blocks, text = render_message(reply)
    return blocks, text


class SlackPoster:
    """chat.postMessage with metadata {event_type: motebot_reminder, event_payload: {key}}.

    Only 429 is retried inside the client (Slack promises nothing was posted then, and says when
    to come back). A 5xx or a dropped connection may hide a message that did go out, so those are
    left to the scheduler, which looks for the key in the channel before it posts again.
    """

    platform = "slack"

    def __init__(
        self,
        token: str | None,
        *,
        tokens: Callable[[str | None], str] | None = None,
        base_url: str | None = None,
        render: Render | None = None,
        rate_limit_retries: int = 2,
        history_pages: int = 5,
        timeout: int = 30,
        per_channel_interval: float = 1.0,
    ) -> None:
        url = base_url or WebClient.BASE_URL
        self.client = WebClient(
            token=token,
            base_url=url if url.endswith("/") else url + "/",
            timeout=timeout,
            retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=rate_limit_retries)],
        )
        # Many workspaces: a channel «T123/C456» is posted to with T123's bot token.
        self.tokens = tokens
        self._clients: dict[str, WebClient] = {}
        self.render = render or _default_render
        self.history_pages = history_pages
        # Slack allows about one message a second in a channel; keeping to it spares a 429.
        self.per_channel_interval = per_channel_interval
        self._last_post: dict[str, float] = {}

    def post(self, channel_id: str, reply: Reply, key: str) -> str:
        """Post the reply; returns the message's ts."""
        blocks, text = self.render(reply)
        metadata = {"event_type": EVENT_TYPE, "event_payload": {"key": key}}
        last = self._last_post.get(channel_id)
        if last is not None:
            time.sleep(max(0.0, last + self.per_channel_interval - time.monotonic()))
        client, channel = self._client_for(channel_id)
        try:
            response = self._call(
                client.chat_postMessage,
                channel=channel,
                blocks=list(blocks),
                text=text,
                metadata=metadata,
                unfurl_links=False,
                unfurl_media=False,
            )
        finally:  # counted from the answer, so the gap Slack sees is never shorter
            self._last_post[channel_id] = time.monotonic()
        return str(response.get("ts"))

    def find_posted(self, channel_id: str, key: str) -> str | None:
        """The ts of a recent message in the channel whose metadata carries `key`."""
        cursor: str | None = None
        client, channel = self._client_for(channel_id)
        for _ in range(self.history_pages):
            response = self._call(
                client.conversations_history,
                channel=channel,
                include_all_metadata=True,
                limit=200,
                cursor=cursor,
            )
            for message in response.get("messages") or []:
                meta = message.get("metadata") or {}
                if (
                    meta.get("event_type") == EVENT_TYPE
                    and (meta.get("event_payload") or {}).get("key") == key
                ):
                    return str(message.get("ts"))
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not response.get("has_more") or not cursor:
                return None
        return None

    def _client_for(self, channel_id: str) -> tuple[WebClient, str]:
        """The client with the token of the channel's workspace, and the bare channel id."""
        team, channel = split_address(channel_id)
        if self.tokens is None:
            return self.client, channel
        try:
            token = self.tokens(team)
        except Exception as exc:  # not installed (any more) in that workspace
            raise PostFailed(f"slack: no token for {channel_id}: {exc}") from exc
        client = self._clients.get(token)
        if client is None:
            client = WebClient(
                token=token,
                base_url=self.client.base_url,
                timeout=self.client.timeout,
                retry_handlers=self.client.retry_handlers,
            )
            self._clients[token] = client
        return client, channel

    def _call(self, method: Callable[..., Any], **kwargs: Any) -> Any:
        """Call the Web API; every failure becomes a PostFailed the scheduler can schedule."""
        try:
            return method(**kwargs)
        except SlackApiError as exc:
            status = exc.response.status_code
            error = exc.response.get("error") if isinstance(exc.response.data, dict) else None
            retry_after = _retry_after(exc.response.headers)
            raise PostFailed(
                f"slack {status} {error or ''}".strip(), retry_after=retry_after, rate_limited=status == 429
            ) from exc
        except Exception as exc:  # URLError, timeouts, a 5xx page that is not JSON
            raise PostFailed(f"slack request failed: {type(exc).__name__}: {exc}") from exc


def _retry_after(headers: Any) -> float | None:
    for name, value in (headers or {}).items():
        if name.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) else value
            try:
                return float(raw)
            except ValueError:
                return None
    return None


def make_poster(
    settings: Settings, *, render: Render | None = None, factory: sessionmaker[Session] | None = None
) -> SlackPoster | None:
    """A poster when SLACK_BOT_TOKEN is set, or (with `factory`) each installed workspace's token
    with the OAuth installation flow (SLACK_API_URL points it elsewhere, e.g. a stand-in)."""
    if factory is not None and oauth_configured(settings):
        tokens = Workspaces(settings, factory).token
        return SlackPoster(None, tokens=tokens, base_url=settings.slack_api_url, render=render)
    if settings.slack_bot_token is None:
        return None
    return SlackPoster(
        settings.slack_bot_token.get_secret_value(), base_url=settings.slack_api_url, render=render
    )
