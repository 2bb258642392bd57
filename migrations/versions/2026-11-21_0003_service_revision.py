"""Service revision (the version behind ETags and caches); index service areas by service.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, not batch mode: recreating `service` on SQLite would cascade-delete its
# phones, schedules and areas through their ON DELETE CASCADE foreign keys.
def upgrade() -> None:
    op.add_column(
        "service", sa.Column("revision", sa.Integer(), server_default="1", nullable=False)
    )
    op.create_index("ix_service_area_service_id", "service_area", ["service_id"])


def downgrade() -> None:
    op.drop_index("ix_service_area_service_id", table_name="service_area")
    op.drop_column("service", "revision")
