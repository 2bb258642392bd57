"""The flow: only the questions still needed, in the order of the conversation design."""

from __future__ import annotations

import pytest

from assistant import flow
from directory.situation import Happening, Recency, RedFlag, Who
from directory.vocab import Lang

PARTNER_VICTIM = {"safety": "ok", "who": "me", "relationship": "partner"}


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        ({}, "safety"),
        ({"safety": "screen_risk"}, "who"),
        ({"safety": "ok", "who": "me"}, "relationship"),
        ({"safety": "ok", "who": "dont_know"}, "relationship"),
        ({"safety": "ok", "who": "rather_not_say", "relationship": "rather_not_say"}, "happening"),
        ({**PARTNER_VICTIM, "happening": ["shouting"]}, "municipality"),
        ({**PARTNER_VICTIM, "happening": ["physical"]}, "red_flags"),
        ({**PARTNER_VICTIM, "happening": ["physical"], "red_flags": ["none"]}, "municipality"),
        ({**PARTNER_VICTIM, "happening": ["sexual"]}, "sexual_recency"),
        # Recent sexual violence: the centre comes first, lethality questions are not needed.
        (
            {**PARTNER_VICTIM, "happening": ["sexual"], "sexual_recency": "under_3_days"},
            "municipality",
        ),
        (
            {**PARTNER_VICTIM, "happening": ["sexual"], "sexual_recency": "over_1_month"},
            "red_flags",
        ),
        # Never the lethality questions for children, or about a child's situation.
        ({**PARTNER_VICTIM, "happening": ["physical"], "user_is_child": True}, "municipality"),
        (
            {"safety": "ok", "who": "child", "relationship": "parent", "happening": ["physical"]},
            "municipality",
        ),
        (
            {
                "safety": "ok",
                "who": "older_person",
                "relationship": "child",
                "happening": ["threats"],
            },
            "municipality",
        ),
        ({"safety": "ok", "who": "professional"}, "municipality"),
        ({"safety": "ok", "who": "professional", "municipality": "21013"}, None),
        ({**PARTNER_VICTIM, "happening": ["shouting"], "municipality": "62063"}, None),
        ({**PARTNER_VICTIM, "happening": ["shouting"], "municipality": "dont_know"}, None),
        ({"emergency": True}, None),
        ({**PARTNER_VICTIM, "emergency": True}, None),
    ],
)
def test_next_question(slots: dict[str, object], expected: str | None) -> None:
    assert flow.next_question(slots) == expected


def test_a_typical_path_asks_at_most_five_questions() -> None:
    """Partner violence, buttons only, municipality from the page: five questions to the cards."""
    slots: dict[str, object] = {"municipality": "62063"}
    answers = {
        "safety": "ok",
        "who": "me",
        "relationship": "partner",
        "happening": ["physical"],
        "red_flags": ["none"],
    }
    asked = []
    while (slot := flow.next_question(slots)) is not None:
        asked.append(slot)
        slots[slot] = answers[slot]
    assert asked == ["safety", "who", "relationship", "happening", "red_flags"]


def test_situation_from_slots_drops_unknown_codes_and_skipped_places() -> None:
    situation = flow.situation(
        {
            "who": "me",
            "relationship": "nonsense",
            "happening": ["physical", "nonsense"],
            "sexual_recency": "under_3_days",
            "red_flags": ["weapon"],
            "municipality": "rather_not_say",
        },
        Lang.NL,
    )
    assert situation.who is Who.ME
    assert situation.relationship is None
    assert situation.happening == {Happening.PHYSICAL}
    assert situation.sexual_recency is Recency.UNDER_3_DAYS
    assert situation.red_flags == {RedFlag.WEAPON}
    assert situation.municipality is None
