"""The database work of a Teams turn, each in its own unit of work (run in a worker thread)."""

from __future__ import annotations

from typing import Any

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import Storage, StoreItem
from sqlalchemy.orm import Session

from bot.teams import durable, refs
from bot.teams.adapter import user_id
from handlers.services import Services
from handlers.types import Reply
from storage import directory, events
from storage import teams as teams_store
from storage.clock import system_clock
from storage.db import unit_of_work


def save_ref(
    services: Services, conversation_id: str, service_url: str, reference: dict[str, Any], lazy: bool
) -> None:
    """Store (or refresh) a conversation reference; `lazy`: only when its service URL changed."""
    with unit_of_work(services.factory) as session:
        if lazy:
            known = teams_store.conversation_ref(session, conversation_id=conversation_id)
            if known is not None and known.service_url == service_url:
                return
        teams_store.save_conversation_ref(
            session,
            conversation_id=conversation_id,
            service_url=service_url,
            reference=reference,
            now=services.clock(),
        )


def forget(services: Services, conversation_id: str) -> None:
    with unit_of_work(services.factory) as session:
        teams_store.forget_conversation(session, conversation_id=conversation_id)


def claim(services: Services, key: str) -> bool:
    """A plain claim, for an activity that reached a turn without being written down first."""
    with unit_of_work(services.factory) as session:
        # The real time, not the (possibly fixed) member clock: these rows only age out.
        return events.claim_event(session, key=key, now=system_clock())


def is_linked(services: Services, external_id: str) -> bool:
    with unit_of_work(services.factory) as session:
        return teams_store.is_linked(session, external_id=external_id)


def member_key(services: Services, activity: Activity, home_tenant: str | None) -> str | None:
    """The sender's key among chat links: «tenant/object id» (storage.directory.teams_user_key)."""
    object_id = user_id(activity)
    if object_id is None:
        return None
    with unit_of_work(services.factory) as session:
        return directory.teams_user_key(
            session, tenant_id=refs.tenant_id(activity), object_id=object_id, home_tenant=home_tenant
        )


def settle(session: Session, reply: Reply, *, key: str) -> None:
    """handlers.registry's `settle`: the delivery answered, in the command's own transaction."""
    durable.settle(session, key, reply)


class NoStorage(Storage):
    """The SDK insists on turn-state storage; our state lives in the database, shared by replicas."""

    async def read(self, keys: list[str], *, target_cls: Any = None, **kwargs: Any) -> dict[str, Any]:
        return {}

    async def write(self, changes: dict[str, StoreItem]) -> None:
        return None

    async def delete(self, keys: list[str]) -> None:
        return None
