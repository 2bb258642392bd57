"""The `open_now` filter and the `open_now` field, by the structured schedule.

Rules are Europe/Brussels wall time: the clock below is given in UTC and each case names the
Brussels time it stands for (CET = UTC+1 in winter, CEST = UTC+2 in summer).
A rule whose closing time is not after its opening time runs overnight into the next day;
00:00-00:00 is the whole day. A service without a schedule is never "open now" and shows
`open_now: null`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.api.search.helpers import MARKER, all_ids, hit, names_parameter, rejected, search
from tests.factories import Rule, create_service


def utc(day: int, hour: int, minute: int = 0, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC)


# November 2026 (CET): Monday 16, Tuesday 17, Wednesday 18, Saturday 21, Sunday 22, Monday 23.
TUESDAY_1030 = utc(17, 9, 30)


@pytest.fixture
def now() -> dt.datetime:
    """The clock of tests that do not parametrize `now` themselves."""
    return TUESDAY_1030


def state(client: TestClient, session: Session, *rules: Rule) -> tuple[bool, bool | None]:
    """(whether open_now=true keeps the service, its open_now field) for these rules."""
    service = create_service(session, description_fr=MARKER, schedules=rules)
    kept = service.id in all_ids(client, {"q": MARKER, "open_now": "true"})
    shown = hit(search(client, {"q": MARKER}), service.id)["open_now"]
    return kept, shown


WEEKDAYS_9_TO_5: Rule = ("MO,TU,WE,TH,FR", "09:00", "17:00")


@pytest.mark.parametrize(
    ("now", "is_open"),
    [
        pytest.param(TUESDAY_1030, True, id="tuesday-10:30"),
        pytest.param(utc(17, 8), True, id="tuesday-09:00-opening"),
        pytest.param(utc(17, 15, 59), True, id="tuesday-16:59"),
        pytest.param(utc(17, 16), False, id="tuesday-17:00-closing"),
        pytest.param(utc(17, 22), False, id="tuesday-23:00-night"),
        pytest.param(utc(17, 2), False, id="tuesday-03:00-night"),
        pytest.param(utc(21, 9, 30), False, id="saturday-10:30"),
        pytest.param(utc(22, 9, 30), False, id="sunday-10:30"),
    ],
)
def test_weekday_rule_is_open_during_its_hours_only(
    client: TestClient, session: Session, is_open: bool
) -> None:
    assert state(client, session, WEEKDAYS_9_TO_5) == (is_open, is_open)


@pytest.mark.parametrize(
    ("now", "is_open"),
    [
        pytest.param(utc(16, 20, 59), False, id="monday-21:59"),
        pytest.param(utc(16, 21), True, id="monday-22:00"),
        pytest.param(utc(16, 23), True, id="tuesday-00:00"),
        pytest.param(utc(17, 0), True, id="tuesday-01:00-next-day"),
        pytest.param(utc(17, 1), False, id="tuesday-02:00-closing"),
        pytest.param(utc(17, 2), False, id="tuesday-03:00"),
        pytest.param(utc(17, 22), False, id="tuesday-23:00-no-rule-that-night"),
        pytest.param(utc(15, 0), False, id="sunday-01:00-no-rule-the-night-before"),
    ],
)
def test_overnight_rule_runs_into_the_next_day(
    client: TestClient, session: Session, is_open: bool
) -> None:
    assert state(client, session, ("MO", "22:00", "02:00")) == (is_open, is_open)


@pytest.mark.parametrize(
    ("now", "is_open"),
    [
        pytest.param(utc(21, 23), True, id="sunday-00:00"),
        pytest.param(utc(22, 11), True, id="sunday-12:00"),
        pytest.param(utc(22, 22, 59), True, id="sunday-23:59"),
        pytest.param(utc(22, 23, 30), False, id="monday-00:30"),
        pytest.param(utc(21, 22, 59), False, id="saturday-23:59"),
    ],
)
def test_midnight_to_midnight_rule_is_open_all_day(
    client: TestClient, session: Session, is_open: bool
) -> None:
    assert state(client, session, ("SU", "00:00", "00:00")) == (is_open, is_open)


@pytest.mark.parametrize(
    ("now", "is_open"),
    [
        pytest.param(utc(17, 8, 30), True, id="winter-09:30-CET-is-08:30-UTC"),
        pytest.param(utc(17, 9, 30), False, id="winter-10:30-CET-is-09:30-UTC"),
        pytest.param(utc(14, 7, 30, month=7), True, id="summer-09:30-CEST-is-07:30-UTC"),
        pytest.param(utc(14, 8, 30, month=7), False, id="summer-10:30-CEST-is-08:30-UTC"),
        pytest.param(utc(14, 9, 30, month=7), False, id="summer-11:30-CEST-is-09:30-UTC"),
    ],
)
def test_rules_are_brussels_wall_time_across_daylight_saving(
    client: TestClient, session: Session, is_open: bool
) -> None:
    assert state(client, session, ("TU", "09:00", "10:00")) == (is_open, is_open)


@pytest.mark.parametrize(
    "now",
    [
        pytest.param(utc(14, 22, 30, month=7), id="summer-tuesday-22:30-UTC-is-wednesday"),
        pytest.param(utc(17, 23, 30), id="winter-tuesday-23:30-UTC-is-wednesday"),
    ],
)
def test_weekday_is_the_brussels_weekday(client: TestClient, session: Session) -> None:
    assert state(client, session, ("WE", "00:00", "01:00")) == (True, True)


@pytest.mark.parametrize(
    ("now", "is_open"),
    [
        # Sunday 29 March 2026, 01:00 UTC: clocks go from 02:00 CET to 03:00 CEST.
        pytest.param(utc(29, 0, 30, month=3), False, id="01:30-CET"),
        pytest.param(utc(29, 1, 0, month=3), True, id="03:00-CEST"),
        pytest.param(utc(29, 1, 30, month=3), True, id="03:30-CEST"),
        pytest.param(utc(29, 2, 30, month=3), False, id="04:30-CEST"),
    ],
)
def test_rules_follow_the_wall_clock_when_clocks_go_forward(
    client: TestClient, session: Session, is_open: bool
) -> None:
    assert state(client, session, ("SU", "03:00", "04:00")) == (is_open, is_open)


@pytest.mark.parametrize(
    ("now", "is_open"),
    [
        # Sunday 25 October 2026, 01:00 UTC: clocks go from 03:00 CEST back to 02:00 CET,
        # so 02:30 happens twice.
        pytest.param(utc(24, 23, 30, month=10), False, id="01:30-CEST"),
        pytest.param(utc(25, 0, 30, month=10), True, id="02:30-CEST"),
        pytest.param(utc(25, 1, 30, month=10), True, id="02:30-CET"),
        pytest.param(utc(25, 2, 30, month=10), False, id="03:30-CET"),
    ],
)
def test_rules_follow_the_wall_clock_when_clocks_go_back(
    client: TestClient, session: Session, is_open: bool
) -> None:
    assert state(client, session, ("SU", "02:00", "03:00")) == (is_open, is_open)


def test_any_open_rule_makes_the_service_open(client: TestClient, session: Session) -> None:
    rules: list[Rule] = [("SA", "09:00", "12:00"), ("TU", "10:00", "11:00", "phone")]
    assert state(client, session, *rules) == (True, True)


def test_service_without_schedule_is_never_open_now(client: TestClient, session: Session) -> None:
    assert state(client, session) == (False, None)


def test_open_now_false_is_no_filter(client: TestClient, session: Session) -> None:
    closed = create_service(session, description_fr=MARKER, schedules=[("SA", "09:00", "12:00")])
    unknown = create_service(session, description_fr=MARKER)
    found = set(all_ids(client, {"q": MARKER, "open_now": "false"}))
    assert found == {closed.id, unknown.id}


@pytest.mark.parametrize("now", [utc(22, 2), TUESDAY_1030, utc(14, 22, 30, month=7)])
def test_round_the_clock_seed_service_is_always_open(client: TestClient) -> None:
    assert "police-101" in all_ids(client, {"open_now": "true"})


def test_unknown_open_now_value_is_rejected_naming_open_now(client: TestClient) -> None:
    body = rejected(client, {"open_now": "sometimes"})
    assert names_parameter(body, "open_now")


def test_unknown_open_now_value_lists_the_accepted_values(client: TestClient) -> None:
    body = rejected(client, {"open_now": "sometimes"})
    assert "true" in body["message"] and "false" in body["message"]
