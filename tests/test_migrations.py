"""Migrations: upgrade from an empty database, and step back one revision, on both backends."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url

from cli.app import alembic_config
from directory.models import Base
from infra import usage  # noqa: F401 (its table joins the metadata)
from infra.db import make_engine
from tests.conftest import POSTGRES_URL, _postgres_unavailable


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
        yield engine
        engine.dispose()
        return
    reason = _postgres_unavailable()
    if reason:
        pytest.skip(reason)
    name = f"passerelle_migrate_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(POSTGRES_URL).set(database=name).render_as_string(False))
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _migrate(engine: Engine, action: str, revision: str) -> None:
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def test_upgrade_from_empty_creates_every_table(empty_engine: Engine) -> None:
    _migrate(empty_engine, "upgrade", "head")
    tables = set(inspect(empty_engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} | {"service_search"} <= tables


def _columns(engine: Engine, table: str) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(table)}


def _version(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar())


def test_downgrade_one_step_then_upgrade_again(empty_engine: Engine) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_revision("head")
    assert head is not None
    _migrate(empty_engine, "upgrade", "head")
    _migrate(empty_engine, "downgrade", "-1")
    assert _version(empty_engine) == head.down_revision
    _migrate(empty_engine, "upgrade", "head")
    assert _version(empty_engine) == head.revision
    assert "verification_method" in _columns(empty_engine, "service")


def test_every_step_down_to_empty_and_back(empty_engine: Engine) -> None:
    _migrate(empty_engine, "upgrade", "head")
    _migrate(empty_engine, "downgrade", "base")
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    _migrate(empty_engine, "upgrade", "head")
    assert "service_search" in inspect(empty_engine).get_table_names()


def test_models_and_migrations_agree(empty_engine: Engine) -> None:
    """Autogenerate finds nothing to do: the models have no change without a migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    _migrate(empty_engine, "upgrade", "head")
    with empty_engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_object": lambda o, name, t, r, c: (
                    not (t == "table" and name.startswith("service_search"))
                ),
            },
        )
        assert compare_metadata(context, Base.metadata) == []
