"""The form's one step per message: read it, choose the reply, say it.

What a message means and what comes next is decided by the app (assistant/turn.py); this module
only carries Rasa's tracker in and the replies out. The text itself is never put in a slot.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from assistant import turn
from bot.actions import context, replies

_FORM_STEPS = {"referral_form", "action_extract_slots", "validate_referral_form"}


def _answering(tracker: Tracker) -> bool:
    """Whether the form runs on a new message, rather than on a return after a detour (the
    form resumes after "are you a bot?"). Rasa logs the form's own run before calling us."""
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            return True
        if kind == "action" and event.get("name") not in _FORM_STEPS:
            return False
    return False


def message(tracker: Tracker) -> turn.Message:
    return turn.Message(
        text=context.text(tracker),
        entities=context.entities(tracker),
        intent=context.intent(tracker),
        metadata=context.metadata(tracker),
    )


class ValidateReferralForm(Action):
    """One action server call per turn: read the message, then ask the next question, show the
    emergency card or the suggestions (bot/README.md, "Keeping the bot thin")."""

    def name(self) -> str:
        return "validate_referral_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        lang = context.lang(tracker)
        slots = dict(tracker.current_slot_values())
        requested = tracker.get_slot("requested_slot")
        events: list[EventType] = []
        # Always set: Rasa's form rejects a turn whose validation sets no slot but the requested
        # one ("il est là" said twice to "are you in danger?") and its fallback then repeats
        # "didn't understand" ten times.
        events.append(SlotSet("language", lang.value))
        # Typed words read as a greeting pass through the opening first; they are still read.
        typed_greeting = context.intent(tracker) == "greet" and bool(context.text(tracker))
        if _answering(tracker) or typed_greeting:
            outcome = turn.take(slots, requested, message(tracker), lang, context.resolver())
        else:  # back from a detour: ask again where the conversation stands
            outcome = turn.resume(slots, requested, lang)
        slots.update(outcome.changes)
        replies.say(dispatcher, outcome.replies, slots, lang)
        events += [SlotSet(slot, value) for slot, value in outcome.changes.items()]
        return [*events, SlotSet("requested_slot", outcome.requested)]
