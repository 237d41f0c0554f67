"""The Teams agent: an Agents SDK AgentApplication whose routes hand member messages to the registry."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    ChannelAccount,
)
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import (
    AgentApplication,
    AgentAuthConfiguration,
    Storage,
    StoreItem,
    TurnContext,
    TurnState,
)
from microsoft_agents.hosting.core.connector import ConnectorClientBase
from microsoft_agents.hosting.fastapi import CloudAdapter
from microsoft_agents.hosting.msteams import TeamsAgentExtension, TeamsTurnContext

from bot.config import Settings
from bot.teams import files as teams_files
from bot.teams import forms, refs
from bot.teams import texts as teams_texts
from bot.teams.adapter import base_conversation_id, card_data, event_key, is_personal, to_invocation
from bot.teams.render import card_activity, to_activity
from handlers import errors, forfall_form
from handlers.services import Services
from handlers.types import Heading, Invocation, Note, Reply, Text
from storage import events
from storage import teams as teams_store
from storage.clock import system_clock
from storage.db import unit_of_work

log = logging.getLogger(__name__)

Handle = Callable[[Invocation, Services], Reply]
_ANY_VERB = re.compile(".*")


def registry_handle(invocation: Invocation, services: Services) -> Reply:
    """The registry's `handle`, imported when first needed."""
    from handlers.registry import handle

    return handle(invocation, services)


class _NoStorage(Storage):
    """The SDK insists on turn-state storage; our state lives in the database, shared by replicas."""

    async def read(self, keys: list[str], *, target_cls: Any = None, **kwargs: Any) -> dict[str, Any]:
        return {}

    async def write(self, changes: dict[str, StoreItem]) -> None:
        return None

    async def delete(self, keys: list[str]) -> None:
        return None


def error_reply(code: str) -> Reply:
    """The polite Norwegian answer to an unexpected failure, with the id that is also logged."""
    return errors.failure(code)


@dataclass
class TeamsBot:
    """The agent application, its adapter, and what its turns need from the rest of the bot."""

    settings: Settings
    services: Services
    auth_config: AgentAuthConfiguration
    handle: Handle = registry_handle
    adapter: CloudAdapter = field(init=False)
    agent: AgentApplication[TurnState] = field(init=False)

    def __post_init__(self) -> None:
        connections = MsalConnectionManager(
            connections_configurations={"SERVICE_CONNECTION": self.auth_config}
        )
        self.adapter = CloudAdapter(connection_manager=connections)
        self.agent = AgentApplication[TurnState](
            storage=_NoStorage(),
            connection_manager=connections,
            start_typing_timer=False,  # answers are quick; a typing activity would only add a request
            remove_recipient_mention=False,  # adapter.strip_mentions does it, other mentions included
        )
        teams = TeamsAgentExtension(self.agent)
        teams.activity(ActivityTypes.message)(self._on_message)
        teams.activity(ActivityTypes.conversation_update)(self._on_conversation_update)
        teams.installation_update()(self._on_installation_update)
        self.agent.adaptive_card.action_execute(_ANY_VERB)(self._on_card_execute)
        self.agent.error(self._on_error)

        async def on_turn_error(context: TurnContext, error: Exception) -> None:
            await self._on_error(context, error)

        # The SDK's default sends the exception text to the member; ours logs it and sends an id.
        self.adapter.on_turn_error = on_turn_error

    # --- Turns ----------------------------------------------------------------------------------

    async def _on_message(self, context: TeamsTurnContext, _state: TurnState) -> None:
        activity = context.activity
        await self._remember(activity, only_if_changed=True)
        await self._respond(context, None if activity.text else card_data(activity))

    async def _on_card_execute(
        self, context: TurnContext, _state: TurnState, data: Any
    ) -> AdaptiveCardInvokeResponse:
        teams_context = TeamsTurnContext(context, self.agent)
        reply = await self._respond(teams_context, data if isinstance(data, dict) else {})
        summary = reply.fallback if reply is not None else ""
        return AdaptiveCardInvokeResponse(status_code=200, type=_MESSAGE_TYPE, value=summary)

    async def _respond(self, context: TeamsTurnContext, data: dict[str, Any] | None) -> Reply | None:
        """Answer a member once per delivery: the form for «Meld forfall», else the registry's reply."""
        activity = context.activity
        key = event_key(activity)
        if key is not None and not await self._run_db(self._claim, key):
            log.info("Teams delivery %s already handled", key)  # a retry, or another replica has it
            return None
        if files := teams_files.shared_files(activity, allow_http=self.settings.teams_allow_anonymous):
            reply = await teams_files.answer(self.services, activity, files)  # bot.upload checks the sender
            return await self._send(context, to_activity(reply), private=True)  # type: ignore[func-returns-value]
        if forms.wants_form(data):
            assert data is not None
            await self._send(context, await self._form(activity, data), private=True)
            return None
        refused = forms.form_problems(data) if data and data.get("form") == forms.FORM_ID else None
        if refused is not None:
            await self._send(context, to_activity(refused), private=True)
            return refused
        invocation = await self._invocation(activity, data)
        if invocation is None:
            return None
        reply = await self._answer(context, invocation)
        await self._send(context, to_activity(reply), private=reply.private)
        return reply

    async def _on_conversation_update(self, context: TeamsTurnContext, _state: TurnState) -> None:
        activity = context.activity
        bot_id = activity.recipient.id if activity.recipient else None
        added = [m for m in activity.members_added or [] if m.id == bot_id]
        removed = [m for m in activity.members_removed or [] if m.id == bot_id]
        if removed:
            await self._run_db(self._forget, base_conversation_id(activity.conversation.id))
        elif added:
            conversation_id = await self._remember(activity)
            await context.send_activity(to_activity(self._welcome(activity, conversation_id)))
        elif refs.event_type(activity) == "channelCreated":
            await self._remember(activity, channel_id=refs.created_channel_id(activity))

    async def _on_installation_update(self, context: TeamsTurnContext, _state: TurnState) -> None:
        activity = context.activity
        if (activity.action or "").startswith("remove"):
            await self._run_db(self._forget, base_conversation_id(activity.conversation.id))
        else:
            await self._remember(activity)

    async def _on_error(self, context: TurnContext, error: Exception) -> None:
        code = errors.new_error_id()
        log.error("Teams turn failed [%s]", code, exc_info=error)
        try:
            await context.send_activity(to_activity(error_reply(code)))
        except Exception:  # the connector itself may be what failed
            log.warning("could not tell the member about [%s]", code, exc_info=True)

    # --- Helpers --------------------------------------------------------------------------------

    async def _invocation(self, activity: Activity, data: dict[str, Any] | None) -> Invocation | None:
        """The Invocation for the activity; a submitted forfall form becomes the sentence it means."""
        invocation = to_invocation(activity)
        if invocation is not None and data and data.get("form") == forms.FORM_ID:
            invocation = replace(invocation, text=forms.form_sentence(data))
        return invocation

    async def _answer(self, context: TurnContext, invocation: Invocation) -> Reply:
        """Run the registry in a worker thread (it is synchronous and talks to the database)."""
        invocation = await self._with_email(context, invocation)
        try:
            return await asyncio.to_thread(self.handle, invocation, self.services)
        except Exception:  # the registry never raises; a custom handler might
            code = errors.new_error_id()
            log.exception("Teams handler failed [%s]", code)
            return error_reply(code)

    async def _with_email(self, context: TurnContext, invocation: Invocation) -> Invocation:
        """Add the member's directory e-mail (for linking by roster) when they are not linked yet."""
        if invocation.email or await self._run_db(self._is_linked, invocation.user_id):
            return invocation
        connector = context.services.get(ConnectorClientBase)  # type: ignore[type-abstract]
        email = await refs.member_email(
            connector, context.activity, trusted_tenant=self.settings.teams_tenant_id
        )
        return replace(invocation, email=email) if email else invocation

    async def _send(self, context: TeamsTurnContext, activity: Activity, *, private: bool) -> None:
        """Send; a private answer in a channel or group chat goes to the asker only (a targeted message)."""
        incoming = context.activity
        if not private or is_personal(incoming) or incoming.from_property is None:
            await context.send_activity(activity)
            return
        sender = ChannelAccount(id=incoming.from_property.id, name=incoming.from_property.name)
        try:
            # A copy: targeting marks the activity, and a refused one is sent again elsewhere.
            await context.send_targeted_activity(activity.model_copy(deep=True), sender)
            return
        except Exception:
            # Targeted messages are new in Teams; where they are refused the answer stays private.
            log.warning("targeted message refused in %s", incoming.conversation.id, exc_info=True)
        connector = context.services.get(ConnectorClientBase)  # type: ignore[type-abstract]
        try:
            await refs.send_in_personal_chat(connector, incoming, activity)
            notice = teams_texts.TEAMS_ANSWERED_PRIVATELY
        except Exception:
            log.warning("no 1:1 chat with %s either", incoming.from_property.id, exc_info=True)
            notice = teams_texts.TEAMS_PRIVATE_ELSEWHERE
        await context.send_activity(to_activity(Reply((Text(notice),), fallback=notice)))

    async def _form(self, activity: Activity, data: dict[str, Any]) -> Activity:
        """The forfall form for the meeting pressed, or the reply that says why there is none."""
        invocation = to_invocation(activity)
        if invocation is None:
            return to_activity(errors.failure(errors.new_error_id()))
        found = await asyncio.to_thread(
            forfall_form.open_form, self.services, invocation, selected=forms.pressed(data)
        )
        if isinstance(found, Reply):
            return to_activity(found)
        return card_activity(forms.render_form(found), summary=found.title)

    def _welcome(self, activity: Activity, conversation_id: str | None) -> Reply:
        if is_personal(activity):
            body: tuple[Any, ...] = (Text(teams_texts.TEAMS_WELCOME_PERSONAL),)
        else:
            body = (Text(teams_texts.TEAMS_WELCOME_CHANNEL),)
            if conversation_id:
                body += (Note(teams_texts.TEAMS_WELCOME_CHANNEL_ID.format(conversation_id=conversation_id)),)
        return Reply(
            (Heading(teams_texts.TEAMS_WELCOME_HEADING), *body),
            private=False,
            fallback=teams_texts.TEAMS_WELCOME_FALLBACK,
        )

    async def _remember(
        self, activity: Activity, *, only_if_changed: bool = False, channel_id: str | None = None
    ) -> str | None:
        """Store where this conversation (or a named channel of its team) can be reached later."""
        found = refs.reference_of(activity, channel_id=channel_id)
        if found is None:
            return None
        conversation_id, service_url, reference = found
        await self._run_db(self._save_ref, conversation_id, service_url, reference, only_if_changed)
        return conversation_id

    async def _run_db(self, func: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.to_thread(func, *args)

    def _save_ref(
        self, conversation_id: str, service_url: str, reference: dict[str, Any], lazy: bool
    ) -> None:
        with unit_of_work(self.services.factory) as session:
            if lazy:
                known = teams_store.conversation_ref(session, conversation_id=conversation_id)
                if known is not None and known.service_url == service_url:
                    return
            teams_store.save_conversation_ref(
                session,
                conversation_id=conversation_id,
                service_url=service_url,
                reference=reference,
                now=self.services.clock(),
            )

    def _forget(self, conversation_id: str) -> None:
        with unit_of_work(self.services.factory) as session:
            teams_store.forget_conversation(session, conversation_id=conversation_id)

    def _claim(self, key: str) -> bool:
        with unit_of_work(self.services.factory) as session:
            # The real time, not the (possibly fixed) member clock: these rows only age out.
            return events.claim_event(session, key=key, now=system_clock())

    def _is_linked(self, external_id: str) -> bool:
        with unit_of_work(self.services.factory) as session:
            return teams_store.is_linked(session, external_id=external_id)


_MESSAGE_TYPE = "application/vnd.microsoft.activity.message"
