"""Test databases: real SQLite and PostgreSQL, migrated once, each test in a rolled-back transaction.

Every test that takes `session` runs once per backend. PostgreSQL comes from
TEST_POSTGRES_URL (default: the local server at 127.0.0.1:5432); when none is reachable the
PostgreSQL half is skipped with the reason, never silently.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from directory.cli import alembic_config
from directory.config import DATA_DIR
from directory.db import make_engine
from directory.geography import load_geography
from directory.places import PlaceResolver
from directory.records import load_records
from directory.seed import seed_services

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
BACKENDS = ["sqlite", "postgresql"]


def _postgres_unavailable() -> str | None:
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
    except Exception as error:  # any failure to connect means: skip, and say why
        return f"PostgreSQL not reachable at {make_url(POSTGRES_URL).render_as_string()}: {error}"
    return None


def _migrate_and_load(engine: Engine, seed: bool) -> None:
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with Session(engine) as session:
        load_geography(session, DATA_DIR / "geo")
        if seed:
            resolver = PlaceResolver.from_session(session)
            seed_services(session, load_records(DATA_DIR / "services.yaml"), resolver)
        session.commit()


@pytest.fixture(scope="session")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Engine | str]]:
    """One migrated, seeded database per backend (or the reason it is missing)."""
    found: dict[str, Engine | str] = {}
    path: Path = tmp_path_factory.mktemp("db") / "passerelle-test.db"
    found["sqlite"] = make_engine(f"sqlite:///{path}")
    _migrate_and_load(found["sqlite"], seed=True)

    reason = _postgres_unavailable()
    admin = None
    name = f"passerelle_test_{uuid.uuid4().hex[:8]}"
    if reason:
        found["postgresql"] = reason
    else:
        admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        found["postgresql"] = make_engine(
            make_url(POSTGRES_URL).set(database=name).render_as_string(False)
        )
        _migrate_and_load(found["postgresql"], seed=True)
    yield found
    for engine in found.values():
        if isinstance(engine, Engine):
            engine.dispose()
    if admin is not None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def engine(engines: dict[str, Engine | str], backend: str) -> Engine:
    found = engines[backend]
    if isinstance(found, str):
        pytest.skip(found)
    return found


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test, commits included."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture(scope="session")
def resolvers() -> dict[str, PlaceResolver]:
    return {}


@pytest.fixture
def resolver(resolvers: dict[str, PlaceResolver], backend: str, session: Session) -> PlaceResolver:
    """Built once per backend: tests never change the geography."""
    if backend not in resolvers:
        resolvers[backend] = PlaceResolver.from_session(session)
    return resolvers[backend]
