"""The Teams agent: an Agents SDK AgentApplication whose routes hand member messages to the registry."""

from __future__ import annotations

import asyncio
import functools
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
from bot.teams import turn_db as db
from bot.teams.adapter import base_conversation_id, card_data, event_key, is_personal, to_invocation
from bot.teams.auth import TokenValidator
from bot.teams.durable import Delivery
from bot.teams.render import card_activity, to_activity
from bot.teams.runner import MAX_ATTEMPTS, Deliveries
from bot.teams.settings import TeamsConfig
from bot.teams.welcome import welcome
from handlers import errors, forfall_form
from handlers.services import Services
from handlers.types import Invocation, Reply, Text
from storage import events

log = logging.getLogger(__name__)

Handle = Callable[[Invocation, Services], Reply]
Settle = Callable[[Any, Reply], None]
_ANY_VERB = re.compile(".*")


def registry_handle(invocation: Invocation, services: Services, settle: Settle | None = None) -> Reply:
    """The registry's `handle`, imported when first needed (`settle`: see handlers.registry)."""
    from handlers.registry import handle

    return handle(invocation, services, settle=settle)


def error_reply(code: str) -> Reply:
    """The polite Norwegian answer to an unexpected failure, with the id that is also logged."""
    return errors.failure(code)


@dataclass
class TeamsBot:
    """The agent application, its adapter, and what its turns need from the rest of the bot."""

    settings: Settings
    services: Services
    auth_config: AgentAuthConfiguration
    config: TeamsConfig
    handle: Handle = registry_handle
    validator: TokenValidator | None = None  # None in anonymous local testing only
    adapter: CloudAdapter = field(init=False)
    agent: AgentApplication[TurnState] = field(init=False)
    deliveries: Deliveries = field(init=False)

    def __post_init__(self) -> None:
        self.deliveries = Deliveries(self)
        connections = MsalConnectionManager(
            connections_configurations={"SERVICE_CONNECTION": self.auth_config}
        )
        self.adapter = CloudAdapter(connection_manager=connections)
        self.agent = AgentApplication[TurnState](
            storage=db.NoStorage(),
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
        self, context: TurnContext, _state: TurnState, _data: Any
    ) -> AdaptiveCardInvokeResponse:
        teams_context = TeamsTurnContext(context, self.agent)
        # The SDK hands over action.data alone; the verb (the button's action) is beside it, and
        # «Meld forfall» is known by the two together: card_data puts the verb back in.
        reply = await self._respond(teams_context, card_data(context.activity) or {})
        summary = reply.fallback if reply is not None else ""
        return AdaptiveCardInvokeResponse(status_code=200, type=_MESSAGE_TYPE, value=summary)

    async def _respond(self, context: TeamsTurnContext, data: dict[str, Any] | None) -> Reply | None:
        """Answer a member once per delivery: the form for «Meld forfall», else the registry's reply."""
        activity = context.activity
        key = event_key(activity)
        delivery = self.deliveries.owned.get(key) if key is not None else None
        if delivery is None and key is not None and not await self._run_db(db.claim, self.services, key):
            log.info("Teams delivery %s already handled", key)  # a retry, or another replica has it
            return None
        if delivery is not None and (delivery.answer is not None or delivery.attempts > MAX_ATTEMPTS):
            await self._settled(context, delivery)
            return None
        if files := teams_files.shared_files(activity, local_only=self.config.anonymous):
            user = await self._run_db(db.member_key, self.services, activity, self.config.home_tenant)
            upload = await teams_files.answer(self.services, activity, files, user=user)  # checks the sender
            await self._send(context, to_activity(upload), private=True)
            return None
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
        reply = await self._answer(context, invocation, key if delivery is not None else None)
        if reply is None:
            return None
        await self._send(context, to_activity(reply), private=reply.private)
        return reply

    async def _settled(self, context: TeamsTurnContext, delivery: Delivery) -> None:
        """A replayed delivery already answered before a crash (send that), or given up on."""
        if delivery.answer is not None:
            await self._send(context, delivery.answer.to_activity(), private=delivery.answer.private)
            return
        code = errors.new_error_id()
        log.error("Teams delivery %s: given up after %d attempts [%s]", delivery.key, MAX_ATTEMPTS, code)
        await self._send(context, to_activity(error_reply(code)), private=True)

    async def _on_conversation_update(self, context: TeamsTurnContext, _state: TurnState) -> None:
        activity = context.activity
        bot_id = activity.recipient.id if activity.recipient else None
        added = [m for m in activity.members_added or [] if m.id == bot_id]
        removed = [m for m in activity.members_removed or [] if m.id == bot_id]
        if removed:
            await self._run_db(db.forget, self.services, base_conversation_id(activity.conversation.id))
        elif added:
            conversation_id = await self._remember(activity)
            await context.send_activity(to_activity(welcome(activity, conversation_id)))
        elif refs.event_type(activity) == "channelCreated":
            await self._remember(activity, channel_id=refs.created_channel_id(activity))

    async def _on_installation_update(self, context: TeamsTurnContext, _state: TurnState) -> None:
        activity = context.activity
        if (activity.action or "").startswith("remove"):
            await self._run_db(db.forget, self.services, base_conversation_id(activity.conversation.id))
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
        invocation = await self._member_invocation(activity)
        if invocation is not None and data and data.get("form") == forms.FORM_ID:
            invocation = replace(invocation, text=forms.form_sentence(data))
        return invocation

    async def _member_invocation(self, activity: Activity) -> Invocation | None:
        """to_invocation, with the sender known by tenant and object id (storage.directory)."""
        invocation = to_invocation(activity)
        if invocation is None:
            return None
        user = await self._run_db(db.member_key, self.services, activity, self.config.home_tenant)
        return replace(invocation, user_id=user) if user else invocation

    async def _answer(self, context: TurnContext, invocation: Invocation, key: str | None) -> Reply | None:
        """Run the registry in a worker thread (it is synchronous and talks to the database).

        With the key of a delivery written down, a write command marks it answered in its own
        transaction; None when another runner had answered it (nothing to send then)."""
        invocation = await self._with_email(context, invocation)
        handle: Callable[..., Reply] = self.handle
        if key is not None and self.handle is registry_handle:
            handle = functools.partial(registry_handle, settle=functools.partial(db.settle, key=key))
        try:
            return await asyncio.to_thread(handle, invocation, self.services)
        except events.Taken:
            log.info("Teams delivery %s answered by another runner", key)
            return None
        except Exception:  # the registry never raises; a custom handler might
            code = errors.new_error_id()
            log.exception("Teams handler failed [%s]", code)
            return error_reply(code)

    async def _with_email(self, context: TurnContext, invocation: Invocation) -> Invocation:
        """Add the member's directory e-mail (for linking by roster) when they are not linked yet."""
        if invocation.email or await self._run_db(db.is_linked, self.services, invocation.user_id):
            return invocation
        connector = context.services.get(ConnectorClientBase)  # type: ignore[type-abstract]
        email = await refs.member_email(connector, context.activity, trusted_tenants=self.config.tenants)
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
        invocation = await self._member_invocation(activity)
        if invocation is None:
            return to_activity(errors.failure(errors.new_error_id()))
        found = await asyncio.to_thread(
            forfall_form.open_form, self.services, invocation, selected=forms.pressed(data)
        )
        if isinstance(found, Reply):
            return to_activity(found)
        return card_activity(forms.render_form(found), summary=found.title)

    async def _remember(
        self, activity: Activity, *, only_if_changed: bool = False, channel_id: str | None = None
    ) -> str | None:
        """Store where this conversation (or a named channel of its team) can be reached later."""
        found = refs.reference_of(activity, channel_id=channel_id)
        if found is None:
            return None
        conversation_id, service_url, reference = found
        await self._run_db(
            db.save_ref, self.services, conversation_id, service_url, reference, only_if_changed
        )
        return conversation_id

    async def _run_db(self, func: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.to_thread(func, *args)


_MESSAGE_TYPE = "application/vnd.microsoft.activity.message"
