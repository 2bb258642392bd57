"""What the app reads of a typed message: danger, language and the answers it holds.

A message is read once, by the chat endpoint, before the dialogue sees anything: danger never
depends on the model, and the words of an alarm never leave the app. The reading travels to the
dialogue's actions as codes in the message's metadata (`Reading.metadata`); the actions read
the text themselves only when a message reached the dialogue without it. Only codes come out;
the words are dropped (docs/conversation.md, "Privacy").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant import danger, language, place_in_text, reading
from directory.places import PlaceResolver, Status
from directory.situation import Happening, Recency
from directory.vocab import Lang

NATIONAL = (Lang.FR, Lang.NL)


@dataclass(frozen=True)
class Reading:
    """One typed message, read."""

    lang: Lang  # the language to answer in
    alarm: danger.Alarm | None
    answers: dict[str, Any] = field(default_factory=dict)  # slot codes
    skip: str | None = None  # "dont_know" or "rather_not_say" when the words say so
    check: str | None = None  # the words as an answer to "are you in danger right now?"

    @property
    def foreign(self) -> bool:
        """German or English: the app answers with the essentials (B.4a.6)."""
        return self.lang not in NATIONAL

    def metadata(self) -> dict[str, Any]:
        """The reading as the dialogue receives it: codes only. A reading that found nothing is
        not sent (the dialogue's own reading of a short "oui" costs nothing)."""
        if not (self.answers or self.alarm or self.skip or self.check):
            return {}
        found: dict[str, Any] = {"answers": self.answers}
        if self.alarm is not None:
            found["alarm"] = self.alarm.kind
            found["suicidal"] = self.alarm.suicidal
            if self.alarm.ambiguous:
                found["ambiguous"] = True
        if self.skip is not None:
            found["skip"] = self.skip
        if self.check is not None:
            found["check"] = self.check
        return found

    @classmethod
    def from_metadata(cls, metadata: Mapping[str, Any], lang: Lang) -> Reading | None:
        """The app's reading of this message, when it sent one."""
        answers = metadata.get("answers")
        if not isinstance(answers, dict):
            return None
        kind = metadata.get("alarm")
        alarm = (
            danger.Alarm(kind, bool(metadata.get("suicidal")), bool(metadata.get("ambiguous")))
            if kind in ("danger", "suicide")
            else None
        )
        skip = metadata.get("skip")
        check = metadata.get("check")
        return cls(
            lang,
            alarm,
            answers,
            skip if skip in ("dont_know", "rather_not_say") else None,
            check if check in ("yes", "no") else None,
        )


def _codes(said: reading.Extraction) -> dict[str, Any]:
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
    return codes


def read(text: str, lang: Lang, places: PlaceResolver | None) -> Reading:
    """Danger, every answer and a skip, from one pass over the words; `lang` is the page's."""
    lang = language.detect_any_language(text) or lang
    said = reading.extract(text, lang if lang in NATIONAL else None)
    alarm = danger.emergency(text)
    if alarm is None and Happening.SEXUAL in said.happening:
        # Sexual violence under 72 hours: the centre first, 24/7 (B.4a.5).
        alarm = danger.Alarm("danger") if said.recency is Recency.UNDER_3_DAYS else None
    codes = _codes(said)
    if places is not None:
        place = place_in_text.find_place(text, places)
        if place is not None and place.best is not None:
            codes["municipality"] = place.best.nis_code
        elif place is not None and place.status is Status.AMBIGUOUS:
            codes["place_candidates"] = [c.nis_code for c in place.candidates]
    skip = "rather_not_say" if said.rather_not_say else "dont_know" if said.dont_know else None
    answers = {k: v for k, v in codes.items() if v not in (None, False, [], "")}
    return Reading(lang, alarm, answers, skip, danger.check_answer(text))
