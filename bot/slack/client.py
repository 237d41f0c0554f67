"""Web API clients: SLACK_API_URL as the base, 429 retried after Slack's Retry-After, 5xx retried."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from pydantic import SecretStr
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.config import Settings

DEFAULT_API_URL = "https://slack.com/api/"
RATE_LIMIT_RETRIES = 3  # each waits Slack's Retry-After (plus up to a second of jitter)
SERVER_ERROR_RETRIES = 2
TIMEOUT = 10  # seconds; a member is waiting


class DeliveryError(Exception):
    """Slack did not take a message (after the retries)."""


def api_url(settings: Settings) -> str:
    """The Web API base URL: SLACK_API_URL (a stand-in in tests) or Slack's own."""
    url = (settings.slack_api_url or "").strip() or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"


def secret(value: SecretStr | None) -> str | None:
    """A token's value, None when unset or empty (`.env.example` leaves them empty)."""
    text = value.get_secret_value().strip() if value is not None else ""
    return text or None


def bot_token(settings: Settings) -> str:
    """The bot token, or a clear error when it is not set."""
    token = secret(settings.slack_bot_token)
    if token is None:
        raise RuntimeError("SLACK_BOT_TOKEN is not set")
    return token


def async_retry_handlers() -> list[AsyncRetryHandler]:
    """Retries for the asyncio clients: dropped connections, 429 with Retry-After, 500/503."""
    return [
        AsyncConnectionErrorRetryHandler(max_retry_count=2),
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        AsyncServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES),
    ]


def retry_handlers() -> list[RetryHandler]:
    """The same retries for the synchronous client."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES),
    ]


def async_web_client(settings: Settings) -> AsyncWebClient:
    """An asyncio Web API client with SLACK_BOT_TOKEN; give it a shared aiohttp session once the loop runs."""
    return AsyncWebClient(
        token=secret(settings.slack_bot_token),  # None with many workspaces: each has its own
        base_url=api_url(settings),
        timeout=TIMEOUT,
        retry_handlers=async_retry_handlers(),
    )


async def post_to_response_url(
    url: str, body: dict[str, Any], *, session: aiohttp.ClientSession | None = None
) -> None:
    """Send a reply to a slash command's or an action's response_url, with the same retries."""
    client = AsyncWebhookClient(url, timeout=TIMEOUT, session=session, retry_handlers=async_retry_handlers())
    response = await client.send_dict(body)
    if response.status_code != 200:
        raise DeliveryError(f"response_url answered {response.status_code}: {response.body[:200]}")


class _TokenNotice(logging.Filter):
    """bolt warns at start that it will not use SLACK_BOT_TOKEN itself: by design, as `authorize`
    hands it the token. The warning would only puzzle an operator."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token`" not in record.getMessage()


logging.getLogger("slack_bolt.AsyncApp").addFilter(_TokenNotice())
