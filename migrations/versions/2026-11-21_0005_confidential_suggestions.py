"""Confidential locations; the public suggestion queue.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE (no batch mode): see 0003.
    op.add_column(
        "location",
        sa.Column("confidential", sa.Boolean(), server_default="0", nullable=False),
    )
    op.create_table(
        "suggestion",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("service_id", sa.String(length=100), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=254), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion")),
    )
    op.create_index("ix_suggestion_service_id", "suggestion", ["service_id"])
    op.create_index("ix_suggestion_status", "suggestion", ["status"])


def downgrade() -> None:
    op.drop_index("ix_suggestion_status", table_name="suggestion")
    op.drop_index("ix_suggestion_service_id", table_name="suggestion")
    op.drop_table("suggestion")
    op.drop_column("location", "confidential")
