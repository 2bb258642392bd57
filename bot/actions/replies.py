"""What the assistant says: questions, the emergency card, the suggestions. Texts come from the app.

Every reply is written text from data/conversation.yaml or a record of the directory; nothing
here composes a sentence about someone's safety.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, Restarted, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from assistant import flow, texts, turn
from assistant.texts import Button
from bot.actions import context, questions
from directory import referral
from directory.vocab import Lang


def _buttons(buttons: tuple[Button, ...] | list[Button]) -> list[dict[str, Any]]:
    return [{"title": b.title, "payload": b.payload} for b in buttons]


def _referral(slots: Mapping[str, Any], lang: Lang, *, danger: bool = False) -> dict[str, Any]:
    slots = dict(slots)
    if danger:
        slots["emergency"] = True
    situation = flow.situation(slots, lang)
    with context.session() as session:
        return referral.referral_document(session, situation, now=context.now(), summary=True)


def _utter_emergency(
    dispatcher: CollectingDispatcher, slots: Mapping[str, Any], lang: Lang, *, stay: bool = False
) -> None:
    """B.4: 112/101 first, the validation line, what to do if you cannot call; then either the
    check (asked by the caller) or, when the person is in danger right now, a way back out."""
    document = _referral(slots, lang, danger=True)
    dispatcher.utter_message(text=texts.say("emergency", lang))
    dispatcher.utter_message(json_message={"type": "referral", **document})
    if not stay:
        dispatcher.utter_message(text=texts.say("emergency_options", lang))
        return
    not_now = texts.question("danger_check", lang).buttons[-1]
    dispatcher.utter_message(
        text=texts.say("emergency_stay", lang),
        buttons=_buttons((not_now, *texts.after_buttons(lang))),
    )


def say(
    dispatcher: CollectingDispatcher,
    replies: list[turn.Reply],
    slots: Mapping[str, Any],
    lang: Lang,
) -> None:
    """The replies the app chose for this message (assistant/turn.py), in order."""
    for reply in replies:
        if isinstance(reply, turn.Say):
            dispatcher.utter_message(text=texts.say(reply.key, lang))
        elif isinstance(reply, turn.Ask):
            questions.ask(dispatcher, reply.slot, slots, lang, retry=reply.retry)
        elif isinstance(reply, turn.EmergencyCard):
            _utter_emergency(dispatcher, slots, lang, stay=reply.stay)
        elif isinstance(reply, turn.Suggestions):
            utter_referral(dispatcher, slots, lang)
        elif isinstance(reply, turn.Refine):
            _utter_refine(dispatcher, lang, not_understood=reply.not_understood)
        else:
            dispatcher.utter_message(
                text=texts.say("goodbye", lang), buttons=_buttons(texts.after_buttons(lang))
            )


def _utter_refine(dispatcher: CollectingDispatcher, lang: Lang, *, not_understood: bool) -> None:
    prompt = texts.question("needs", lang)
    dispatcher.utter_message(
        text=texts.say("not_understood_after" if not_understood else "refine", lang),
        buttons=_buttons(prompt.buttons[:-2]) + _buttons(texts.after_buttons(lang)),
        json_message={"question": "needs", "multiple": True},
    )


class ActionStart(Action):
    def name(self) -> str:
        return "action_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        lang = context.lang(tracker)
        dispatcher.utter_message(text=texts.say("opening", lang))
        dispatcher.utter_message(text=texts.say("disclosure", lang))
        return []


def utter_referral(dispatcher: CollectingDispatcher, slots: Mapping[str, Any], lang: Lang) -> None:
    """The suggestions: at most three services, what happens when you contact them, a summary.

    Said by the form's last validation (`validate_referral_form`), in the same call that found
    the questions answered: a separate action would cost another round trip with the whole
    tracker (bot/README.md)."""
    document = _referral(slots, lang)
    document["pinned"] = bool(slots.get("alarm"))  # 112/101 stay on top after an alarm
    intro = "professional_intro" if document["professional"] else "referral_intro"
    if not document["cards"] and not document["professional"]:
        intro = "referral_none"
    dispatcher.utter_message(text=texts.say(intro, lang))
    dispatcher.utter_message(json_message={"type": "referral", **document})
    if document["professional"]:
        # Professional mode points to the directory's search with the filters that fit.
        filters = {k: v for k, v in document["professional"]["search_filters"].items() if v}
        dispatcher.utter_message(
            json_message={
                "type": "link",
                "href": "/search?" + urlencode(filters, doseq=True),
                "text": texts.say("search_link", lang),
            }
        )
    else:
        _utter_refine(dispatcher, lang, not_understood=False)


class ActionRestart(Action):
    """Forget everything and start again (the widget clears its own session storage too)."""

    def name(self) -> str:
        return "action_restart_conversation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        lang = context.lang(tracker)
        dispatcher.utter_message(text=texts.say("restarted", lang))
        dispatcher.utter_message(text=texts.say("opening", lang))
        questions.ask(dispatcher, "safety", {}, lang)
        return [Restarted(), SlotSet("language", lang.value)]


class ActionBotChallenge(Action):
    def name(self) -> str:
        return "action_bot_challenge"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=texts.say("bot_challenge", context.lang(tracker)))
        return []


class ActionGoodbye(Action):
    def name(self) -> str:
        return "action_goodbye"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        lang = context.lang(tracker)
        dispatcher.utter_message(
            text=texts.say("goodbye", lang),
            buttons=_buttons(texts.after_buttons(lang)),
        )
        return [SlotSet("requested_slot", None), ActiveLoop(None)]


class ActionNotUnderstood(Action):
    def name(self) -> str:
        return "action_not_understood"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        lang = context.lang(tracker)
        dispatcher.utter_message(
            text=texts.say("not_understood", lang),
            buttons=_buttons(texts.after_buttons(lang)),
        )
        # As Rasa's own fallback: forget the message, so that the next step is to listen
        # (without it, the fallback was predicted again until Rasa's limit of ten).
        return [UserUtteranceReverted()]
