"""Which database errors are outages (a 503 that says what is wrong) and which are bugs (a 500).

Real driver errors from SQLite; PostgreSQL's (read-only, disk full, restart) are raised for real
by the other tests of this package.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from api import errors
from api.main import create_app
from infra.config import Settings
from infra.db import make_engine, outage


@pytest.fixture
def sqlite(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'outage.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"))
    yield engine
    engine.dispose()


def refused(engine: Engine, *statements: str) -> DBAPIError:
    with pytest.raises(DBAPIError) as caught, engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    return caught.value


def test_a_full_database(sqlite: Engine) -> None:
    error = refused(
        sqlite,
        "PRAGMA max_page_count = 3",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
        "INSERT INTO t (v) SELECT printf('%.500c', 'x') FROM n",
    )
    assert outage(error) == "full"


def test_a_read_only_database(sqlite: Engine) -> None:
    error = refused(sqlite, "PRAGMA query_only = ON", "INSERT INTO t (v) VALUES ('x')")
    assert outage(error) == "read-only"


def test_a_missing_database() -> None:
    engine = make_engine("sqlite:////nonexistent-directory/passerelle.db")
    error = refused(engine, "SELECT 1")
    engine.dispose()
    assert outage(error) == "unavailable"


def test_a_constraint_is_no_outage(sqlite: Engine) -> None:
    error = refused(sqlite, "INSERT INTO t (v) VALUES (NULL)")
    assert outage(error) is None


def test_the_api_answers_a_bug_with_a_plain_500(sqlite: Engine) -> None:
    app = FastAPI()
    errors.install(app)

    @app.get("/bug")
    async def bug() -> None:
        with sqlite.begin() as connection:
            connection.execute(text("INSERT INTO t (v) VALUES (NULL)"))

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/bug")
    assert response.status_code == 500
    assert "IntegrityError" not in response.text and "NOT NULL" not in response.text


def test_an_outage_is_logged_once_per_interval(
    sqlite: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    app = FastAPI()
    errors.install(app)

    @app.get("/write")
    async def write() -> None:
        with sqlite.begin() as connection:
            connection.execute(text("PRAGMA query_only = ON"))
            try:
                connection.execute(text("INSERT INTO t (v) VALUES ('x')"))
            finally:
                connection.execute(text("PRAGMA query_only = OFF"))

    with caplog.at_level(logging.ERROR, "passerelle.api"), TestClient(app) as client:
        answers = [client.get("/write") for _ in range(20)]
    assert {a.status_code for a in answers} == {503}
    assert answers[0].headers["Retry-After"] == "60"
    assert answers[0].json()["detail"][0]["type"] == "database_read_only"
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["database read-only: OperationalError SQLITE_READONLY"], lines


def test_a_message_about_danger_gets_the_numbers_without_the_database() -> None:
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    settings = Settings(rasa_url="http://127.0.0.1:1", rate_limit_chat=0)
    message = {"sender": "tab-12345678", "message": "hij slaat me nu, help", "lang": "nl"}
    with TestClient(create_app(settings, engine=engine), raise_server_exceptions=False) as client:
        response = client.post("/v1/chat", json=message)
    engine.dispose()
    assert response.status_code == 200, response.text
    assert "112" in response.text and "101" in response.text
