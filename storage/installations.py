"""The tables of Slack's OAuth installations, on our database, in the shape slack_sdk's stores use.

slack_sdk's SQLAlchemy installation and state stores (used by bot/slack/install.py) read and write
these three tables. They are declared here, in our metadata, so that Alembic creates them
(migration 0009_slack_install) and checks them like every other table, instead of the stores'
`create_tables` at run time. A test compares them with slack_sdk's own definitions, so an upgrade
of slack_sdk that changes them fails loudly. `storage` imports no chat library, hence the copy.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String, Table, func, select
from sqlalchemy.orm import Session

from storage.base import Base

INSTALLATIONS = "slack_installations"
BOTS = "slack_bots"
OAUTH_STATES = "slack_oauth_states"

slack_installations = Table(
    INSTALLATIONS,
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(32), nullable=False),
    Column("app_id", String(32), nullable=False),
    Column("enterprise_id", String(32)),
    Column("enterprise_name", String(200)),
    Column("enterprise_url", String(200)),
    Column("team_id", String(32)),
    Column("team_name", String(200)),
    Column("bot_token", String(200)),
    Column("bot_id", String(32)),
    Column("bot_user_id", String(32)),
    Column("bot_scopes", String(1000)),
    Column("bot_refresh_token", String(200)),
    Column("bot_token_expires_at", DateTime),
    Column("user_id", String(32), nullable=False),
    Column("user_token", String(200)),
    Column("user_scopes", String(1000)),
    Column("user_refresh_token", String(200)),
    Column("user_token_expires_at", DateTime),
    Column("incoming_webhook_url", String(200)),
    Column("incoming_webhook_channel", String(200)),
    Column("incoming_webhook_channel_id", String(200)),
    Column("incoming_webhook_configuration_url", String(200)),
    Column("is_enterprise_install", Boolean, default=False, nullable=False),
    Column("token_type", String(32)),
    Column("installed_at", DateTime, nullable=False, default=func.now()),
    Index(f"{INSTALLATIONS}_idx", "client_id", "enterprise_id", "team_id", "user_id", "installed_at"),
)

slack_bots = Table(
    BOTS,
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(32), nullable=False),
    Column("app_id", String(32), nullable=False),
    Column("enterprise_id", String(32)),
    Column("enterprise_name", String(200)),
    Column("team_id", String(32)),
    Column("team_name", String(200)),
    Column("bot_token", String(200)),
    Column("bot_id", String(32)),
    Column("bot_user_id", String(32)),
    Column("bot_scopes", String(1000)),
    Column("bot_refresh_token", String(200)),
    Column("bot_token_expires_at", DateTime),
    Column("is_enterprise_install", Boolean, default=False, nullable=False),
    Column("installed_at", DateTime, nullable=False, default=func.now()),
    Index(f"{BOTS}_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)

slack_oauth_states = Table(
    OAUTH_STATES,
    Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("state", String(200), nullable=False),
    Column("expire_at", DateTime, nullable=False),
)


def bot_token(session: Session, *, client_id: str, team_id: str) -> str | None:
    """The newest bot token installed in the workspace `team_id` for the app `client_id`, if any
    (an uninstall deletes the rows, so a removed workspace has none)."""
    c = slack_bots.c
    stmt = (
        select(c.bot_token)
        .where(c.client_id == client_id, c.team_id == team_id, c.bot_token.is_not(None))
        .order_by(c.installed_at.desc(), c.id.desc())
        .limit(1)
    )
    return session.scalar(stmt)


def installed_teams(session: Session, *, client_id: str) -> list[tuple[str, str | None]]:
    """(team id, team name) of every workspace the app `client_id` is installed in, by team id."""
    c = slack_bots.c
    stmt = (
        select(c.team_id, func.max(c.team_name))
        .where(c.client_id == client_id, c.team_id.is_not(None), c.bot_token.is_not(None))
        .group_by(c.team_id)
        .order_by(c.team_id)
    )
    return [(str(team), name) for team, name in session.execute(stmt)]
