"""An API client on the test session: requests see the test's data and roll back with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from api.deps import Geo, get_session
from api.main import create_app
from infra.config import Settings
from infra.usage import UsageCounter

# A Tuesday at 10:30 in Brussels (CET, UTC+1): the default clock of API tests.
TUESDAY_MORNING = dt.datetime(2026, 11, 17, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def now() -> dt.datetime:
    return TUESDAY_MORNING


@pytest.fixture(scope="session")
def geo_cache() -> dict[str, Geo]:
    return {}


@pytest.fixture
def geo(geo_cache: dict[str, Geo], backend: str, session: Session) -> Geo:
    """The geography is the same for every test (tests never change it), so load it once."""
    if backend not in geo_cache:
        geo_cache[backend] = Geo.load(session)
    return geo_cache[backend]


def in_test(app: FastAPI, session: Session, geo: Geo, now: dt.datetime) -> None:
    """The app's geography, clock and side sessions are the test's."""
    app.state.geo = geo
    app.state.clock = lambda: now
    app.state.open_session = lambda: nullcontext(session)


@pytest.fixture
def client(engine: Engine, session: Session, geo: Geo, now: dt.datetime) -> Iterator[TestClient]:
    app = create_app(engine=engine)
    app.state.snapshots.refresh_seconds = 0  # the search sees the test's writes at once

    def test_session() -> Iterator[Session]:
        yield session
        session.flush()

    app.dependency_overrides[get_session] = test_session
    in_test(app, session, geo, now)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
        # Usage counts go to the database at shutdown, outside the test's transaction: a test
        # that wants them flushes them itself, into its own session.
        app.state.usage = UsageCounter()


ClientWith = Callable[..., Any]


@pytest.fixture
def client_with(engine: Engine, session: Session, geo: Geo, now: dt.datetime) -> ClientWith:
    """A test client on an app built from the given settings (env names, as in .env)."""

    @contextmanager
    def make(**env: Any) -> Iterator[TestClient]:
        app = create_app(settings=Settings(**env), engine=engine)
        app.dependency_overrides[get_session] = lambda: session
        in_test(app, session, geo, now)
        with TestClient(app, raise_server_exceptions=False) as client:
            yield client

    return make
