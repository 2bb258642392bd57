"""What the app reads of a typed message: danger, language and the answers it holds.

Used twice: by the chat endpoint before the dialogue sees anything (so that danger never
depends on the model, and the words of an alarm never leave the app), and by the dialogue's
actions on every message. Only codes come out; the words are dropped (docs/conversation.md,
"Privacy").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant import danger, language, place_in_text, reading
from directory.places import PlaceResolver, Status
from directory.situation import Happening, Recency
from directory.vocab import Lang

NATIONAL = (Lang.FR, Lang.NL)


def alarm_of(text: str) -> danger.Alarm | None:
    """The emergency net, plus sexual violence under 72 hours (the centre first, B.4a.5)."""
    found = danger.emergency(text)
    if found is not None:
        return found
    said = reading.extract(text)
    if Happening.SEXUAL in said.happening and said.recency is Recency.UNDER_3_DAYS:
        return danger.Alarm("danger")
    return None


def answers_of(text: str, lang: Lang, places: PlaceResolver | None) -> dict[str, Any]:
    """Every answer a message holds, as slot codes (a place as a NIS code or candidates)."""
    said = reading.extract(text, lang if lang in NATIONAL else None)
    codes: dict[str, Any] = {
        "who": said.who and said.who.value,
        "relationship": said.relationship and said.relationship.value,
        "sexual_recency": said.recency and said.recency.value,
        "happening": sorted(h.value for h in said.happening),
        "red_flags": sorted(f.value for f in said.red_flags),
        "needs": sorted(n.value for n in said.needs),
        "user_is_child": said.user_is_child,
        "undocumented": said.undocumented,
    }
    if places is not None:
        place = place_in_text.find_place(text, places)
        if place is not None and place.best is not None:
            codes["municipality"] = place.best.nis_code
        elif place is not None and place.status is Status.AMBIGUOUS:
            codes["place_candidates"] = [c.nis_code for c in place.candidates]
    return {k: v for k, v in codes.items() if v not in (None, False, [], "")}


def skip_answer(text: str) -> str | None:
    """ "rather_not_say" or "dont_know" when the words say so."""
    said = reading.extract(text)
    if said.rather_not_say:
        return "rather_not_say"
    return "dont_know" if said.dont_know else None


@dataclass(frozen=True)
class Intake:
    """A typed message as the chat endpoint passes it on."""

    lang: Lang  # the language to answer in
    alarm: danger.Alarm | None
    foreign: bool  # German or English: the app answers with the essentials (B.4a.6)
    answers: dict[str, Any] = field(default_factory=dict)  # codes, sent when the words are not


def read_message(text: str, page_lang: Lang, places: PlaceResolver | None) -> Intake:
    """Danger, language, and (on an alarm) the answers, before the dialogue sees the message."""
    detected = language.detect_any_language(text)
    lang = detected or page_lang
    alarm = alarm_of(text)
    if lang not in NATIONAL:
        return Intake(lang, alarm, True, answers_of(text, Lang.FR, places))
    answers = answers_of(text, lang, places) if alarm is not None else {}
    return Intake(lang, alarm, False, answers)
