"""Run by tests/bot/test_rasa_server.py with Rasa's own interpreter (Python 3.10, Rasa 3.6.21):
each speed-up of bot/rasa_ext/server.py gives what plain Rasa gives.

Reads {"model": path, "texts": [...], "answers": [...]} on stdin and prints one JSON report:
the messages whose parse differs, the action server answers whose check differs, the event names
that resolve to another class. Imports nothing of the app (it runs in another environment).
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import load_agent
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import BotUttered, Event
from rasa.shared.utils.common import all_subclasses
from rasa_ext import server


async def parse(processor: Any, texts: list[str]) -> list[dict[str, Any]]:
    found = []
    for text in texts:
        message = UserMessage(text, sender_id="check", metadata={"lang": "fr"})
        found.append(await processor.parse_message(message))
    return found


def check(action: RemoteAction, answer: dict[str, Any]) -> str:
    try:
        action._validate_action_result(answer)
    except ValidationError as error:
        return f"invalid: {error.message}"
    return "valid"


def resolve(names: list[str]) -> list[str]:
    """The class of each event name, without and with a default for unknown names."""
    found = []
    for name in names:
        for default in (None, BotUttered):
            try:
                cls = Event.resolve_by_type(name, default)
            except ValueError as error:
                found.append(f"error: {error}")
            else:
                found.append(getattr(cls, "__name__", repr(cls)))
    return found


async def main() -> None:
    job = json.load(sys.stdin)
    texts, answers = job["texts"], job["answers"]
    names = [*sorted({cls.type_name for cls in all_subclasses(Event)}), "topic", "no_such_event"]
    action = RemoteAction("validate_referral_form", None)
    processor = (await load_agent(model_path=job["model"])).processor

    plain = await parse(processor, texts)
    plain_checks = [check(action, answer) for answer in answers]
    plain_events = resolve(names)
    server.install(("payloads", "schema", "events"))
    fast = await parse(processor, texts)
    fast_checks = [check(action, answer) for answer in answers]
    fast_events = resolve(names) + resolve(names)  # the second time from what was kept

    report = {
        "texts": len(texts),
        "parsed_differently": [
            {"text": t, "plain": a, "fast": b}
            for t, a, b in zip(texts, plain, fast, strict=True)
            if a != b
        ],
        "payload_intents": sorted(
            {p["intent"]["name"] for t, p in zip(texts, fast, strict=True) if t[:1] == "/"}
        ),
        "answers": plain_checks,
        "checked_differently": [
            i for i, (a, b) in enumerate(zip(plain_checks, fast_checks, strict=True)) if a != b
        ],
        "events": len(names),
        "resolved_differently": [
            n
            for n, a, b in zip(
                [n for n in names * 2 for _ in (None, BotUttered)],
                plain_events * 2,
                fast_events,
                strict=True,
            )
            if a != b
        ],
    }
    print(json.dumps(report))


if __name__ == "__main__":
    asyncio.run(main())
