"""Kept answers: a repeated search gets the route's own bytes, until the directory changes or a
service opens or closes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from api import search_cache
from api.search_cache import KeptAnswers
from directory.models import Service
from directory.vocab import Scope
from tests.api.search.helpers import MARKER
from tests.factories import Rule, create_service

# Tuesday 17 November 2026, 10:30 in Brussels (CET).
TUESDAY_1030 = dt.datetime(2026, 11, 17, 9, 30, tzinfo=dt.UTC)
OFFICE_HOURS: Rule = ("TU", "09:00", "11:00")


class Clock:
    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self) -> float:
        return self.seconds


@pytest.fixture
def now() -> dt.datetime:
    return TUESDAY_1030


@pytest.fixture
def kept(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, now: dt.datetime
) -> Iterator[KeptAnswers]:
    """The app as in production: the version checked once a minute (on a clock of the test)."""
    app = client.app
    snapshots = app.state.snapshots  # type: ignore[attr-defined]
    snapshots.refresh_seconds = 60.0
    snapshots._clock = Clock()
    snapshots.expire()  # the first request checks the version (and sees the test's services)
    monkeypatch.setattr(search_cache, "_now", lambda: now)
    yield app.state.search_answers  # type: ignore[attr-defined]


def get(
    client: TestClient, params: dict[str, str], **headers: str
) -> tuple[int, bytes, dict[str, str]]:
    response = client.get("/v1/services", params=params, headers=headers)
    return response.status_code, response.content, dict(response.headers)


def test_a_repeated_search_is_answered_from_memory(
    client: TestClient, session: Session, kept: KeptAnswers
) -> None:
    service = create_service(session, description_fr=MARKER, schedules=[OFFICE_HOURS])
    first = get(client, {"q": MARKER})  # checks the version and refreshes: not kept
    second = get(client, {"q": MARKER})
    third = get(client, {"q": MARKER})
    assert first[0] == second[0] == third[0] == 200
    assert first[1] == second[1] == third[1]
    assert service.id.encode() in first[1]
    assert (kept.hits, len(kept)) == (1, 1)
    # What the middlewares outside add is on kept answers too.
    for name in ("content-security-policy", "x-request-id", "content-type", "content-length"):
        assert name in third[2]
    assert third[2]["x-request-id"] != second[2]["x-request-id"]


def test_the_language_asked_for_is_part_of_the_key(
    client: TestClient, session: Session, kept: KeptAnswers
) -> None:
    create_service(session, description_fr=MARKER, name_fr="Service", name_nl="Dienst")
    get(client, {"q": MARKER})
    french = get(client, {"q": MARKER}, **{"Accept-Language": "fr-BE"})
    dutch = get(client, {"q": MARKER}, **{"Accept-Language": "nl-BE"})
    assert b'"Service"' in french[1] and b'"Dienst"' in dutch[1]


def test_an_edit_is_seen_at_the_next_version_check(
    client: TestClient, session: Session, kept: KeptAnswers
) -> None:
    service = create_service(session, description_fr=MARKER, name_fr="Avant")
    get(client, {"q": MARKER, "lang": "fr"})
    assert b"Avant" in get(client, {"q": MARKER, "lang": "fr"})[1]
    session.execute(
        update(Service)
        .where(Service.id == service.id)
        .values(name_fr="Apres", revision=Service.revision + 1)
    )
    assert b"Avant" in get(client, {"q": MARKER, "lang": "fr"})[1]  # within the interval
    client.app.state.snapshots._clock.seconds += 60  # type: ignore[attr-defined]
    assert b"Apres" in get(client, {"q": MARKER, "lang": "fr"})[1]
    assert b"Apres" in get(client, {"q": MARKER, "lang": "fr"})[1]
    assert len(kept) == 1  # the answers of the old version were dropped


def test_an_edit_drops_only_the_answers_about_the_places_it_touches(
    client: TestClient, session: Session, kept: KeptAnswers
) -> None:
    liege, gent = "62063", "44021"
    edited = create_service(
        session, description_fr=MARKER, name_fr="Avant", areas=[(Scope.MUNICIPALITY, liege)]
    )
    create_service(
        session, description_fr=MARKER, name_fr="Ailleurs", areas=[(Scope.MUNICIPALITY, gent)]
    )
    near_liege = {"q": MARKER, "municipality": liege, "lang": "fr"}
    near_gent = {"q": MARKER, "municipality": gent, "lang": "fr"}
    everywhere = {"q": MARKER, "lang": "fr"}
    get(client, near_liege)  # checks the version: not kept
    for params in (near_liege, near_gent, everywhere):
        get(client, params)
    assert len(kept) == 3
    session.execute(
        update(Service)
        .where(Service.id == edited.id)
        .values(name_fr="Apres", revision=Service.revision + 1)
    )
    client.app.state.snapshots._clock.seconds += 60  # type: ignore[attr-defined]
    get(client, {"q": MARKER, "municipality": "21004"})  # checks the version: refreshes
    hits = kept.hits
    assert b"Ailleurs" in get(client, near_gent)[1]  # Gent's answer still holds
    assert kept.hits == hits + 1
    assert b"Apres" in get(client, near_liege)[1]  # Liège's answer was dropped
    assert b"Apres" in get(client, everywhere)[1]  # and so was the one about no place
    assert kept.hits == hits + 1


def test_an_answer_is_not_kept_past_an_opening_or_closing(
    client: TestClient,
    session: Session,
    kept: KeptAnswers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    create_service(session, description_fr=MARKER, schedules=[OFFICE_HOURS])
    params = {"q": MARKER, "open_now": "true"}
    get(client, params)
    assert b'"total_items":1' in get(client, params)[1]
    closed = TUESDAY_1030 + dt.timedelta(hours=1)  # 11:30: office hours are over
    monkeypatch.setattr(search_cache, "_now", lambda: closed)
    client.app.state.clock = lambda: closed  # type: ignore[attr-defined]
    assert b'"total_items":0' in get(client, params)[1]
    ten_minutes_later = closed + dt.timedelta(minutes=10)  # no turn in between: kept
    monkeypatch.setattr(search_cache, "_now", lambda: ten_minutes_later)
    hits = kept.hits
    assert b'"total_items":0' in get(client, params)[1]
    assert kept.hits == hits + 1


def test_errors_are_not_kept(client: TestClient, kept: KeptAnswers) -> None:
    get(client, {"q": MARKER})
    get(client, {"q": MARKER})  # kept
    for _ in range(2):
        assert get(client, {"audience": "nobody"})[0] == 422
    assert len(kept) == 1


def test_off_with_no_memory(client: TestClient, session: Session, kept: KeptAnswers) -> None:
    kept.max_bytes = 0
    create_service(session, description_fr=MARKER)
    for _ in range(3):
        assert get(client, {"q": MARKER})[0] == 200
    assert len(kept) == 0 and kept.hits == 0


def test_the_store_keeps_the_most_recent_answers_within_its_bytes() -> None:
    store = KeptAnswers(max_bytes=10)
    store.put(("a",), ([], b"1234"))
    store.put(("b",), ([], b"1234"))
    assert store.get(("a",)) is not None  # a is now the most recent
    store.put(("c",), ([], b"1234"))  # 12 bytes: the least recent (b) goes
    assert store.get(("b",)) is None
    assert store.get(("a",)) is not None and store.get(("c",)) is not None
    assert store.bytes == 8
    store.put(("big",), ([], b"x" * 11))  # larger than the whole store: not kept
    assert store.get(("big",)) is None and store.bytes == 8
