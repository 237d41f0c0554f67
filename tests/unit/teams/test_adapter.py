"""Teams activity → Invocation, without a server."""

from __future__ import annotations

from typing import Any

from microsoft_agents.activity import Activity

from bot.teams.adapter import base_conversation_id, event_key, strip_mentions, to_invocation
from tests.integration.teams import activities as act

URL = "http://127.0.0.1:9"


def _activity(data: dict[str, Any]) -> Activity:
    return Activity.model_validate(data)


def test_the_bots_mention_goes_and_other_mentions_keep_their_names() -> None:
    data = act.channel_mention(URL, "forfall 7.12, <at>Kari Nordmann</at> møter for meg")
    data["entities"].append(
        {
            "type": "mention",
            "mentioned": {"id": "29:kari", "name": "Kari Nordmann"},
            "text": "<at>Kari Nordmann</at>",
        }
    )
    assert strip_mentions(_activity(data)) == "forfall 7.12, Kari Nordmann møter for meg"


def test_light_html_and_entities_are_plain_text() -> None:
    data = act.personal_message(URL, "<p>neste&nbsp;møte &amp; saker</p>\n<p>takk</p>")
    assert strip_mentions(_activity(data)) == "neste møte & saker\ntakk"


def test_a_mention_alone_is_an_empty_message() -> None:
    invocation = to_invocation(_activity(act.channel_mention(URL, "")))
    assert invocation is not None and invocation.text == ""


def test_thread_and_channel_ids() -> None:
    assert base_conversation_id(f"{act.CHANNEL};messageid=1700000000001") == act.CHANNEL
    assert base_conversation_id(act.PERSONAL_CONVERSATION) == act.PERSONAL_CONVERSATION


def test_a_very_long_conversation_id_gives_a_short_event_key() -> None:
    data = act.personal_message(URL, "hei")
    data["conversation"]["id"] = "a:" + "x" * 400
    key = event_key(_activity(data))
    assert key is not None and len(key) <= 300 and key.startswith("teams:")


def test_a_user_without_entra_id_is_known_by_the_teams_id() -> None:
    data = act.personal_message(URL, "hei")
    del data["from"]["aadObjectId"]
    invocation = to_invocation(_activity(data))
    assert invocation is not None and invocation.user_id == act.USER_ID


def test_what_is_not_a_member_message_is_ignored() -> None:
    assert to_invocation(_activity(act.installation_update(URL))) is None
    assert to_invocation(_activity(act.card_submit(URL, {"no": "action"}))) is None


def test_a_submitted_form_names_its_meeting() -> None:
    data = act.card_submit(
        URL,
        {
            "action": "forfall",
            "form": "forfall",
            "meeting": "meeting:4",
            "reason": "",
            "vara": "Ola Nordmann",
        },
    )
    invocation = to_invocation(_activity(data))
    assert invocation is not None
    assert (invocation.command, invocation.text) == ("forfall", "meeting:4")
