"""End to end: the app's chat endpoint, the real Rasa server and the real action server.

Every scenario of bot/scenarios.py is played turn by turn. After each turn the assistant must
ask exactly the question the flow expects from what was said so far (so a sentence that
answers three questions skips three questions), and the conversation must end with the
suggestions of its A.2 row, or with the emergency card, its one check, and a way onwards.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant import flow
from bot.scenarios import SCENARIOS, Scenario


def _question(messages: list[dict[str, Any]]) -> str | None:
    asked = [m["question"] for m in messages if m.get("question") and m["question"] != "needs"]
    return asked[-1] if asked else None


def _referral(messages: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((m for m in messages if m["type"] == "referral"), None)


def _asks_something(messages: list[dict[str, Any]]) -> bool:
    payloads = [b["payload"] for m in messages for b in m.get("buttons", [])]
    return any(p.startswith("/inform") for p in payloads)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_conversation(chat: TestClient, scenario: Scenario) -> None:
    sender = f"test-{abs(hash(scenario.name)):x}-{time.monotonic_ns():x}"[:60]
    lang = scenario.lang
    slots: dict[str, Any] = {}
    if scenario.page_municipality:
        slots["municipality"] = scenario.page_municipality
    referral = None
    for index, turn in enumerate(scenario.turns):
        body = {"sender": sender, "message": turn.text, "lang": lang}
        if scenario.page_municipality:
            body["municipality"] = scenario.page_municipality
        response = chat.post("/v1/chat", json=body)
        assert response.status_code == 200, response.text
        reply = response.json()
        assert reply["degraded"] is False, f"turn {index}: the assistant did not answer"
        lang, messages = reply["lang"], reply["messages"]
        if turn.emergency:
            referral = _referral(messages)
            assert referral is not None and referral["emergency"] is True, messages
            assert "101" in messages[0]["text"] and "112" in messages[0]["text"]
            assert referral["cards"] == []
            # B.4a: the card, then one check, and nothing else is asked.
            assert _question(messages) == "danger_check", messages
            payloads = {b["payload"] for m in messages for b in m.get("buttons", [])}
            assert {p for p in payloads if p.startswith("/inform")} == {
                '/inform{"danger_check":"yes"}',
                '/inform{"danger_check":"no"}',
            }
            onwards = chat.post(
                "/v1/chat", json={**body, "message": '/inform{"danger_check":"no"}', "lang": lang}
            ).json()["messages"]
            assert _question(onwards) or _referral(onwards), onwards
            assert not any(m.get("question") == "danger_check" for m in onwards), onwards
            break
        slots.update(turn.slots)
        expected = flow.next_question(slots) if index else "safety"
        assert _question(messages) == expected, f"turn {index} ({turn.text!r}): {messages}"
        referral = _referral(messages) or referral
    assert referral is not None
    if not scenario.emergency:
        assert referral["emergency"] is False
        assert set(scenario.rows) <= set(referral["rows"]), referral["rows"]
        assert 1 <= len(referral["cards"]) <= 3 or referral["professional"]
        if scenario.first:
            assert referral["cards"][0]["service_id"] == scenario.first
        assert referral["summary"]


def test_the_language_follows_the_person(chat: TestClient) -> None:
    sender = f"test-switch-{time.monotonic_ns():x}"
    first = chat.post(
        "/v1/chat", json={"sender": sender, "message": "bonjour", "lang": "fr"}
    ).json()
    assert first["lang"] == "fr" and first["messages"][0]["text"].startswith("Comment allez-vous")
    second = chat.post(
        "/v1/chat", json={"sender": sender, "message": "ja, ik kan verder", "lang": "fr"}
    ).json()
    assert second["lang"] == "nl"
    assert second["messages"][-1]["text"] == "Voor wie zoek je hulp?"


def test_the_assistant_says_it_is_automated(chat: TestClient) -> None:
    sender = f"test-bot-{time.monotonic_ns():x}"
    opening = chat.post(
        "/v1/chat", json={"sender": sender, "message": "hallo", "lang": "nl"}
    ).json()
    assert any("automatische assistent" in m.get("text", "") for m in opening["messages"])


def test_no_message_text_reaches_the_logs(chat: TestClient, output_dir: Path) -> None:
    """Rasa and the action server log at INFO: what people typed must not be in there."""
    sender = f"test-log-{time.monotonic_ns():x}"
    secret = "mon voisin Gaston me menace depuis hier"
    chat.post("/v1/chat", json={"sender": sender, "message": "bonjour", "lang": "fr"})
    assert chat.post("/v1/chat", json={"sender": sender, "message": secret}).status_code == 200
    log = (output_dir / "assistant.log").read_text(encoding="utf-8", errors="replace")
    assert log, "the assistant's log is empty: is it written where this test looks?"
    typed = [t.text for s in SCENARIOS for t in s.turns if not t.text.startswith("/")]
    assert "Gaston" not in log
    assert not [text for text in typed if len(text) > 12 and text in log]
