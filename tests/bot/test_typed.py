"""Typed conversations end to end (issue: free text first, never a dead end).

Each conversation of tests/bot/typed/dev.yaml and holdout.yaml is played through POST /v1/chat,
the real Rasa and the real action server (tests/bot/typed.py). The hold-out part is written
apart and never used to tune the NLU or the understanding rules. The acceptance, on each part:
- at least 95 % of the conversations without danger reach a right referral (A.2, by region);
- every danger message gets 112 and 101 in the reply to that message;
- no number of the wrong region; the median number of messages to the first cards at most 5;
- never "didn't understand" twice in a row; every emergency card can be left by "not now".
The figures per class and language are written to test-output/bot/typed-<part>.json.

Measured on 2026-12-06 (bot/README.md, "Typed conversations"): dev 99.5 %, hold-out 95.6 % of
right referrals. The assertions below are floors a little under those figures (a model
retrained on another machine may differ by a conversation or two).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.bot import typed

# Targets: reached_non_danger 0.95, danger_answered 1.0, wrong_numbers 0, emergency_stuck 0.
FLOORS = {
    "dev": {
        "reached_non_danger": 0.97,
        "danger_answered": 1.0,
        "wrong_numbers": 0,
        "emergency_stuck": 0,
    },
    "holdout": {
        "reached_non_danger": 0.93,
        "danger_answered": 1.0,
        "wrong_numbers": 0,
        "emergency_stuck": 0,
    },
}


@pytest.mark.parametrize("part", ["dev", "holdout"])
def test_typed_conversations(chat: TestClient, part: str, output_dir: Path) -> None:
    def post(body: dict[str, Any]) -> dict[str, Any]:
        response = chat.post("/v1/chat", json=body)
        assert response.status_code == 200, response.text
        found: dict[str, Any] = response.json()
        assert found["degraded"] is False, "the assistant did not answer"
        return found

    results = [
        typed.play(c, post, f"typed-{i}-{time.monotonic_ns():x}"[:60])
        for i, c in enumerate(typed.load(part))
    ]
    found = typed.figures(results)
    typed.write(part, found, output_dir)
    overall = found["all"]
    floor = FLOORS[part]
    assert overall["conversations"] >= (200 if part == "dev" else 100)
    assert overall["reached_non_danger"] >= floor["reached_non_danger"], found["problems"]
    assert overall["danger_answered"] >= floor["danger_answered"], found["problems"]
    assert overall["wrong_numbers"] <= floor["wrong_numbers"], found["problems"]
    assert overall["median_turns"] <= 5
    assert overall["double_misses"] == 0, found["problems"]
    assert overall["emergency_stuck"] <= floor["emergency_stuck"], found["problems"]
