"""Full-text index of services: FTS5 on SQLite, tsvector with unaccent + Snowball on PostgreSQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The configurations fold accents before stemming, as directory.text does for SQLite.
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION passerelle_fr (COPY = pg_catalog.french)",
    "ALTER TEXT SEARCH CONFIGURATION passerelle_fr "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem",
    "CREATE TEXT SEARCH CONFIGURATION passerelle_nl (COPY = pg_catalog.dutch)",
    "ALTER TEXT SEARCH CONFIGURATION passerelle_nl "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem",
    "CREATE TABLE service_search ("
    " service_id VARCHAR(100) PRIMARY KEY REFERENCES service (id) ON DELETE CASCADE,"
    " vector TSVECTOR NOT NULL)",
    "CREATE INDEX ix_service_search_vector ON service_search USING GIN (vector)",
]
POSTGRES_DOWN = [
    "DROP TABLE service_search",
    "DROP TEXT SEARCH CONFIGURATION passerelle_nl",
    "DROP TEXT SEARCH CONFIGURATION passerelle_fr",
]
# Terms arrive stemmed and unaccented; unicode61 only splits them. The FTS5 rowid is the
# service's key in service_search_key, so a match is a set of integers joined in SQL
# without reading the index's stored text.
SQLITE_UP = [
    "CREATE TABLE service_search_key ("
    " key INTEGER PRIMARY KEY AUTOINCREMENT,"
    " service_id VARCHAR(100) NOT NULL UNIQUE REFERENCES service (id) ON DELETE CASCADE)",
    "CREATE VIRTUAL TABLE service_search USING fts5("
    "names, body, tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_DOWN = ["DROP TABLE service_search", "DROP TABLE service_search_key"]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _run(POSTGRES_UP)
    else:
        _run(SQLITE_UP)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _run(POSTGRES_DOWN)
    else:
        _run(SQLITE_DOWN)
