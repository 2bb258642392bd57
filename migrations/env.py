"""Alembic environment: runs against a connection handed in by the caller, or DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import pool

from directory.models import Base
from directory.search_index import INDEX_TABLE
from infra import usage  # noqa: F401 (its table joins the metadata)
from infra.config import get_settings
from infra.db import make_engine

config = context.config
target_metadata = Base.metadata


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    # The full-text index is dialect-specific (FTS5 table / tsvector table) and managed by hand.
    return not (type_ == "table" and name is not None and name.startswith(INDEX_TABLE))


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    engine = make_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)
        connection.commit()


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        include_object=include_object,
        render_as_batch=True,  # SQLite needs batch mode to alter tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
