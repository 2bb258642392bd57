"""Turning each message into answers, and asking the next question.

Button payloads arrive as entities; free text goes through the app's deterministic
understanding (assistant/reading.py, assistant/place_in_text.py) and the place resolver. The text itself is never put
in a slot. The app's flow (assistant/flow.py) decides which question comes next.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from assistant import danger, flow, place_in_text, reading, texts
from bot.actions import context, questions, replies
from directory.places import Status
from directory.situation import MULTI_ANSWER, SKIP_CODES
from directory.vocab import Lang

SINGLE = ("safety", "who", "relationship", "sexual_recency", "municipality")


class Answers:
    """The slot changes of one turn: only what is new is written."""

    def __init__(self, tracker: Tracker) -> None:
        self.slots: dict[str, Any] = dict(tracker.current_slot_values())
        self.changes: dict[str, Any] = {}

    def put(self, slot: str, value: Any, *, overwrite: bool = False) -> None:
        if value in (None, "", [], False):
            return
        if self.slots.get(slot) not in (None, "", []) and not overwrite:
            return
        self.slots[slot] = self.changes[slot] = value

    def add(self, slot: str, values: list[str] | set[str] | frozenset[str]) -> None:
        current = list(self.slots.get(slot) or [])
        # A real answer replaces "don't know"; "none" does not mix with flags.
        merged = [v for v in current if v not in SKIP_CODES]
        merged += [v for v in sorted(values) if v not in merged]
        if "none" in merged and len(merged) > 1:
            merged.remove("none")
        if merged != current and merged:
            self.slots[slot] = self.changes[slot] = merged

    def events(self) -> list[EventType]:
        return [SlotSet(slot, value) for slot, value in self.changes.items()]


def _language(tracker: Tracker, answers: Answers) -> Lang:
    requested = context.metadata(tracker).get("lang")
    if requested in {lang.value for lang in Lang}:
        answers.put("language", requested, overwrite=True)
        return Lang(requested)
    return context.lang(tracker)


def _from_buttons(tracker: Tracker, answers: Answers) -> None:
    found = context.entities(tracker)
    places = context.resolver().places
    found["municipality"] = [
        code for code in found.get("municipality", []) if code in places or code in SKIP_CODES
    ]
    for slot in SINGLE:
        if found.get(slot):
            answers.put(slot, found[slot][-1], overwrite=True)
    for slot in MULTI_ANSWER:
        if found.get(slot):
            answers.add(slot, set(found[slot]))
    if found.get("municipality"):
        answers.put("place_candidates", [], overwrite=True)


def _from_text(
    text: str, lang: Lang, answers: Answers, requested: str | None
) -> reading.Extraction:
    found = reading.extract(text, lang)
    answers.put("who", found.who and found.who.value)
    answers.put("relationship", found.relationship and found.relationship.value)
    answers.put("sexual_recency", found.recency and found.recency.value)
    answers.add("happening", {h.value for h in found.happening})
    answers.add("red_flags", {f.value for f in found.red_flags})
    answers.add("needs", {n.value for n in found.needs})
    answers.put("user_is_child", found.user_is_child)
    answers.put("undocumented", found.undocumented)
    if answers.slots.get("municipality") and requested != "municipality":
        return found
    place = place_in_text.find_place(text, context.resolver())
    if place is None:
        return found
    if place.best is not None:
        answers.put("municipality", place.best.nis_code, overwrite=True)
        answers.put("place_candidates", [], overwrite=True)
    elif place.status is Status.AMBIGUOUS:
        answers.put("place_candidates", [c.nis_code for c in place.candidates], overwrite=True)
    return found


def _from_words(
    text: str, found: reading.Extraction | None, answers: Answers, requested: str | None
) -> None:
    """Answers that are about the question rather than the situation: yes/no, skip."""
    if requested == "safety" or not answers.slots.get("safety"):
        answers.put("safety", flow.safety_answer(text))
    if requested == "red_flags" and flow.is_no(text):
        answers.add("red_flags", {"none"})
    if found is None or not requested or requested == "safety":
        return
    skipped = "rather_not_say" if found.rather_not_say else "dont_know" if found.dont_know else None
    if skipped and answers.slots.get(requested) in (None, "", []):
        if requested in MULTI_ANSWER:
            answers.add(requested, {skipped})
        else:
            answers.put(requested, skipped)


def extract(tracker: Tracker) -> Answers:
    """Everything this message answers: buttons, free text, the page's metadata."""
    answers = Answers(tracker)
    lang = _language(tracker, answers)
    requested = tracker.get_slot("requested_slot")
    text = context.text(tracker)
    if context.intent(tracker) == "emergency":
        answers.put("emergency", True)
    alarm = danger.emergency(text) if text else None
    if alarm is not None:
        answers.put("emergency", True)
        answers.put("suicidal", alarm.kind == "suicide" or alarm.suicidal)
    _from_buttons(tracker, answers)
    found = _from_text(text, lang, answers, requested) if text else None
    _from_words(text, found, answers, requested)
    default_place = context.metadata(tracker).get("municipality")
    if default_place and not answers.slots.get("municipality"):
        answers.put("municipality", str(default_place))
    return answers


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


class ValidateReferralForm(Action):
    """The form's one step per message: read the answers, pick the next question, ask it, or,
    when none is left, show the suggestions.

    One action server call per turn: the extraction, the flow and the question (or the
    suggestions) happen here (the domain has no separate extraction, ask or referral actions,
    which cost a round trip each).
    """

    def name(self) -> str:
        return "validate_referral_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        fresh = _answering(tracker)
        answers = extract(tracker) if fresh else Answers(tracker)
        lang = (
            context.lang(tracker)
            if "language" not in answers.changes
            else Lang(answers.slots["language"])
        )
        slots = answers.slots
        requested = tracker.get_slot("requested_slot")
        understood = not fresh or requested is None or slots.get(requested) not in (None, "", [])
        if answers.changes.get("safety") == "screen_risk":
            dispatcher.utter_message(text=texts.say("screen_risk", lang))
        following = flow.next_question(slots, lang)
        if following is not None:
            questions.ask(
                dispatcher, following, slots, lang, retry=not understood and following == requested
            )
        else:
            # The questions are done: the form stops and the suggestions come in this same call.
            replies.utter_referral(dispatcher, slots, lang)
        return [
            *answers.events(),
            SlotSet("understood", understood),
            SlotSet("requested_slot", following),
        ]
