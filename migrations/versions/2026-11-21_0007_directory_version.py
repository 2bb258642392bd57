"""A directory-wide version, raised by triggers on every change to a service.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21

Every change that the search can see bumps `service.revision` (see directory.editing), so a
trigger on `service` alone catches them all, whichever code path wrote them.

PostgreSQL: a row trigger deferred to COMMIT. Deferred, the counter's row lock is the last
lock a writer takes, so two writers that touch the same services in different orders cannot
deadlock on it. It raises the counter once per firing statement, so once per transaction: a
row per changed service made the COMMIT of a 34,000-service seed take 17 s (one new version of
the counter's row each). SQLite has a single writer, so a plain row trigger does.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PG_FUNCTION = """
CREATE FUNCTION passerelle_bump_directory_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    this_statement text := txid_current()::text || ' ' || statement_timestamp()::text;
BEGIN
    -- Once per statement that fires it: at COMMIT that is once per transaction.
    IF current_setting('passerelle.version_raised_by', true) IS DISTINCT FROM this_statement THEN
        UPDATE directory_version SET version = version + 1 WHERE id = 1;
        PERFORM set_config('passerelle.version_raised_by', this_statement, true);
    END IF;
    RETURN NULL;
END
$$
"""
_PG_TRIGGER = """
CREATE CONSTRAINT TRIGGER trg_service_directory_version
AFTER INSERT OR UPDATE OR DELETE ON service
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION passerelle_bump_directory_version()
"""
_SQLITE_EVENTS = ("insert", "update", "delete")


def upgrade() -> None:
    op.create_table(
        "directory_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_version")),
    )
    op.execute("INSERT INTO directory_version (id, version) VALUES (1, 1)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(_PG_TRIGGER)
        return
    for event in _SQLITE_EVENTS:
        op.execute(
            f"CREATE TRIGGER trg_service_directory_version_{event} AFTER {event.upper()} "
            "ON service BEGIN UPDATE directory_version SET version = version + 1 WHERE id = 1; END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER trg_service_directory_version ON service")
        op.execute("DROP FUNCTION passerelle_bump_directory_version()")
    else:
        for event in _SQLITE_EVENTS:
            op.execute(f"DROP TRIGGER trg_service_directory_version_{event}")
    op.drop_table("directory_version")
