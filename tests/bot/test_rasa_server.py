"""bot/rasa_ext/server.py: the speed-ups Rasa runs with give what plain Rasa gives.

The conversations themselves (tests/bot/test_conversation.py, test_typed.py) run through the same
server; here each speed-up is compared with Rasa without it, inside Rasa's own environment
(tests/bot/rasa_server_check.py): every button payload the assistant offers and the scripted
conversations' messages are parsed alike, action server answers are accepted or refused with
the same message, and every event name resolves to the same class.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from assistant import texts
from bot import stack
from bot.scenarios import SCENARIOS
from directory.vocab import Lang

CHECK = Path(__file__).with_name("rasa_server_check.py")

# Slash messages Rasa cannot unpack (an unknown intent, broken JSON, an unknown entity...) and
# typed text: the speed-up must leave them to the NLU pipeline, or unpack them as Rasa does.
ODD_MESSAGES = [
    "/",
    "/ inform",
    "/no_such_intent",
    '/no_such_intent{"who":"me"}',
    "/inform{broken",
    '/inform{"no_such_entity":"x"}',
    '/inform{"who":"me"} and more',
    "/greet@0.3",
    "  /greet  ",
    "/INFORM",
    "bonjour",
    "hij slaat me, help",
    "/ik weet het niet",
]

ANSWERS: list[dict[str, Any]] = [
    {"events": [], "responses": []},
    {
        "events": [
            {"event": "slot", "name": "who", "value": "me", "timestamp": None},
            {"event": "active_loop", "name": None},
            {"event": "followup", "name": "action_listen"},
        ],
        "responses": [{"text": "Bonjour", "buttons": [], "custom": {"question": "who"}}],
    },
    {"events": "not a list"},
    {"events": [{"event": "slot"}]},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot", "name": 3, "value": "x"}]},
    {"responses": ["not an object"]},
    [],
]


def payloads() -> list[str]:
    found: set[str] = set()
    for lang in (Lang.FR, Lang.NL):
        for slot in (*texts.QUESTIONS, "needs"):
            found.update(b.payload for b in texts.question(slot, lang).buttons)
        found.update(b.payload for b in texts.after_buttons(lang))
        found.update(b.payload for b in texts.language_buttons(lang))
    found.update(turn.text for scenario in SCENARIOS for turn in scenario.turns)
    found.update({"/emergency", "/greet", "/bot_challenge", "/out_of_scope"})
    return sorted(found)


@pytest.fixture(scope="module")
def report(rasa_model: Path) -> dict[str, Any]:
    job = {"model": str(rasa_model), "texts": [*payloads(), *ODD_MESSAGES], "answers": ANSWERS}
    result = subprocess.run(
        [str(stack.rasa_env() / "bin" / "python"), str(CHECK)],
        input=json.dumps(job),
        cwd=stack.BOT_DIR,
        env=stack.quiet_env(PYTHONPATH=str(stack.BOT_DIR)),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    parsed: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return parsed


def test_messages_are_parsed_as_without_the_speed_up(report: dict[str, Any]) -> None:
    assert report["texts"] > 80
    assert report["parsed_differently"] == []
    # The payloads did go through the short cut's intents, not only through the pipeline.
    assert {"inform", "emergency", "greet", "start_over", "goodbye"} <= set(
        report["payload_intents"]
    )


def test_action_answers_are_checked_as_without_the_speed_up(report: dict[str, Any]) -> None:
    assert report["answers"][:2] == ["valid", "valid"]
    assert all(outcome.startswith("invalid: ") for outcome in report["answers"][2:])
    assert report["checked_differently"] == []


def test_events_resolve_as_without_the_speed_up(report: dict[str, Any]) -> None:
    assert report["events"] > 20
    assert report["resolved_differently"] == []


def test_the_stack_starts_rasa_with_the_speed_ups() -> None:
    # A stand-in model path: only the command is looked at, nothing is started.
    command = stack.rasa_server_command(Path("model.tar.gz"), 5005, Path("endpoints.yml"))
    assert command[1:4] == ["-m", "rasa_ext.server", "run"]
