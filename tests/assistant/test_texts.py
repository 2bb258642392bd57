"""The assistant's texts: every text in both languages, every answer a known code."""

from __future__ import annotations

import pytest

from assistant import texts
from assistant.texts import _texts
from directory import situation
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
    for path, entry in leaves:
        assert isinstance(entry, dict)
        assert entry["fr"].strip() and entry["nl"].strip(), path


@pytest.mark.parametrize("slot", sorted(CODES))
def test_every_answer_is_a_code_of_the_referral_engine(slot: str) -> None:
    codes = {c.value for c in CODES[slot]}
    assert set(texts.answer_codes(slot)) <= codes


@pytest.mark.parametrize("slot", [*(q for q in texts.QUESTIONS if q != "danger_check"), "needs"])
@pytest.mark.parametrize("lang", [Lang.FR, Lang.NL])
def test_every_question_offers_dont_know_and_rather_not_say(slot: str, lang: Lang) -> None:
    prompt = texts.question(slot, lang)
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
    assert all(texts.valid_payload(p) for p in payloads)


def test_questions_are_worded_for_who_is_helped() -> None:
    assert texts.question("relationship", Lang.FR, who="own_behaviour").text == "Envers qui ?"
    assert "enfant" in texts.question("relationship", Lang.FR, who="child").text


def test_german_and_english_fall_back_to_french_until_written() -> None:
    assert texts.say("opening", Lang.DE) == texts.say("opening", Lang.FR)


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
    assert texts.valid_payload(payload) is valid


@pytest.mark.parametrize("lang", [Lang.FR, Lang.NL])
def test_the_danger_check_is_yes_or_no(lang: Lang) -> None:
    """B.4a: after an emergency card, one plain question with two answers."""
    payloads = [b.payload for b in texts.question("danger_check", lang).buttons]
    assert payloads == ['/inform{"danger_check":"yes"}', '/inform{"danger_check":"no"}']
    assert all(texts.valid_payload(p) for p in payloads)


def test_the_language_buttons_carry_only_the_language() -> None:
    payloads = [b.payload for b in texts.language_buttons(Lang.DE)]
    assert payloads == ['/inform{"language":"fr"}', '/inform{"language":"nl"}']
    assert all(texts.valid_payload(p) for p in payloads)
    assert not texts.valid_payload('/inform{"language":"de"}')
