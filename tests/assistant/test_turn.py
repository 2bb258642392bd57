"""What one message does to the conversation (assistant/turn.py), without Rasa."""

from __future__ import annotations

from typing import Any

from assistant import intake, turn
from directory.vocab import Lang

FR = Lang.FR


def typed(text: str, slots: dict[str, Any], requested: str | None) -> turn.Outcome:
    """A typed message as the chat endpoint sends it: "/emergency" on an alarm, with its codes."""
    reading = intake.read(text, FR, None)
    alarm = reading.alarm is not None
    message = turn.Message(
        text="" if alarm else text,
        intent="emergency" if alarm else "inform",
        metadata=reading.metadata(),
    )
    return turn.take(slots, requested, message, FR, None)


def cards_shown(outcome: turn.Outcome) -> bool:
    return any(isinstance(r, turn.EmergencyCard) for r in outcome.replies)


def test_a_present_blow_shows_the_card_the_first_time() -> None:
    outcome = typed("mon compagnon me bat", {"safety": "ok"}, "who")
    assert cards_shown(outcome)
    assert outcome.requested == "danger_check"


def test_after_not_now_a_present_blow_answers_the_question_instead_of_looping() -> None:
    # Found by the free-text suite: « il me bat », typed to "what is happening?" after "not
    # now", brought the emergency card back at every turn.
    slots = {"safety": "ok", "alarm": True, "emergency": False, "who": "me"}
    slots["relationship"] = "partner"
    outcome = typed("il me bat", slots, "happening")
    assert not cards_shown(outcome)
    assert outcome.changes.get("happening") == ["physical"]
    assert outcome.requested != "happening"


def test_after_not_now_strangulation_still_shows_the_card() -> None:
    slots = {"safety": "ok", "alarm": True, "emergency": False, "who": "me"}
    outcome = typed("il m'a serré le cou hier soir", slots, "happening")
    assert cards_shown(outcome)


def test_not_now_in_words_resumes_with_the_numbers_pinned() -> None:
    slots = {"safety": "ok", "alarm": True, "emergency": True, "who": "me"}
    outcome = typed("non pas maintenant", slots, "danger_check")
    assert outcome.changes.get("emergency") is False
    assert turn.Say("emergency_resume") in outcome.replies


def test_no_to_the_check_wins_over_a_second_alarm_in_the_same_words() -> None:
    # Found in the hold-out: « nee hij zit beneden tv te kijken, ik ben ok » to "are you in
    # danger right now?" raised the net again ("hij zit beneden") and never went on.
    slots = {"safety": "ok", "alarm": True, "emergency": True, "who": "me"}
    reading = intake.read("nee hij zit beneden tv te kijken, ik ben ok", Lang.NL, None)
    assert reading.alarm is not None
    message = turn.Message(text="", intent="emergency", metadata=reading.metadata())
    outcome = turn.take(slots, "danger_check", message, Lang.NL, None)
    assert not cards_shown(outcome)
    assert outcome.changes.get("emergency") is False


def test_new_suicidal_words_show_the_card_again_even_after_no() -> None:
    slots = {"safety": "ok", "alarm": True, "emergency": True, "who": "me", "suicidal": False}
    outcome = typed("non mais je veux mourir", slots, "danger_check")
    assert cards_shown(outcome)
    assert outcome.changes.get("suicidal") is True
