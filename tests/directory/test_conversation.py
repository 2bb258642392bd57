"""The assistant's texts: every text in both languages, every answer a known code."""

from __future__ import annotations

import pytest

from directory import conversation, situation
from directory.conversation import _texts
from directory.vocab import Lang

CODES = {
    "who": situation.Who,
    "relationship": situation.Relationship,
    "happening": situation.Happening,
    "sexual_recency": situation.Recency,
    "red_flags": situation.RedFlag,
    "needs": situation.Need,
}


def _leaves(node: object, path: str = "") -> list[tuple[str, object]]:
    if isinstance(node, dict) and set(node) >= {"fr", "nl"}:
        return [(path, node)]
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in _leaves(value, f"{path}.{key}")]
    return []


def test_every_text_is_written_in_french_and_dutch() -> None:
    leaves = _leaves(_texts())
    assert len(leaves) > 60
    for path, texts in leaves:
        assert isinstance(texts, dict)
        assert texts["fr"].strip() and texts["nl"].strip(), path


@pytest.mark.parametrize("slot", sorted(CODES))
def test_every_answer_is_a_code_of_the_referral_engine(slot: str) -> None:
    codes = {c.value for c in CODES[slot]}
    assert set(conversation.answer_codes(slot)) <= codes


@pytest.mark.parametrize("slot", [*conversation.QUESTIONS, "needs"])
@pytest.mark.parametrize("lang", [Lang.FR, Lang.NL])
def test_every_question_offers_dont_know_and_rather_not_say(slot: str, lang: Lang) -> None:
    prompt = conversation.question(slot, lang)
    payloads = [b.payload for b in prompt.buttons]
    if slot == "safety":
        assert payloads[:3] == [
            '/inform{"safety":"ok"}',
            '/inform{"safety":"screen_risk"}',
            "/emergency",
        ]
    assert payloads[-2:] == [
        f'/inform{{"{slot}":"dont_know"}}',
        f'/inform{{"{slot}":"rather_not_say"}}',
    ]
    assert all(conversation.valid_payload(p) for p in payloads)


def test_questions_are_worded_for_who_is_helped() -> None:
    assert (
        conversation.question("relationship", Lang.FR, who="own_behaviour").text == "Envers qui ?"
    )
    assert "enfant" in conversation.question("relationship", Lang.FR, who="child").text


def test_german_and_english_fall_back_to_french_until_written() -> None:
    assert conversation.say("opening", Lang.DE) == conversation.say("opening", Lang.FR)


@pytest.mark.parametrize(
    ("payload", "valid"),
    [
        ('/inform{"who":"me"}', True),
        ('/inform{"happening":["physical","threats"]}', True),
        ('/inform{"municipality":"21013"}', True),
        ('/inform{"needs":"rather_not_say"}', True),
        ("/start_over", True),
        ("/restart", False),
        ('/inform{"municipality":"Liège"}', False),
        ('/inform{"emergency":true}', False),
        ('/inform{"who":"admin"}', False),
        ('/inform{"safety":"ok"}', True),
        ('/inform{"safety":"danger"}', False),
        ("/affirm", False),
        ('/start_over{"who":"me"}', False),
        ("/session_start", False),
        ("/inform{not json}", False),
    ],
)
def test_only_offered_payloads_are_valid(payload: str, valid: bool) -> None:
    assert conversation.valid_payload(payload) is valid
