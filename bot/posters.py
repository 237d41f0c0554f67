"""What the reminder loop posts through: a platform's Poster, and the PostFailed it raises."""

from __future__ import annotations

from typing import Protocol

from handlers.types import Reply


class Poster(Protocol):
    """One chat platform's way to put a message in a channel (Slack, Teams).

    A poster may also have `per_channel_interval` (seconds): the scheduler then leaves that gap
    between two posts in one channel and posts to other channels meanwhile.
    """

    platform: str

    def post(self, channel_id: str, reply: Reply, key: str) -> str:
        """Post `reply` carrying `key` in its metadata; return the platform's message reference."""
        ...

    def find_posted(self, channel_id: str, key: str) -> str | None:
        """The reference of a recent message in the channel carrying `key`, if there is one."""
        ...


class PostFailed(Exception):
    """A post that did not go out (or may not have); `retry_after` is the platform's wish in seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None, rate_limited: bool = False) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.rate_limited = rate_limited
