"""Body settings the secretariat changes in chat (reminder times, summaries); which body a channel is."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Body, Channel, Membership

SUMMARY_MODES = ("on", "off", "publish")


def bodies_of_channel(session: Session, *, platform: str, channel_id: str) -> list[Body]:
    """The bodies whose reminders go to this channel."""
    stmt = (
        select(Body)
        .join(Channel, Channel.body_id == Body.id)
        .where(Channel.platform == platform, Channel.channel_id == channel_id)
        .order_by(Body.name)
    )
    return list(session.scalars(stmt))


def secretariat_bodies(session: Session, *, person_id: int) -> list[Body]:
    """The bodies in which the person has the secretariat role."""
    stmt = (
        select(Body)
        .join(Membership, Membership.body_id == Body.id)
        .where(Membership.person_id == person_id, Membership.role == "secretariat")
        .order_by(Body.name)
    )
    return list(session.scalars(stmt))


def set_schedule(session: Session, *, body: Body, offsets: Sequence[int], at: str) -> bool:
    """Set the days before a meeting and the local time of day its reminders go; True if changed."""
    wanted = sorted(set(offsets), reverse=True)
    if list(body.reminder_offsets or []) == wanted and body.reminder_time == at:
        return False
    body.reminder_offsets = wanted
    body.reminder_time = at
    session.flush()
    return True


def set_summary_mode(session: Session, *, body: Body, mode: str) -> bool:
    """on, off or publish (after the secretariat presses «Publiser»); True if changed."""
    if mode not in SUMMARY_MODES:
        raise ValueError(f"unknown summary mode {mode!r}")
    if body.summary_mode == mode:
        return False
    body.summary_mode = mode
    session.flush()
    return True
