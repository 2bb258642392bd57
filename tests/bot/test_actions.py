"""Custom actions with tracker fixtures against the test database (both backends)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session, sessionmaker

from assistant import texts
from bot.actions import (
    ActionRestart,
    ValidateReferralForm,
    questions,
    replies,
)
from bot.actions import context as action_context
from directory.places import PlaceResolver
from directory.vocab import Lang

LIEGE, SAINT_GILLES, GENT = "62063", "21013", "44021"


@pytest.fixture(autouse=True)
def test_database(session: Session, resolver: PlaceResolver) -> Iterator[None]:
    """The actions open their own sessions: give them savepoints in the test's transaction."""
    factory = sessionmaker(
        bind=session.connection(), join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    action_context.use_database(factory, resolver)
    yield
    action_context.use_database(None, None)


def tracker(
    slots: dict[str, Any] | None = None,
    *,
    text: str = "",
    intent: str = "inform",
    entities: list[dict[str, Any]] | None = None,
    metadata: dict[str, Any] | None = None,
    requested: str | None = None,
) -> Tracker:
    all_slots = {"requested_slot": requested, **(slots or {})}
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "entities": entities or [],
        "metadata": metadata or {},
    }
    events = [{"event": "user", "text": text, "parse_data": message, "metadata": metadata or {}}]
    loop = {"name": "referral_form"} if requested else {}
    return Tracker("test-sender", all_slots, message, events, False, None, loop, "action_listen")


def run(action: Any, t: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, {}))
    return events, dispatcher.messages


def suggestions(slots: dict[str, Any]) -> list[dict[str, Any]]:
    """What the form's last validation says once no question is left: the suggestions."""
    dispatcher = CollectingDispatcher()
    replies.utter_referral(dispatcher, slots, action_context.lang(tracker(slots)))
    return dispatcher.messages


def slots_set(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The answers a turn set (not the form's own bookkeeping)."""
    bookkeeping = {"understood", "requested_slot"}
    return {
        e["name"]: e["value"]
        for e in events
        if e.get("event") == "slot" and e["name"] not in bookkeeping
    }


# -- extraction -------------------------------------------------------------------------------


def test_one_sentence_answers_several_questions() -> None:
    events, messages = run(
        ValidateReferralForm(),
        tracker(text="mon mari me frappe, j'habite à Liège", metadata={"lang": "fr"}),
    )
    found = slots_set(events)
    assert found["who"] == "me"
    assert found["relationship"] == "partner"
    assert found["happening"] == ["physical"]
    assert found["municipality"] == LIEGE
    assert found["language"] == "fr"
    # The story answers the safety gate too (B.4a.2): only the red flags are left.
    assert found["safety"] == "ok"
    assert messages[-1]["custom"]["question"] == "red_flags"
    # The text itself is never kept in a slot.
    assert all("mari" not in str(value) for value in found.values())


def test_buttons_arrive_as_entities() -> None:
    entities = [
        {"entity": "happening", "value": "physical"},
        {"entity": "happening", "value": "threats"},
    ]
    events, _ = run(
        ValidateReferralForm(),
        tracker(
            {"happening": ["dont_know"]},
            text='/inform{"happening":["physical","threats"]}',
            entities=entities,
        ),
    )
    assert slots_set(events)["happening"] == ["physical", "threats"]


@pytest.mark.parametrize(
    ("text", "requested", "expected"),
    [
        ("je préfère ne pas répondre", "relationship", {"relationship": "rather_not_say"}),
        ("geen idee", "happening", {"happening": ["dont_know"]}),
        ("zeg ik liever niet", "municipality", {"municipality": "rather_not_say"}),
        ("oui", "safety", {"safety": "ok"}),
        ("il regarde mon écran", "safety", {"safety": "screen_risk"}),
        ("non", "red_flags", {"red_flags": ["none"]}),
    ],
)
def test_typed_answers_about_the_question(
    text: str, requested: str, expected: dict[str, Any]
) -> None:
    slots = {"safety": "ok"} if requested != "safety" else {}
    events, _ = run(ValidateReferralForm(), tracker(slots, text=text, requested=requested))
    assert {k: v for k, v in slots_set(events).items() if k in expected} == expected


def test_an_unknown_municipality_code_from_a_payload_is_ignored() -> None:
    entities = [{"entity": "municipality", "value": "99999"}]
    events, _ = run(
        ValidateReferralForm(), tracker(text='/inform{"municipality":"99999"}', entities=entities)
    )
    assert "municipality" not in slots_set(events)


def test_the_emergency_net_fires_whatever_the_intent() -> None:
    events, _ = run(ValidateReferralForm(), tracker(text="il a un couteau", intent="inform"))
    assert slots_set(events)["emergency"] is True


def test_an_ambiguous_place_keeps_its_candidates() -> None:
    events, _ = run(
        ValidateReferralForm(),
        tracker({"safety": "ok"}, text="Sint-Gillis", requested="municipality"),
    )
    found = slots_set(events)
    assert "municipality" not in found
    assert SAINT_GILLES in found["place_candidates"]
    assert len(found["place_candidates"]) >= 2


def test_the_page_municipality_is_a_default() -> None:
    events, _ = run(
        ValidateReferralForm(),
        tracker(text="ja", metadata={"lang": "nl", "municipality": GENT}),
    )
    assert slots_set(events) == {"language": "nl", "municipality": GENT, "safety": "ok"}


def test_a_user_writing_dutch_is_answered_in_dutch() -> None:
    events, _ = run(
        ValidateReferralForm(), tracker({"language": "fr"}, text="x", metadata={"lang": "nl"})
    )
    assert slots_set(events)["language"] == "nl"


# -- the flow ---------------------------------------------------------------------------------


def test_validation_asks_only_what_is_missing() -> None:
    slots = {
        "safety": "ok",
        "who": "me",
        "relationship": "partner",
        "happening": ["shouting"],
        "municipality": LIEGE,
    }
    events, _ = run(ValidateReferralForm(), tracker(slots, requested="happening"))
    assert SlotSet("requested_slot", None) in events
    events, _ = run(
        ValidateReferralForm(), tracker({**slots, "happening": ["physical"]}, requested="happening")
    )
    assert SlotSet("requested_slot", "red_flags") in events


def test_validation_says_when_it_did_not_understand() -> None:
    events, messages = run(
        ValidateReferralForm(), tracker({"safety": "ok"}, text="bla", requested="who")
    )
    assert SlotSet("requested_slot", "who") in events
    assert SlotSet("missed", "who") in events
    assert "compris" in messages[0]["text"]


def test_a_second_miss_counts_as_dont_know_and_moves_on() -> None:
    """B.4a.1: "didn't understand" at most once per question."""
    slots = {"safety": "ok", "missed": "who"}
    events, messages = run(ValidateReferralForm(), tracker(slots, text="bla", requested="who"))
    assert slots_set(events)["who"] == "dont_know"
    assert SlotSet("requested_slot", "relationship") in events
    assert not any("compris" in (m.get("text") or "") for m in messages)


def asked(
    slot: str, slots: dict[str, Any], lang: str, *, retry: bool = False
) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    questions.ask(dispatcher, slot, slots, Lang(lang), retry=retry)
    return dispatcher.messages


@pytest.mark.parametrize("slot", [q for q in texts.QUESTIONS if q != "danger_check"])
@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_question_has_buttons_including_rather_not_say(slot: str, lang: str) -> None:
    [message] = asked(slot, {}, lang)
    payloads = [b["payload"] for b in message["buttons"]]
    assert message["text"]
    assert payloads[-2:] == [
        f'/inform{{"{slot}":"dont_know"}}',
        f'/inform{{"{slot}":"rather_not_say"}}',
    ]
    if slot == "municipality":
        assert len(payloads) == 2


def test_ambiguous_places_come_back_as_buttons() -> None:
    [message] = asked("municipality", {"place_candidates": [SAINT_GILLES, "46020"]}, "nl")
    titles = [b["title"] for b in message["buttons"]]
    assert titles[:2] == ["Sint-Gillis / Saint-Gilles", "Sint-Gillis-Waas"]


def test_an_unknown_place_is_said_so() -> None:
    [message] = asked("municipality", {}, "fr", retry=True)
    assert "code postal" in message["text"]


# -- replies ----------------------------------------------------------------------------------


def test_emergency_gives_112_and_101_first_then_one_check() -> None:
    events, messages = run(
        ValidateReferralForm(),
        tracker(
            {"language": "nl", "municipality": GENT, "safety": "ok"},
            text="/emergency",
            intent="emergency",
            requested="who",
        ),
    )
    assert SlotSet("requested_slot", "danger_check") in events
    assert slots_set(events)["emergency"] is True and slots_set(events)["alarm"] is True
    assert "101" in messages[0]["text"] and "112" in messages[0]["text"]
    card = messages[1]["custom"]
    assert card["type"] == "referral" and card["emergency"] is True and card["cards"] == []
    asked_now = [m for m in messages if m.get("buttons")]
    assert [b["payload"] for b in asked_now[-1]["buttons"]] == [
        '/inform{"danger_check":"yes"}',
        '/inform{"danger_check":"no"}',
    ]


@pytest.mark.parametrize("answer", ["nee, nu niet", '/inform{"danger_check":"no"}'])
def test_not_now_goes_on_where_the_conversation_was(answer: str) -> None:
    before = {"language": "nl", "safety": "ok", "emergency": True, "alarm": True}
    entities = [{"entity": "danger_check", "value": "no"}] if answer.startswith("/") else []
    events, messages = run(
        ValidateReferralForm(),
        tracker(before, text=answer, requested="danger_check", entities=entities),
    )
    assert slots_set(events)["emergency"] is False
    assert SlotSet("requested_slot", "who") in events
    assert messages[-1]["custom"]["question"] == "who"


def test_referral_shows_at_most_three_cards_and_offers_to_refine() -> None:
    slots = {
        "language": "fr",
        "safety": "ok",
        "who": "me",
        "relationship": "partner",
        "happening": ["shouting"],
        "municipality": LIEGE,
    }
    messages = suggestions(slots)
    card = next(m["custom"] for m in messages if m.get("custom", {}).get("type") == "referral")
    assert 1 <= len(card["cards"]) <= 3
    assert card["cards"][0]["service_id"] == "ecoute-violences-conjugales"
    assert card["summary"]
    refine = messages[-1]
    assert '/inform{"needs":"rights"}' in [b["payload"] for b in refine["buttons"]]


def test_brussels_in_dutch_puts_1712_first() -> None:
    slots = {
        "language": "nl",
        "safety": "ok",
        "who": "me",
        "relationship": "partner",
        "happening": ["shouting"],
        "municipality": SAINT_GILLES,
    }
    messages = suggestions(slots)
    card = next(m["custom"] for m in messages if m.get("custom", {}).get("type") == "referral")
    assert card["cards"][0]["service_id"] == "hulplijn-1712"


def test_restart_forgets_everything() -> None:
    events, messages = run(ActionRestart(), tracker({"language": "nl", "who": "me"}))
    assert events[0] == Restarted()
    assert messages[-1]["buttons"][0]["payload"] == '/inform{"safety":"ok"}'


def test_professional_mode_points_to_the_search_with_filters() -> None:
    slots = {"language": "nl", "safety": "ok", "who": "professional", "municipality": GENT}
    messages = suggestions(slots)
    link = next(m["custom"] for m in messages if m.get("custom", {}).get("type") == "link")
    assert link["href"].startswith("/search?") and f"municipality={GENT}" in link["href"]
    assert not any(m.get("custom", {}).get("question") == "needs" for m in messages)


def test_back_from_a_detour_the_question_is_asked_again_without_a_reproach() -> None:
    """After "are you a bot?" the form resumes: the detour's text is not an answer."""
    t = tracker({"safety": "ok"}, text="tu es un robot ?", intent="bot_challenge", requested="who")
    t.events += [
        {"event": "action", "name": "action_bot_challenge"},
        {"event": "action", "name": "referral_form"},
    ]
    events, messages = run(ValidateReferralForm(), t)
    assert SlotSet("requested_slot", "who") in events
    assert [m.get("custom", {}).get("question") for m in messages] == ["who"]
    assert not any("compris" in (m.get("text") or "") for m in messages)


def test_a_greeting_during_the_questions_asks_again_without_a_reproach() -> None:
    """The widget sends "/greet" again after a change of language: not a missed answer."""
    slots = {"safety": "ok", "language": "nl"}
    events, messages = run(
        ValidateReferralForm(),
        tracker(slots, text="/greet", intent="greet", requested="who", metadata={"lang": "nl"}),
    )
    assert SlotSet("requested_slot", "who") in events
    assert "missed" not in slots_set(events)
    assert [m.get("custom", {}).get("question") for m in messages] == ["who"]
    assert not any("begreep" in (m.get("text") or "") for m in messages)


def test_words_read_as_a_greeting_still_answer_the_danger_check() -> None:
    """« ça va, il est allé se coucher » may be classified as a greeting; after the opening's
    detour it is still the answer to "are you in danger right now?" (B.4a.3)."""
    slots = {"safety": "ok", "emergency": True, "alarm": True, "language": "fr"}
    t = tracker(
        slots, text="ca va il est allé se coucher", intent="greet", requested="danger_check"
    )
    t.events += [
        {"event": "action", "name": "action_start"},
        {"event": "action", "name": "referral_form"},
    ]
    events, _ = run(ValidateReferralForm(), t)
    assert slots_set(events)["emergency"] is False
    assert SlotSet("requested_slot", "who") in events
