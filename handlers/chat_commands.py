"""The secretariat's chat commands (møteplan, channels, summaries, imports): rows of the command table."""

from __future__ import annotations

# The secretariat's møteplan, channels, summaries and imports in chat (a member gets a polite refusal).
from handlers import (
    plan_chat,
    reminders_chat,
    secretariat_chat_texts,
    summary,
    upload_undo,
)
from handlers.routing import Command

C, T = Command, secretariat_chat_texts
# fmt: off
SECRETARIAT_CHAT: tuple[Command, ...] = (
    C("nytt-møte", "nytt møte [i organ] <dato> [kl 10-12] [på sted]", T.HELP_NEW, plan_chat.new_meeting, aliases=("nytt møte", "nytt-mote"), patterns=(r"^(nytt|nye?) mote\b",), writes=True, secretariat=True, precedence=10),  # noqa: E501
    C("flytt-møte", "flytt møtet <dato> til <dato> [kl …]", T.HELP_MOVE, plan_chat.move, aliases=("flytt møtet", "flytt møte", "flytt"), patterns=(r"^flytt\b.{0,40}\bmote",), secretariat=True, precedence=10),  # noqa: E501
    C("flytt-bekreft", "flytt-bekreft", T.HELP_MOVE, plan_chat.move_confirmed, writes=True, secretariat=True, listed=False),  # noqa: E501
    C("avlys-møte", "avlys møtet <dato>", T.HELP_CANCEL, plan_chat.cancel, aliases=("avlys møtet", "avlys møte", "avlys"), patterns=(r"^avlys\b.{0,40}\bmote",), secretariat=True, precedence=10),  # noqa: E501
    C("avlys-bekreft", "avlys-bekreft", T.HELP_CANCEL, plan_chat.cancel_confirmed, writes=True, secretariat=True, listed=False),  # noqa: E501
    C("plan-avbryt", "plan-avbryt", T.HELP_CANCEL, plan_chat.abort, secretariat=True, listed=False),
    C("påminnelser", "påminnelser her | påminnelser 7 og 1 dager før kl 9", T.HELP_SCHEDULE, reminders_chat.reminders, aliases=("påminnelser", "paminnelser", "påminnelse"), patterns=(r"^paminnelser?\b",), writes=True, secretariat=True, precedence=10),  # noqa: E501
    C("publiser", "publiser [organ] <dato>", T.HELP_PUBLISH, summary.publish, aliases=("publiser", "publiser referat"), patterns=(r"^publiser\b",), writes=True, secretariat=True, precedence=10),  # noqa: E501
    C("oppsummering", "oppsummering på | av | ved publisering [organ]", T.HELP_SUMMARY_MODE, summary.summary_mode, aliases=("oppsummering", "oppsummeringer"), patterns=(r"^oppsummering(er)? (pa|av|ved)\b",), writes=True, secretariat=True, precedence=10),  # noqa: E501
    C("angre-import", "angre-import", T.HELP_UNDO_IMPORT, upload_undo.undo_import, writes=True, secretariat=True, listed=False),  # noqa: E501
)
# fmt: on
del C, T
