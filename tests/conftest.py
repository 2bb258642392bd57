"""Test databases: real SQLite and PostgreSQL, migrated once, each test in a rolled-back transaction.

Every test that takes `session` runs once per backend. PostgreSQL comes from
TEST_POSTGRES_URL (default: the local server at 127.0.0.1:5432); when none is reachable the
PostgreSQL half is skipped with the reason, never silently.

The real assistant (the trained model, Rasa and the action server on free ports) is here too, so
that tests/bot and the browser tests in tests/web share one stack per session. Training is cached
outside the checkout (bot/stack.py), so only a change of the bot's data or configuration costs a
training run. The action server reads the session's seeded SQLite test database, so the referral
cards come from the same data as every other test.
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

from bot import stack
from bot.stack import free_port
from cli.app import alembic_config
from directory.geography import load_geography
from directory.paths import DATA_DIR
from directory.places import PlaceResolver
from directory.records import load_records
from directory.service_store import seed_services
from infra.db import make_engine

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
    if engine.dialect.name == "postgresql":
        # Deferred triggers (the directory version) fire at COMMIT, which a test's transaction
        # never reaches: fire them after each statement instead.
        connection.exec_driver_sql("SET CONSTRAINTS ALL IMMEDIATE")
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


# -- the real assistant ---------------------------------------------------------------------------

BOT_OUTPUT = Path(os.environ.get("PASSERELLE_TEST_OUTPUT", "test-output")).resolve() / "bot"


@pytest.fixture(scope="session")
def output_dir() -> Path:
    BOT_OUTPUT.mkdir(parents=True, exist_ok=True)
    return BOT_OUTPUT


@pytest.fixture(scope="session")
def rasa_model() -> Path:
    model, _ = stack.train()
    return model


@pytest.fixture(scope="session")
def sqlite_url(engines: dict[str, Engine | str]) -> str:
    engine = engines["sqlite"]
    assert isinstance(engine, Engine)
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def assistant(rasa_model: Path, sqlite_url: str, output_dir: Path) -> Iterator[stack.Stack]:
    """Rasa and the action server, up for the whole session; their logs go to the output folder."""
    with (
        (output_dir / "assistant.log").open("wb") as log,
        stack.running(
            rasa_model,
            rasa_port=free_port(),
            actions_port=free_port(),
            log=log.fileno(),
            database_url=sqlite_url,
        ) as running,
    ):
        yield running
