"""Corrections proposed by anyone, reviewed by the editors of the service's area.

A suggestion keeps only what the sender chose to write: the message and, if they want an
answer, an e-mail address. Nothing else about the sender is stored (no IP address, no user
agent), so the queue holds no personal data that was not handed over on purpose. Accepting
applies the editor's corrected record as a normal change (If-Match, history); rejecting keeps
the reason. Either way the queue remembers who decided and when.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from directory import editing, errors
from directory.models import Account, Service, Suggestion
from directory.permissions import Area, AreaTree, may_edit
from directory.records import ServiceRecord
from directory.vocab import ServiceStatus

OPEN, ACCEPTED, REJECTED = "open", "accepted", "rejected"


def submit(
    session: Session, service_id: str, message: str, contact_email: str | None, now: dt.datetime
) -> Suggestion:
    service = session.get(Service, service_id)
    if service is None or service.status != ServiceStatus.ACTIVE.value:
        raise errors.Invalid(f"no active service {service_id!r}", "service_id")
    suggestion = Suggestion(
        service_id=service_id, message=message, contact_email=contact_email, created_at=now
    )
    session.add(suggestion)
    session.flush()
    return suggestion


def _areas(session: Session, service_ids: set[str]) -> dict[str, list[Area]]:
    services = session.scalars(
        select(Service)
        .where(Service.id.in_(service_ids))
        .options(selectinload(Service.service_areas))
    )
    return {s.id: [(a.scope, a.code) for a in s.service_areas] for s in services}


def _allowed(account: Account, tree: AreaTree, areas: list[Area] | None) -> bool:
    """Admins see every suggestion; editors those about services inside their areas."""
    return may_edit(account, areas or [], tree)


def queue(
    session: Session, account: Account, tree: AreaTree, status: str | None = None
) -> list[Suggestion]:
    """The suggestions this account may decide, oldest first."""
    stmt = select(Suggestion).order_by(Suggestion.created_at, Suggestion.id)
    if status:
        stmt = stmt.where(Suggestion.status == status)
    found = list(session.scalars(stmt))
    areas = _areas(session, {s.service_id for s in found if s.service_id})
    return [s for s in found if _allowed(account, tree, areas.get(s.service_id or ""))]


def _open(session: Session, editor: editing.Editor, suggestion_id: int) -> Suggestion:
    suggestion = session.get(Suggestion, suggestion_id)
    if suggestion is None:
        raise errors.NotFound(f"no suggestion {suggestion_id}", "suggestion_id")
    areas = _areas(session, {suggestion.service_id} if suggestion.service_id else set())
    if not _allowed(editor.account, editor.tree, areas.get(suggestion.service_id or "")):
        raise errors.NotAllowed("this suggestion is about a service outside your areas")
    if suggestion.status != OPEN:
        raise errors.Conflict(f"suggestion {suggestion_id} was {suggestion.status} already")
    return suggestion


def _decide(
    suggestion: Suggestion, editor: editing.Editor, status: str, note: str | None
) -> Suggestion:
    suggestion.status, suggestion.decision_note = status, note
    suggestion.decided_by, suggestion.decided_at = editor.actor, editor.now
    return suggestion


def accept(
    session: Session,
    editor: editing.Editor,
    suggestion_id: int,
    record: ServiceRecord,
    if_match: int | None,
) -> editing.Saved:
    """Apply the editor's corrected record, based on revision `if_match`, and close the case."""
    suggestion = _open(session, editor, suggestion_id)
    if record.id != suggestion.service_id:
        raise errors.Invalid(
            f"the suggestion is about {suggestion.service_id!r}, not {record.id!r}", "id"
        )
    note = f"suggestion {suggestion_id}"
    saved = editing.save(session, editor, record, if_match, action="suggestion", note=note)
    _decide(suggestion, editor, ACCEPTED, None)
    return saved


def reject(
    session: Session, editor: editing.Editor, suggestion_id: int, note: str | None
) -> Suggestion:
    return _decide(_open(session, editor, suggestion_id), editor, REJECTED, note)
