"""Judicial districts and police zones as geographies; when a record's sources were checked.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

Plain ALTER TABLE, not batch mode (see 0003): recreating `municipality` or `service` on SQLite
would cascade through their foreign keys.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None



def _names() -> list[sa.Column[str]]:
    return [
        sa.Column("name_fr", sa.String(length=100), nullable=False),
        sa.Column("name_nl", sa.String(length=100), nullable=False),
        sa.Column("name_de", sa.String(length=100), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "judicial_district",
        *_names(),
        sa.Column("code", sa.String(length=5), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_judicial_district")),
    )
    op.create_table(
        "police_zone",
        *_names(),
        sa.Column("code", sa.String(length=5), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_police_zone")),
    )
    for column, table in (
        ("judicial_district_code", "judicial_district"),
        ("police_zone_code", "police_zone"),
    ):
        if op.get_bind().dialect.name == "sqlite":
            # SQLite cannot add a constraint to a table, but a new column may carry one.
            op.execute(
                f"ALTER TABLE municipality ADD COLUMN {column} VARCHAR(5) "
                f"CONSTRAINT fk_municipality_{column}_{table} REFERENCES {table} (code)"
            )
        else:
            op.add_column("municipality", sa.Column(column, sa.String(length=5), nullable=True))
            op.create_foreign_key(
                op.f(f"fk_municipality_{column}_{table}"), "municipality", table, [column], ["code"]
            )
        op.create_index(f"ix_municipality_{column}", "municipality", [column])
    op.add_column("service", sa.Column("assured_date", sa.Date(), nullable=True))
    op.add_column("service", sa.Column("source_date", sa.String(length=10), nullable=True))


def downgrade() -> None:
    op.drop_column("service", "source_date")
    op.drop_column("service", "assured_date")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for column, table in (
        ("police_zone_code", "police_zone"),
        ("judicial_district_code", "judicial_district"),
    ):
        op.drop_index(f"ix_municipality_{column}", table_name="municipality")
        if sqlite:  # DROP COLUMN refuses a column with a constraint: rebuild the table
            with op.batch_alter_table("municipality") as batch:
                batch.drop_column(column)
        else:
            op.drop_constraint(f"fk_municipality_{column}_{table}", "municipality")
            op.drop_column("municipality", column)
    op.drop_table("police_zone")
    op.drop_table("judicial_district")
