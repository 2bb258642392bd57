"""The assistant's words: reviewed FR/NL texts and the buttons of every question.

The texts live in data/conversation.yaml so that they can be reviewed by people who do not read
Python; this module only looks them up. A button's payload is a Rasa message that carries the
answer as an entity (`/inform{"who":"me"}`), so a tap never depends on language understanding.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from directory.paths import DATA_DIR
from directory.situation import MULTI_ANSWER, SKIP_CODES
from directory.vocab import Lang

# The questions in the order of the conversation design (B.2); `flow` decides which are needed.
QUESTIONS = (
    "danger_check",
    "safety",
    "who",
    "relationship",
    "happening",
    "sexual_recency",
    "red_flags",
    "municipality",
)
# Answers that fill several values at once (B.2 Q4, Q5, Q6).
# "Danger now" is the emergency intent itself, so that it goes through the emergency rule.
SAFETY_PAYLOADS = {"danger": "/emergency"}
SKIP_ANSWERS = SKIP_CODES


@dataclass(frozen=True, slots=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True, slots=True)
class Prompt:
    slot: str
    text: str
    buttons: tuple[Button, ...]
    multiple: bool

    def as_message(self) -> dict[str, Any]:
        """The shape Rasa's dispatcher and the REST channel use."""
        return {
            "text": self.text,
            "buttons": [{"title": b.title, "payload": b.payload} for b in self.buttons],
            "custom": {"question": self.slot, "multiple": self.multiple},
        }


@cache
def _texts(path: Path = DATA_DIR / "conversation.yaml") -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


def _pick(texts: dict[str, str], lang: Lang) -> str:
    # Only FR and NL are written; German and English speakers get French until they are.
    return texts.get(lang.value) or texts["fr"]


def say(key: str, lang: Lang) -> str:
    """A fixed sentence, e.g. say("emergency", Lang.NL)."""
    return _pick(_texts()[key], lang)


def answer_codes(slot: str) -> tuple[str, ...]:
    return tuple(_texts()["questions"][slot]["answers"])


def payload(slot: str, code: str) -> str:
    if slot == "safety" and code in SAFETY_PAYLOADS:
        return SAFETY_PAYLOADS[code]
    return "/inform" + json.dumps({slot: code}, separators=(",", ":"))


def question(slot: str, lang: Lang, *, who: str | None = None) -> Prompt:
    """The question for `slot`, worded for who is being helped, with all its buttons."""
    spec = _texts()["questions"][slot]
    variant = spec.get("variants", {}).get(who or "")
    text = _pick(variant or spec["text"], lang)
    buttons = [Button(_pick(t, lang), payload(slot, code)) for code, t in spec["answers"].items()]
    if spec.get("skip", True):
        always = _texts()["always"]
        buttons += [Button(_pick(always[code], lang), payload(slot, code)) for code in SKIP_ANSWERS]
    return Prompt(slot, text, tuple(buttons), slot in MULTI_ANSWER)


def foreign(key: str, lang: Lang) -> str:
    """The German and English essentials (B.4a), also written in French and Dutch."""
    return _pick(_texts()["foreign"][key], lang)


def language_buttons(lang: Lang) -> tuple[Button, ...]:
    """Go on in French or in Dutch: the answer carries the language, nothing else."""
    return tuple(
        Button(foreign(f"go_on_{code}", lang), payload("language", code)) for code in ("fr", "nl")
    )


def after_buttons(lang: Lang) -> tuple[Button, ...]:
    after = _texts()["after"]
    return (
        Button(_pick(after["restart"], lang), "/start_over"),
        Button(_pick(after["exit"], lang), "/goodbye"),
    )


# Intents a button (or the app itself) may send as "/intent{...}": the Rasa domain's intents.
INTENTS = frozenset(
    {"greet", "goodbye", "emergency", "inform", "start_over", "bot_challenge", "out_of_scope"}
)
_PAYLOAD = re.compile(r"^/(?P<intent>[a-z_]+)(?P<entities>\{.*\})?$", re.DOTALL)
_NIS = re.compile(r"^\d{5}$")


def valid_payload(message: str) -> bool:
    """Whether a "/intent{...}" message only carries answers the assistant could have offered.

    The widget sends button payloads as messages; anything else starting with "/" would let a
    caller set arbitrary slots, so it is refused.
    """
    match = _PAYLOAD.match(message.strip())
    if not match or match["intent"] not in INTENTS:
        return False
    if not match["entities"]:
        return True
    try:
        entities = json.loads(match["entities"])
    except ValueError:
        return False
    if not isinstance(entities, dict) or match["intent"] != "inform":
        return False
    for slot, value in entities.items():
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) for v in values):
            return False
        if slot == "municipality":
            allowed: Any = [v for v in values if _NIS.match(v) or v in SKIP_ANSWERS]
        elif slot == "language":
            allowed = ["fr", "nl"]
        elif slot == "danger_check":
            allowed = answer_codes(slot)
        elif slot == "safety":
            allowed = [c for c in answer_codes(slot) if c not in SAFETY_PAYLOADS] + list(
                SKIP_ANSWERS
            )
        elif slot in _texts()["questions"]:
            allowed = (*answer_codes(slot), *SKIP_ANSWERS)
        else:
            return False
        if any(v not in allowed for v in values):
            return False
    return True
