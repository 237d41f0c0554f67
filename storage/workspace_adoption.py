"""Moving from one Slack workspace (SLACK_BOT_TOKEN) to many (the OAuth installation flow).

Rows written in single-token mode name no workspace: links and link requests have team_id "",
channels and posts a bare «C123». Once one deployment serves many workspaces, a bare id could be
anyone's, so those rows match nothing until the operator says which workspace they were:
`adopt` stamps them with that team id. A migration cannot know it, and guessing would hand one
workspace's links to the same user id in another.
"""

from __future__ import annotations

from sqlalchemy import delete, func, literal, select, update
from sqlalchemy.orm import Session

from storage.chat_models import SINGLE_WORKSPACE, Channel, ChatIdentity, LinkRequest, ReminderPost
from storage.models_secretariat import Notice

_SLACK = "slack:"


def adopt(session: Session, *, team_id: str) -> dict[str, int]:
    """Stamp every Slack row of the single workspace with `team_id`; counts per table."""
    counts: dict[str, int] = {}
    for table in (ChatIdentity, LinkRequest):
        # A user already linked in that workspace keeps the newer link.
        taken = select(table.external_id).where(table.platform == "slack", table.team_id == team_id)
        session.execute(
            delete(table).where(
                table.platform == "slack", table.team_id == SINGLE_WORKSPACE, table.external_id.in_(taken)
            )
        )
        moved = session.execute(
            update(table)
            .where(table.platform == "slack", table.team_id == SINGLE_WORKSPACE)
            .values(team_id=team_id)
        )
        counts[str(table.__tablename__)] = moved.rowcount  # type: ignore[attr-defined]
    moved = session.execute(
        update(Channel)
        .where(Channel.platform == "slack", Channel.channel_id.not_like("%/%"))
        .values(channel_id=literal(f"{team_id}/") + Channel.channel_id)
    )
    counts["channels"] = moved.rowcount  # type: ignore[attr-defined]
    for name, column in (("reminder_posts", ReminderPost.channel), ("notices", Notice.channel)):
        moved = session.execute(
            update(column.class_)
            .where(column.like(f"{_SLACK}%"), column.not_like("%/%"))
            .values({column.key: literal(f"{_SLACK}{team_id}/") + func.substr(column, len(_SLACK) + 1)})
        )
        counts[name] = moved.rowcount  # type: ignore[attr-defined]
    return counts
