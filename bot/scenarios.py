"""Conversations that must work, in French and Dutch: every row of the referral table (A.2),
the emergency rule from every question, "rather not say" everywhere, language switching and
ambiguous places.

One table serves twice: `passerelle bot generate` turns it into Rasa test stories
(bot/tests/stories/), and tests/bot/test_conversation.py plays it against the running assistant
through the app's chat endpoint and checks the suggestions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from assistant import flow

LIEGE, NAMUR, GENT, SAINT_GILLES = "62063", "92094", "44021", "21013"


@dataclass(frozen=True)
class Turn:
    text: str
    # What this turn answers (for the stories; the live test checks the real extraction).
    slots: dict[str, Any] = field(default_factory=dict)
    emergency: bool = False


@dataclass(frozen=True)
class Scenario:
    name: str
    lang: str
    turns: tuple[Turn, ...]
    page_municipality: str | None = None
    rows: tuple[int, ...] = ()  # A.2 rows the suggestions must include
    first: str | None = None  # the service expected first
    emergency: bool = False


def tap(slot: str, *codes: str) -> Turn:
    value: Any = list(codes) if slot in ("happening", "red_flags", "needs") else codes[0]
    payload = "/inform" + json.dumps({slot: value}, separators=(",", ":"))
    return Turn(payload, {slot: value})


HELLO = {"fr": Turn("bonjour"), "nl": Turn("hallo")}
SAFE = tap("safety", "ok")


def buttons(lang: str, *turns: Turn) -> tuple[Turn, ...]:
    return (HELLO[lang], SAFE, *turns)


def _rows() -> list[Scenario]:
    found = []
    for lang, place in (("fr", LIEGE), ("nl", GENT), ("fr", SAINT_GILLES), ("nl", SAINT_GILLES)):
        region = {LIEGE: "wal", GENT: "vlg", SAINT_GILLES: "bru"}[place]
        helpline = "ecoute-violences-conjugales" if lang == "fr" else "hulplijn-1712"

        def s(
            row: int,
            *turns: Turn,
            first: str | None = None,
            rows: tuple[int, ...] = (),
            lang: str = lang,
            place: str = place,
            region: str = region,
        ) -> None:
            found.append(
                Scenario(
                    f"row {row}, {region}, {lang}",
                    lang,
                    buttons(lang, *turns),
                    page_municipality=place,
                    rows=rows or (row,),
                    first=first,
                )
            )

        me_partner = (tap("who", "me"), tap("relationship", "partner"))
        s(2, *me_partner, tap("happening", "sexual"), tap("sexual_recency", "under_3_days"))
        s(
            3,
            *me_partner,
            tap("happening", "sexual"),
            tap("sexual_recency", "over_1_month"),
            tap("red_flags", "none"),
        )
        s(4, *me_partner, tap("happening", "shouting"), first=helpline)
        s(
            5,
            *me_partner,
            tap("happening", "physical"),
            tap("red_flags", "threat_to_kill"),
            first=helpline,
        )
        s(6, tap("who", "child"), tap("relationship", "parent"), tap("happening", "physical"))
        s(8, tap("who", "child"), tap("relationship", "partner"), tap("happening", "threats"))
        s(
            9,
            tap("who", "own_behaviour"),
            tap("relationship", "child"),
            tap("happening", "shouting"),
            rows=(9,),
        )
        s(10, tap("who", "older_person"), tap("relationship", "child"), tap("happening", "control"))
        s(
            11,
            tap("who", "me"),
            tap("relationship", "sibling"),
            tap("happening", "physical"),
            tap("red_flags", "none"),
        )
        s(12, tap("who", "me"), tap("relationship", "several_family"), tap("happening", "honour"))
        s(
            13,
            tap("who", "own_behaviour"),
            tap("relationship", "partner"),
            tap("happening", "physical"),
            first=helpline,
        )
        s(
            14,
            tap("who", "adult_around_me"),
            tap("relationship", "partner"),
            tap("happening", "physical"),
            tap("red_flags", "none"),
        )
        s(15, *me_partner, tap("happening", "shouting"), tap("needs", "rights"), rows=(4, 15))
        s(
            16,
            *me_partner,
            tap("happening", "threats"),
            tap("red_flags", "none"),
            tap("needs", "safe_place"),
            rows=(4, 16),
        )
        s(
            17,
            *me_partner,
            tap("happening", "control"),
            tap("needs", "social_support"),
            rows=(4, 17),
        )
        s(19, tap("who", "professional"))
    return found


def _free_text() -> list[Scenario]:
    return [
        Scenario(
            "one sentence answers who, what and where (fr)",
            "fr",
            (
                HELLO["fr"],
                SAFE,
                Turn(
                    "mon mari me frappe depuis des mois, j'habite à Liège",
                    {
                        "who": "me",
                        "relationship": "partner",
                        "happening": ["physical"],
                        "municipality": LIEGE,
                    },
                ),
                Turn("non", {"red_flags": ["none"]}),
            ),
            rows=(4,),
            first="ecoute-violences-conjugales",
        ),
        Scenario(
            "one sentence answers who, what and where (nl)",
            "nl",
            (
                HELLO["nl"],
                Turn("ja", {"safety": "ok"}),
                Turn(
                    "mijn vriend scheldt me voortdurend uit, ik woon in Gent",
                    {
                        "who": "me",
                        "relationship": "partner",
                        "happening": ["shouting"],
                        "municipality": GENT,
                    },
                ),
            ),
            rows=(4,),
            first="hulplijn-1712",
        ),
        Scenario(
            "a child asks for themself (row 7, nl)",
            "nl",
            (
                HELLO["nl"],
                SAFE,
                Turn(
                    "ik ben 13 en mijn papa slaat mij soms",
                    {
                        "who": "me",
                        "relationship": "parent",
                        "happening": ["physical"],
                        "user_is_child": True,
                    },
                ),
            ),
            page_municipality=GENT,
            rows=(7,),
        ),
        Scenario(
            "a child asks for themself (row 7, fr)",
            "fr",
            (
                HELLO["fr"],
                SAFE,
                Turn(
                    "j'ai 13 ans et mon père me frappe souvent",
                    {
                        "who": "me",
                        "relationship": "parent",
                        "happening": ["physical"],
                        "user_is_child": True,
                    },
                ),
            ),
            page_municipality=LIEGE,
            rows=(7,),
        ),
        Scenario(
            "undocumented (row 18, nl)",
            "nl",
            (
                HELLO["nl"],
                SAFE,
                tap("who", "me"),
                tap("relationship", "partner"),
                Turn(
                    "hij bedreigt me en ik heb geen papieren",
                    {"happening": ["threats"], "undocumented": True},
                ),
                tap("red_flags", "none"),
            ),
            page_municipality=GENT,
            rows=(18,),
        ),
        Scenario(
            "undocumented (row 18, fr)",
            "fr",
            (
                HELLO["fr"],
                SAFE,
                tap("who", "me"),
                tap("relationship", "partner"),
                Turn(
                    "il me menace et je n'ai pas de papiers",
                    {"happening": ["threats"], "undocumented": True},
                ),
                tap("red_flags", "none"),
            ),
            page_municipality=LIEGE,
            rows=(18,),
        ),
        Scenario(
            "language switch: a Dutch answer on a French page",
            "fr",
            (
                HELLO["fr"],
                SAFE,
                Turn(
                    "voor mezelf, mijn man kleineert mij",
                    {"who": "me", "relationship": "partner", "happening": ["shouting"]},
                ),
            ),
            page_municipality=SAINT_GILLES,
            rows=(4,),
            first="hulplijn-1712",
        ),
        Scenario(
            "ambiguous place, then the right one (nl)",
            "nl",
            (
                HELLO["nl"],
                SAFE,
                tap("who", "me"),
                tap("relationship", "partner"),
                tap("happening", "shouting"),
                Turn("Sint-Gillis", {}),
                tap("municipality", SAINT_GILLES),
            ),
            rows=(4,),
            first="hulplijn-1712",
        ),
        Scenario(
            "a postcode is enough (fr)",
            "fr",
            (
                HELLO["fr"],
                SAFE,
                tap("who", "me"),
                tap("relationship", "partner"),
                tap("happening", "shouting"),
                Turn("5000", {"municipality": NAMUR}),
            ),
            rows=(4,),
            first="ecoute-violences-conjugales",
        ),
    ]


def _rather_not_say() -> list[Scenario]:
    found = []
    for lang in ("fr", "nl"):
        for code, title in (("rather_not_say", "rather not say"), ("dont_know", "don't know")):
            skipped = [
                tap(slot, code) for slot in ("who", "relationship", "happening", "municipality")
            ]
            turns = (HELLO[lang], SAFE, *skipped)
            found.append(Scenario(f"{title} everywhere ({lang})", lang, turns, rows=()))
    return found


EMERGENCY_TEXT = {"fr": "il a un couteau, il va me tuer", "nl": "hij slaat me nu, help"}


def _emergencies() -> list[Scenario]:
    """Danger at every question: the very next reply is the emergency card."""
    path = (
        ("safety", SAFE),
        ("who", tap("who", "me")),
        ("relationship", tap("relationship", "partner")),
        ("happening", tap("happening", "sexual")),
        ("sexual_recency", tap("sexual_recency", "over_1_month")),
        ("red_flags", tap("red_flags", "none")),
        ("municipality", None),
    )
    found = [
        Scenario(
            f"emergency as the first message ({lang})",
            lang,
            (Turn(text, emergency=True),),
            emergency=True,
        )
        for lang, text in EMERGENCY_TEXT.items()
    ]
    for lang in ("fr", "nl"):
        answered: list[Turn] = [HELLO[lang]]
        for slot, answer in path:
            danger = Turn(
                EMERGENCY_TEXT[lang] if slot != "safety" else "/emergency", emergency=True
            )
            found.append(
                Scenario(f"emergency at {slot} ({lang})", lang, (*answered, danger), emergency=True)
            )
            if answer is not None:
                answered.append(answer)
    return found


SCENARIOS: tuple[Scenario, ...] = (*_rows(), *_free_text(), *_rather_not_say(), *_emergencies())


# -- test stories -------------------------------------------------------------------------------


def _user(turn: Turn, intent: str) -> list[dict[str, Any]]:
    return [{"user": turn.text, "intent": intent}]


def story_steps(scenario: Scenario) -> list[dict[str, Any]]:
    """The dialogue Rasa must predict: the form asks, the rules interrupt, the form's last step
    (with the suggestions) ends it."""
    slots: dict[str, Any] = {}
    if scenario.page_municipality:
        slots["municipality"] = scenario.page_municipality
    steps: list[dict[str, Any]] = []
    active = False
    for index, turn in enumerate(scenario.turns):
        if turn.emergency:
            # What Rasa receives once the chat endpoint's keyword net has matched.
            steps += _user(Turn("/emergency"), "emergency")
            steps.append({"action": "referral_form"})
            if not active:
                steps.append({"active_loop": "referral_form"})
            # The card, then one check: "are you in danger right now?" (B.4a).
            steps.append({"slot_was_set": [{"requested_slot": "danger_check"}]})
            break
        if index == 0:
            steps += _user(turn, "greet")
            steps += [
                {"action": "action_start"},
                {"action": "referral_form"},
                {"active_loop": "referral_form"},
            ]
            steps.append({"slot_was_set": [{"requested_slot": flow.next_question(slots)}]})
            active = True
            continue
        steps += _user(turn, "inform")
        slots.update(turn.slots)
        following = flow.next_question(slots)
        steps.append({"action": "referral_form"})
        if not active:
            steps.append({"active_loop": "referral_form"})
            active = True
        steps.append({"slot_was_set": [{"requested_slot": following}]})
        if following is None:
            # The form's last validation shows the suggestions: no action of their own.
            steps.append({"active_loop": None})
            active = False
    return steps


def stories(lang: str) -> dict[str, Any]:
    return {
        "version": "3.1",
        "stories": [
            {"story": s.name, "steps": story_steps(s)} for s in SCENARIOS if s.lang == lang
        ],
    }
