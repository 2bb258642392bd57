"""Play a typed conversation of tests/bot/typed/*.yaml through POST /v1/chat, as a person would.

The widget opens with "/greet"; the person then types what they came to say (`say`), and
answers each question the assistant asks in their own words (`replies`), or "je sais pas" when
they have no answer ready, until the cards come. Each reply is checked as the person meets it.
Used by tests/bot/test_typed.py; the figures go to bot/README.md.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

TYPED = Path(__file__).parent / "typed"
MAX_TURNS = 12
NOT_UNDERSTOOD = ("Je n'ai pas bien compris", "Dat begreep ik niet goed")
DONT_KNOW = {"fr": "je sais pas", "nl": "weet ik niet", "mixed": "je sais pas"}
NOT_NOW = {"fr": "non pas maintenant", "nl": "nee nu niet", "mixed": "non pas maintenant"}
NOT_NOW_BUTTON = '/inform{"danger_check":"no"}'
# Numbers that belong to one side of the country (docs/conversation.md, "Regions"): shown in
# the other region, they send a person to a line that is not theirs.
FLEMISH = {"1712", "102", "1813"}
FRENCH_SPEAKING = {"080030030", "103", "080032123"}
WALLOON = {"080030330"}
WRONG = {"vlg": FRENCH_SPEAKING | WALLOON, "wal": FLEMISH, "bru": WALLOON}

Post = Callable[[dict[str, Any]], dict[str, Any]]


def load(name: str) -> list[dict[str, Any]]:
    with (TYPED / f"{name}.yaml").open(encoding="utf-8") as handle:
        found: list[dict[str, Any]] = yaml.safe_load(handle)
    return found


@dataclass
class Played:
    id: str
    klass: str
    lang: str
    danger_conversation: bool
    reached: bool = False  # a right referral among the first cards
    turns: int | None = None  # typed messages (and taps) until the first cards
    danger_messages: int = 0
    danger_answered: int = 0  # danger messages whose reply gave 112 and 101
    wrong_numbers: list[str] = field(default_factory=list)
    double_miss: bool = False
    left_emergency: bool | None = None  # None: no emergency card was shown
    after_ok: bool = True
    problems: list[str] = field(default_factory=list)


def _numbers(messages: list[dict[str, Any]]) -> set[str]:
    found = set()
    for m in messages:
        if m.get("type") != "referral":
            continue
        lines = m.get("emergency_card", {}).get("lines", [])
        phones = [line.get("phone") for line in lines]
        phones += [p for card in m.get("cards", []) for p in card.get("phones", [])]
        found |= {"".join(c for c in p["display"] if c.isdigit()) for p in phones if p}
    return found


def _referral(messages: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((m for m in messages if m.get("type") == "referral"), None)


def _says_112_and_101(messages: list[dict[str, Any]]) -> bool:
    if not messages:
        return False
    first = messages[0].get("text", "")
    card = _referral(messages)
    lines = {
        "".join(c for c in (line.get("phone") or {}).get("display", "") if c.isdigit())
        for line in (card or {}).get("emergency_card", {}).get("lines", [])
    }
    return ("112" in first and "101" in first) or {"112", "101"} <= lines


def _question(messages: list[dict[str, Any]]) -> str | None:
    asked = [m["question"] for m in messages if m.get("question")]
    return asked[-1] if asked else None


def _right(referral: dict[str, Any], expect: Any) -> bool:
    if expect == "professional" or expect == ["professional"]:
        return bool(referral.get("professional"))
    ids = {c["service_id"] for c in referral.get("cards", [])}
    return bool(ids & set(expect))


def play(conversation: dict[str, Any], post: Post, sender: str) -> Played:
    c = conversation
    lang_typed = c["lang"]
    played = Played(
        c["id"], c["class"], lang_typed, bool(c.get("danger") or c.get("danger_replies"))
    )
    page = {"sender": sender, "lang": c.get("page_lang", "fr")}
    if c.get("page_municipality"):
        page["municipality"] = c["page_municipality"]
    lang = page["lang"]
    wrong = WRONG[c["region"]]

    def send(message: str) -> list[dict[str, Any]]:
        nonlocal lang
        answer = post({**page, "lang": lang, "message": message})
        if answer.get("lang") in ("fr", "nl"):
            lang = answer["lang"]
        messages: list[dict[str, Any]] = answer.get("messages", [])
        bad = _numbers(messages) & wrong
        if bad:
            played.wrong_numbers += sorted(bad)
            played.problems.append(f"numbers of the wrong region {sorted(bad)} after {message!r}")
        return messages

    messages = send("/greet")
    said = list(enumerate(c.get("say") or []))
    replies = c.get("replies") or {}
    danger_replies = set(c.get("danger_replies") or [])
    danger_says = set(c.get("danger") or [])
    missed_before = False
    emergency_seen = False
    turns = 0
    while turns < MAX_TURNS:
        asked = _question(messages)
        if said:
            index, text = said.pop(0)
            danger = index in danger_says
        elif asked == "danger_check":
            button = c.get("not_now") == "button"
            text = NOT_NOW_BUTTON if button else replies.get("danger_check", NOT_NOW[lang_typed])
            danger = False
        elif asked is not None:
            text = replies.get(asked) or DONT_KNOW[lang_typed]
            danger = asked in danger_replies
        else:
            break
        messages = send(text)
        turns += 1
        missed = any(m.get("text", "").startswith(NOT_UNDERSTOOD) for m in messages)
        if missed and missed_before:
            played.double_miss = True
            played.problems.append(f"didn't understand twice, at {text!r}")
        missed_before = missed
        if danger:
            played.danger_messages += 1
            if _says_112_and_101(messages):
                played.danger_answered += 1
            else:
                played.problems.append(f"no 112/101 after danger message {text!r}")
        referral = _referral(messages)
        if referral is not None and referral.get("emergency"):
            emergency_seen = True
            continue
        shows_cards = referral is not None and (
            referral.get("cards") or referral.get("professional")
        )
        if referral is not None and shows_cards and not said:
            played.turns = turns
            played.reached = _right(referral, c["expect"])
            if not played.reached:
                ids = [card["service_id"] for card in referral.get("cards", [])]
                played.problems.append(f"cards {ids}, expected one of {c['expect']}")
            break
    if played.turns is None:
        played.problems.append(
            f"no cards after {turns} messages (last asked: {_question(messages)})"
        )
    if emergency_seen:
        played.left_emergency = played.turns is not None
    for step in c.get("after") or []:
        if played.turns is None:
            break
        wrong = WRONG[step.get("region", c["region"])]  # "I live in Brussels after all"
        messages = send(step["say"])
        referral = _referral(messages)
        if referral is None or not _right(referral, step["expect"]):
            played.after_ok = False
            played.problems.append(f"after {step['say']!r}: no right cards")
    return played


def figures(results: list[Played]) -> dict[str, Any]:
    """The suite's figures, overall and per class and language."""

    def summary(group: list[Played]) -> dict[str, Any]:
        calm = [p for p in group if not p.danger_conversation]
        turns = [p.turns for p in group if p.turns is not None]
        danger = sum(p.danger_messages for p in group)
        return {
            "conversations": len(group),
            "reached": round(sum(p.reached for p in group) / len(group), 3) if group else None,
            "reached_non_danger": round(sum(p.reached for p in calm) / len(calm), 3)
            if calm
            else None,
            "danger_messages": danger,
            "danger_answered": round(sum(p.danger_answered for p in group) / danger, 3)
            if danger
            else None,
            "median_turns": statistics.median(turns) if turns else None,
            "wrong_numbers": sum(len(p.wrong_numbers) for p in group),
            "double_misses": sum(p.double_miss for p in group),
            "emergency_left": sum(p.left_emergency is True for p in group),
            "emergency_stuck": sum(p.left_emergency is False for p in group),
            "after_failed": sum(not p.after_ok for p in group),
        }

    by_class: dict[str, list[Played]] = defaultdict(list)
    by_lang: dict[str, list[Played]] = defaultdict(list)
    for p in results:
        by_class[p.klass].append(p)
        by_lang[p.lang].append(p)
    return {
        "all": summary(results),
        "class": {k: summary(v) for k, v in sorted(by_class.items())},
        "lang": {k: summary(v) for k, v in sorted(by_lang.items())},
        "problems": {p.id: p.problems for p in results if p.problems},
    }


def write(name: str, found: dict[str, Any], output: Path) -> None:
    output.mkdir(parents=True, exist_ok=True)
    (output / f"typed-{name}.json").write_text(json.dumps(found, indent=2, ensure_ascii=False))
