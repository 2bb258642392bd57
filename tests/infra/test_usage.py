"""Usage counts: gathered in memory, added (never overwritten) to one row per day and kind."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from infra.usage import Event, UsageCounter, count_shown, counts_between

# 22:30 UTC on the 20th is 23:30 in Brussels, still the 20th; 23:30 UTC is the 21st there. Days
# long past, which no other test (nor a server run against the test database) counts on.
LATE = dt.datetime(2019, 11, 20, 22, 30, tzinfo=dt.UTC)
AFTER_MIDNIGHT = dt.datetime(2019, 11, 20, 23, 30, tzinfo=dt.UTC)


def test_counts_add_up_across_flushes_and_workers(session: Session) -> None:
    first, second = UsageCounter(), UsageCounter()  # two API workers
    for counter in (first, second):
        counter.add(Event.CONVERSATION_STARTED, "nl", LATE)
        counter.add(Event.REFERRAL, "nl", LATE, kind="helpline")
        assert counter.flush(session) == 2
    first.add(Event.CONVERSATION_STARTED, "nl", LATE)
    first.flush(session)
    assert first.flush(session) == 0  # nothing pending any more
    day = dt.date(2019, 11, 20)
    rows = {(c.event, c.kind): c.count for c in counts_between(session, day, day)}
    assert rows == {("conversation_started", ""): 3, ("referral", "helpline"): 2}


def test_the_day_is_the_day_in_brussels(session: Session) -> None:
    counter = UsageCounter()
    counter.add(Event.EMERGENCY_SHOWN, "fr", AFTER_MIDNIGHT)
    counter.flush(session)
    assert counts_between(session, dt.date(2019, 11, 20), dt.date(2019, 11, 20)) == []
    [row] = counts_between(session, dt.date(2019, 11, 21), dt.date(2019, 11, 21))
    assert (row.event, row.lang, row.count) == ("emergency_shown", "fr", 1)


def test_what_an_answer_showed_is_counted() -> None:
    counter = UsageCounter()
    count_shown(
        counter,
        "fr",
        [
            {"type": "text", "text": "…", "question": "safety"},
            {"type": "referral", "emergency": True, "cards": [{"kind": "helpline"}]},
            {"type": "link", "href": "/search"},
        ],
        LATE,
    )
    assert {key[1:]: n for key, n in counter.pending().items()} == {
        ("conversation_started", "fr", ""): 1,
        ("emergency_shown", "fr", ""): 1,
        ("referral", "fr", "helpline"): 1,
    }
