"""Reminders and notices with many workspaces: a channel «TEAM/CHANNEL» is posted to with that
workspace's token, a person's DM goes to the workspace they were linked in, and a workspace that
is not installed gets no post (and nobody else's token)."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.posters import PostFailed
from bot.slack.poster import SlackPoster, make_poster
from handlers.types import Reply, Text
from storage import directory, notices
from storage.db import unit_of_work
from tests.integration.slack.oauth.conftest import (
    CLIENT_ID,
    DAG,
    TEAM_A,
    TEAM_B,
    TOKEN_A,
    TOKEN_B,
    USER,
    Site,
    _link,
)

REPLY = Reply((Text("Påminnelse: møte i morgen"),), fallback="Påminnelse")


def _poster(site: Site) -> SlackPoster:
    """The poster `motebot run` builds for the reminder loop with the OAuth flow on."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, slack_client_id=CLIENT_ID, slack_client_secret="client-secret",
        slack_api_url=site.standin.api_url,
    )  # fmt: skip
    poster = make_poster(settings, factory=site.db)
    assert poster is not None
    poster.per_channel_interval = 0.0
    return poster


def test_a_channel_of_each_workspace_gets_that_workspaces_token(site: Site) -> None:
    site.install("code-a")
    site.install("code-b")
    poster = _poster(site)
    poster.post(f"{TEAM_B}/C0STYRING", REPLY, "k1")
    poster.post(f"{TEAM_A}/C0RADMANN", REPLY, "k2")
    assert poster.find_posted(f"{TEAM_A}/C0RADMANN", "k2") is None  # the stand-in keeps no history
    assert [(a, c["channel"]) for a, c in site.posted()] == [
        (f"Bearer {TOKEN_B}", "C0STYRING"),
        (f"Bearer {TOKEN_A}", "C0RADMANN"),
    ]
    assert site.standin.auths("conversations.history") == [f"Bearer {TOKEN_A}"]


def test_a_workspace_not_installed_gets_no_post(site: Site) -> None:
    site.install("code-a")
    poster = _poster(site)
    with pytest.raises(PostFailed, match="no token"):
        poster.post(f"{TEAM_B}/C0STYRING", REPLY, "k1")
    with pytest.raises(PostFailed, match="no token"):
        poster.post("C0NOTEAM", REPLY, "k2")  # a channel link from single-token days, not adopted
    assert site.posted() == []


def test_a_persons_dm_goes_to_the_workspace_they_were_linked_in(site: Site) -> None:
    _link(site, team=TEAM_B, name=DAG)
    with unit_of_work(site.db) as s:
        person = directory.person_by_name(s, name=DAG)
        assert person is not None
        where = notices.chat_channel(s, person_id=person.id, platforms=["slack"])
    assert where == f"slack:{TEAM_B}/{USER}"
