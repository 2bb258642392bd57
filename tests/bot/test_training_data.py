"""Generated training data and test stories are up to date with their sources."""

from __future__ import annotations

import re

import pytest
from rapidfuzz import fuzz, process

from assistant import danger, texts
from bot import scenarios, training_data
from bot.nlu_eval import examples
from directory.text import fold

NLU = training_data.BOT_DIR


@pytest.mark.parametrize("path", list(training_data.outputs()), ids=lambda p: p.name)
def test_generated_files_are_current(path: object) -> None:
    expected = training_data.outputs()[path]  # type: ignore[index]
    assert path.read_text(encoding="utf-8") == expected, "run `passerelle bot generate`"  # type: ignore[attr-defined]


def test_every_municipality_name_is_a_lookup_entry() -> None:
    names = set(training_data.place_names())
    assert {"Liège", "Luik", "Lüttich", "Jupille-sur-Meuse", "Sint-Gillis-Waas", "liege"} <= names


def test_the_regex_features_are_the_emergency_net() -> None:
    text = training_data.emergency_yaml()
    assert all(f"      - {p}\n" in text for p in danger.EMERGENCY_PATTERNS)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_scenarios_cover_every_row_of_the_referral_table(lang: str) -> None:
    mine = [s for s in scenarios.SCENARIOS if s.lang == lang]
    rows = {row for s in mine for row in s.rows}
    if any(s.emergency for s in mine):
        rows.add(1)  # danger now: the emergency card
    assert rows == set(range(1, 20))


def test_the_emergency_rule_is_tried_at_every_question_in_both_languages() -> None:
    names = {s.name for s in scenarios.SCENARIOS if s.emergency}
    for lang in ("fr", "nl"):
        # Every question but the check that follows an emergency card itself.
        for slot in (q for q in texts.QUESTIONS if q != "danger_check"):
            assert f"emergency at {slot} ({lang})" in names


def test_the_hold_out_sets_are_blind() -> None:
    """No hold-out sentence is in the training data, nor a near copy of one (edit similarity
    85 % or more, ignoring case, accents and punctuation)."""
    training = {
        _key(t) for lang in ("fr", "nl") for t in examples(NLU / "data" / "nlu" / f"{lang}.yml")
    }
    held_out = [t for lang in ("fr", "nl") for t in examples(NLU / "tests" / "nlu" / f"{lang}.yml")]
    assert len(held_out) > 200
    assert [t for t in held_out if _key(t) in training] == []
    near = [
        (t, match[0])
        for t in held_out
        if (match := process.extractOne(_key(t), training, scorer=fuzz.ratio)) and match[1] >= 85
    ]
    assert near == []


def _key(text: str) -> str:
    return re.sub(r"[^\w ]+", "", fold(text)).strip()
