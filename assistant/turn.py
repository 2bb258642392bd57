"""What one message does to the conversation: free text first, never a dead end.

The rules of docs/conversation.md ("The flow"), in order:

1. Danger first. An alarm (the app's net before the dialogue, a tap on "I am in danger", the net
   again here) shows the emergency card and asks one check: "are you in danger right now?".
2. Every message is read for every answer it holds, whatever question is pending: buttons,
   and typed words, which the chat endpoint has read once already (assistant/intake.py).
3. After the card, "yes" stays with the card; "no", by button or words, or any other answer,
   goes on where the conversation was, the emergency numbers staying above the cards.
4. The safety gate is implicit: any message but "someone is watching" or danger counts as "safe
   to continue", and it is never asked twice.
5. "Didn't understand" at most once per question: a second miss counts as "don't know".
6. After the cards, typing still works: a new place, a need or a fact re-orders them.

Nothing of the text is kept: it is read here and only codes leave (docs/conversation.md,
"Privacy").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant import danger, flow, intake
from directory.places import PlaceResolver
from directory.situation import MULTI_ANSWER, SKIP_CODES
from directory.vocab import Lang

SINGLE = ("safety", "who", "relationship", "sexual_recency", "municipality")
# The slots a message can answer about the situation (not the conversation's own state).
SITUATION_SLOTS = (*SINGLE, *sorted(MULTI_ANSWER), "user_is_child", "undocumented")


@dataclass(frozen=True)
class Message:
    """One message as the dialogue received it. `text` is empty for a button."""

    text: str = ""
    entities: Mapping[str, list[str]] = field(default_factory=dict)
    intent: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Say:
    """A fixed sentence of data/conversation.yaml."""

    key: str


@dataclass(frozen=True)
class Ask:
    """A question, with its buttons; `retry` says the last answer was not understood."""

    slot: str
    retry: bool = False


@dataclass(frozen=True)
class EmergencyCard:
    """112/101 first (B.4); `stay` when the person said they are in danger right now."""

    stay: bool = False


@dataclass(frozen=True)
class Suggestions:
    """The referral cards for what is known, at most three."""


@dataclass(frozen=True)
class Refine:
    """After the cards: what would help most, to re-order them."""

    not_understood: bool = False


@dataclass(frozen=True)
class Goodbye:
    pass


Reply = Say | Ask | EmergencyCard | Suggestions | Refine | Goodbye


class Answers:
    """The slots of the conversation and what this message changes; only what is new is written."""

    def __init__(self, slots: Mapping[str, Any]) -> None:
        self.slots: dict[str, Any] = dict(slots)
        self.changes: dict[str, Any] = {}

    def put(self, slot: str, value: Any, *, overwrite: bool = False) -> None:
        if value in (None, "", []):
            return
        if self.slots.get(slot) not in (None, "", []) and not overwrite:
            return
        if self.slots.get(slot) != value:
            self.slots[slot] = self.changes[slot] = value

    def clear(self, slot: str) -> None:
        if self.slots.get(slot) not in (None, False, "", []):
            self.slots[slot] = self.changes[slot] = None

    def add(self, slot: str, values: list[str] | set[str] | frozenset[str]) -> None:
        current = list(self.slots.get(slot) or [])
        # A real answer replaces "don't know"; "none" does not mix with flags.
        merged = [v for v in current if v not in SKIP_CODES] if values else current
        merged += [v for v in sorted(values) if v not in merged]
        if "none" in merged and len(merged) > 1:
            merged.remove("none")
        if merged != current and merged:
            self.slots[slot] = self.changes[slot] = merged

    def learned(self) -> bool:
        """Whether this message said something about the situation."""
        return any(slot in self.changes for slot in SITUATION_SLOTS)

    def answered(self, slot: str) -> bool:
        return self.slots.get(slot) not in (None, "", [])


@dataclass
class Outcome:
    changes: dict[str, Any]
    replies: list[Reply]
    requested: str | None


def _apply_codes(answers: Answers, codes: Mapping[str, Any], *, overwrite: bool) -> None:
    """Answers given as codes: a button's entities, or what the app read from kept-back words."""
    for slot in SINGLE:
        value = codes.get(slot)
        if isinstance(value, list):
            value = value[-1] if value else None
        if value:
            answers.put(slot, str(value), overwrite=overwrite)
    for slot in MULTI_ANSWER:
        values = codes.get(slot)
        if values:
            answers.add(slot, {str(v) for v in (values if isinstance(values, list) else [values])})
    for flag in ("user_is_child", "undocumented"):
        if codes.get(flag) in (True, "true", ["true"]):
            answers.put(flag, True)
    candidates = codes.get("place_candidates")
    if candidates and not answers.answered("municipality"):
        answers.put("place_candidates", list(candidates), overwrite=True)
    if codes.get("municipality"):
        answers.put("place_candidates", [], overwrite=True)


def _check(message: Message, said: intake.Reading | None) -> str | None:
    """The answer to "are you in danger right now?": "yes", "no" or None."""
    tapped = message.entities.get("danger_check")
    if tapped:
        return tapped[-1]
    return said.check if said is not None else None


def _answered_already(found: danger.Alarm, slots: Mapping[str, Any], check: str | None) -> bool:
    """Whether the net's alarm is one the card already answered (the numbers stay pinned)."""
    if check == "no":
        # "Nee, hij zit beneden tv te kijken": the answer to the check the card just asked.
        # New suicidal words show the card again, with the suicide line.
        return bool(slots.get("suicidal")) or not found.suicidal
    # "Il me bat" after "not now": what happens, not a new scene.
    return found.ambiguous and bool(slots.get("alarm")) and not slots.get("emergency")


def _reading(message: Message, lang: Lang, places: PlaceResolver | None) -> intake.Reading | None:
    """The app's reading of the message (sent as codes), or, without one, the words read here."""
    sent = intake.Reading.from_metadata(message.metadata, lang)
    if sent is not None:
        return sent
    return intake.read(message.text, lang, places) if message.text else None


def take(
    slots: Mapping[str, Any],
    requested: str | None,
    message: Message,
    lang: Lang,
    places: PlaceResolver | None,
) -> Outcome:
    """Read one message against the conversation so far and choose what to say."""
    answers = Answers(slots)
    text = message.text
    said = _reading(message, lang, places)
    # The app's net decides; the model's "emergency" alone counts once per conversation, so that
    # a misread answer cannot bring the card back at every turn (B.4a: never a dead end).
    found = said.alarm if said is not None else None
    tapped = message.intent == "emergency" and not text and found is None
    check = _check(message, said) if slots.get("emergency") else None
    if found is not None and _answered_already(found, slots, check):
        found = None
    model_only = message.intent == "emergency" and bool(text) and not slots.get("alarm")
    alarm = found is not None or model_only or tapped
    suicidal = found is not None and found.suicidal
    # Every answer the message holds, whatever was asked (B.4a.1). A button's place must be one.
    entities = dict(message.entities)
    if "municipality" in entities:
        known = places.places if places is not None else {}
        entities["municipality"] = [
            v for v in entities["municipality"] if v in known or v in SKIP_CODES
        ]
    _apply_codes(answers, entities, overwrite=True)
    if said is not None:
        _apply_codes(answers, said.answers, overwrite=False)
        if slots.get("shown") and said.answers.get("municipality"):
            # After the cards a new place gives new cards (B.4a.7).
            answers.put("municipality", said.answers["municipality"], overwrite=True)
    if entities.get("municipality"):
        answers.put("place_candidates", [], overwrite=True)
    learned = answers.learned()
    page_place = message.metadata.get("municipality")
    if page_place and not answers.answered("municipality"):
        answers.put("municipality", str(page_place))  # the page's municipality, a default
    replies: list[Reply] = []
    checking = bool(text) and bool(slots.get("emergency"))  # « ça va » may answer the check
    if message.intent == "greet" and not (alarm or learned or checking):
        # A greeting, or the widget asking again after a change of language: not an answer.
        again = resume(answers.slots, requested, lang)
        return Outcome(answers.changes, again.replies, again.requested)

    if alarm:
        answers.put("emergency", True, overwrite=True)
        answers.put("alarm", True, overwrite=True)
        answers.put("suicidal", bool(suicidal), overwrite=suicidal)  # once said, the line stays
        answers.put("safety", "ok")
        answers.clear("missed")
        return Outcome(answers.changes, [EmergencyCard(), Ask("danger_check")], "danger_check")

    if slots.get("emergency"):
        if check == "yes" and not learned:
            return Outcome(answers.changes, [EmergencyCard(stay=True)], "danger_check")
        if check is None and not learned and slots.get("missed") != "danger_check":
            answers.put("missed", "danger_check", overwrite=True)
            return Outcome(answers.changes, [Ask("danger_check", retry=True)], "danger_check")
        # "No", an answer to a question, or a second miss: onwards, the numbers pinned (B.4a.3).
        answers.put("emergency", False, overwrite=True)
        answers.clear("missed")
        replies.append(Say("emergency_resume"))
        requested = None
        resumed = True
    else:
        resumed = False

    # The safety gate is implicit once the person is talking (B.4a.2).
    if not answers.answered("safety"):
        # A story says it is safe to go on; "il contrôle mon téléphone" is not "someone watches".
        answers.put("safety", flow.safety_answer(text) if text and not learned else None)
        if not answers.answered("safety") and (text or learned):
            answers.put("safety", "ok")
    if answers.changes.get("safety") == "screen_risk":
        replies.append(Say("screen_risk"))

    if requested == "red_flags" and text and flow.is_no(text):
        answers.add("red_flags", {"none"})
    skipped = said.skip if said is not None and requested not in (None, "safety") else None
    if skipped and requested and not answers.answered(requested):
        if requested in MULTI_ANSWER:
            answers.add(requested, {skipped})
        else:
            answers.put(requested, skipped)

    usable = answers.learned() or "safety" in answers.changes
    if message.intent == "goodbye" and not (usable or resumed) and requested != "red_flags":
        return Outcome(answers.changes, [Goodbye()], None)

    following = flow.next_question(answers.slots, lang)
    if following is not None and following == requested and not answers.answered(requested):
        if slots.get("missed") == requested:
            # Asked twice, not answered twice: "don't know", and on (B.4a.1).
            if requested in MULTI_ANSWER:
                answers.add(requested, {"dont_know"})
            else:
                answers.put(requested, "dont_know")
            answers.clear("missed")
            following = flow.next_question(answers.slots, lang)
        else:
            answers.put("missed", requested, overwrite=True)
            replies.append(Ask(following, retry=not usable))
            return Outcome(answers.changes, replies, following)
    if following is not None:
        if following != slots.get("missed"):
            answers.clear("missed")
        replies.append(Ask(following))
        return Outcome(answers.changes, replies, following)

    # Nothing left to ask: the cards, or, after them, a way to go on (B.4a.7).
    shown = bool(slots.get("shown"))
    if shown and not usable and not message.entities and slots.get("missed") != "after":
        answers.put("missed", "after", overwrite=True)
        return Outcome(answers.changes, [Refine(not_understood=True)], None)
    answers.clear("missed")
    answers.put("shown", True)
    replies.append(Suggestions())
    return Outcome(answers.changes, replies, None)


def resume(slots: Mapping[str, Any], requested: str | None, lang: Lang) -> Outcome:
    """Back from a detour ("are you a bot?"): ask again where the conversation stands."""
    following = requested or flow.next_question(slots, lang)
    if following is None:
        return Outcome({}, [Suggestions()], None)
    return Outcome({}, [Ask(following)], following)
