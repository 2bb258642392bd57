"""The change history: every change to a service, append-only, with both versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.models import Change


def record_change(
    session: Session,
    *,
    service_id: str,
    action: str,
    actor: str,
    at: dt.datetime,
    revision: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    batch_id: str | None = None,
    note: str | None = None,
) -> Change:
    change = Change(
        service_id=service_id,
        action=action,
        actor=actor,
        at=at,
        revision=revision,
        before=before,
        after=after,
        batch_id=batch_id,
        note=note,
    )
    session.add(change)
    session.flush()
    return change


def changes_of(session: Session, service_id: str) -> list[Change]:
    """Newest first."""
    stmt = select(Change).where(Change.service_id == service_id).order_by(Change.id.desc())
    return list(session.scalars(stmt))


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    if before is None or after is None:
        return sorted((after or before or {}).keys())
    return sorted(k for k in after.keys() | before.keys() if before.get(k) != after.get(k))
