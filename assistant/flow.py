"""Which question comes next: the low-threshold flow of the conversation design (B.2, B.3).

Only the questions still needed are asked. A person who writes "mon mari me frappe, j'habite à
Liège" has answered who, the relationship, what happens and where, so only the safety gate and
the red flags remain. "What would help" (Q6) is offered after the first suggestions to re-order
them, so that the first cards come after at most five questions.
The answers are plain strings here because they travel through Rasa slots.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from directory.situation import (
    SKIP_CODES,
    Happening,
    Need,
    Recency,
    RedFlag,
    Relationship,
    Situation,
    Who,
)
from directory.text import fold
from directory.vocab import Lang

One = TypeVar("One", Who, Relationship, Recency)
Many = TypeVar("Many", Happening, RedFlag, Need)
# Q5 is for adults harmed by a partner or an adult relative, never for children (B.2, Q5).
_RED_FLAG_RELATIONSHIPS = {
    Relationship.PARTNER,
    Relationship.SEVERAL_FAMILY,
    Relationship.HOUSEHOLD_OTHER,
    Relationship.SIBLING,
}
_RED_FLAG_WHO = {Who.ME, Who.ADULT_AROUND_ME}
# Behaviours after which lethality flags say something; for insults or control alone they don't.
_RED_FLAG_HAPPENING = {Happening.THREATS, Happening.PHYSICAL, Happening.SEXUAL, Happening.UNSURE}


def _codes(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _enum_or_none(kind: type[One], value: Any) -> One | None:
    try:
        return kind(value) if value else None
    except ValueError:
        return None


def _enum_set(kind: type[Many], values: Iterable[str]) -> frozenset[Many]:
    found = set()
    for value in values:
        try:
            found.add(kind(value))
        except ValueError:
            continue
    return frozenset(found)


def _place(value: Any) -> str | None:
    return str(value) if value and value not in SKIP_CODES else None


def situation(slots: Mapping[str, Any], lang: Lang) -> Situation:
    """The referral engine's input from the conversation's slots (unknown codes are dropped)."""
    return Situation(
        lang=lang,
        municipality=_place(slots.get("municipality")),
        danger_now=bool(slots.get("emergency")),
        who=_enum_or_none(Who, slots.get("who")),
        relationship=_enum_or_none(Relationship, slots.get("relationship")),
        happening=_enum_set(Happening, _codes(slots.get("happening"))),
        sexual_recency=_enum_or_none(Recency, slots.get("sexual_recency")),
        red_flags=_enum_set(RedFlag, _codes(slots.get("red_flags"))),
        needs=_enum_set(Need, _codes(slots.get("needs"))),
        user_is_child=bool(slots.get("user_is_child")),
        undocumented=bool(slots.get("undocumented")),
        suicidal=bool(slots.get("suicidal")),
    )


def _wants_red_flags(s: Situation) -> bool:
    if s.user_is_child or s.who not in _RED_FLAG_WHO:
        return False
    if s.relationship not in _RED_FLAG_RELATIONSHIPS:
        return False
    if s.sexual_recency in (Recency.UNDER_3_DAYS, Recency.UNDER_1_MONTH):
        return False  # the sexual-violence centre comes first whatever the flags (R2)
    return bool(s.happening & _RED_FLAG_HAPPENING)


def next_question(slots: Mapping[str, Any], lang: Lang = Lang.FR) -> str | None:
    """The next slot to ask for, or None when the suggestions can be shown."""
    if slots.get("emergency"):
        return None
    if not slots.get("safety"):
        return "safety"
    s = situation(slots, lang)
    if s.who is None:
        return "who"
    if s.who is Who.PROFESSIONAL:
        return None if slots.get("municipality") else "municipality"
    if s.relationship is None:
        return "relationship"
    if not s.happening:
        return "happening"
    if Happening.SEXUAL in s.happening and s.sexual_recency is None:
        return "sexual_recency"
    if _wants_red_flags(s) and not s.red_flags:
        return "red_flags"
    if not slots.get("municipality"):
        return "municipality"
    return None


# The safety gate in free text: a plain yes, or words about someone watching the screen.
_YES = re.compile(
    r"^\W*(oui|ouais|ok|okay|d'?accord|ca va|oui je peux|ja|jawel|ja hoor|oke|oké|goed|yes|yep)\b"
)
_NO = re.compile(r"^\W*(non|nee|neen|nope|no|niet echt|pas vraiment|rien|niets)\b")
_WATCHED = re.compile(
    r"ecran|scherm|meekijk|kijkt mee|regarde|surveill|telephone|gsm|portable|pc|ordi|appli|app\b"
    r"|a cote de moi|naast me|naast mij|il est la|hij is hier"
)
_NOT_ALONE = re.compile(r"pas seule?\b|niet alleen\b")
_ALONE = re.compile(r"\bseule?\b|\balleen\b|personne ne|niemand")


def safety_answer(text: str) -> str | None:
    """ "ok" or "screen_risk" for a typed answer to the safety gate; "no" counts as watched."""
    folded = fold(text)
    if _NOT_ALONE.search(folded):
        return "screen_risk"
    if _ALONE.search(folded):
        return "ok"
    if _WATCHED.search(folded) or _NO.search(folded):
        return "screen_risk"
    if _YES.search(folded):
        return "ok"
    return None


def is_no(text: str) -> bool:
    return bool(_NO.search(fold(text)))
