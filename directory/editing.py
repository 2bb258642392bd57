"""Editing services safely: permissions, optimistic concurrency, history.

Every write names the revision it was based on (HTTP If-Match). The revision is claimed with a
conditional UPDATE (`... WHERE revision = :expected`), so of two concurrent writers based on the
same revision exactly one wins and the other gets `Stale` with the current record: no update is
ever lost. Every applied change is recorded in the history with the record before and after.
Nothing is deleted: archiving is a status, and reverting applies an old version as a new change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.orm import Session

from directory import errors
from directory.coverage import Gazetteer
from directory.history import record_change
from directory.models import Account, Change, Service
from directory.permissions import Area, AreaTree, may_edit
from directory.records import (
    ServiceRecord,
    as_document,
    document_without_confidential_address,
    record_of,
    without_confidential_address,
)
from directory.service_store import load_service, write_record
from directory.vocab import ServiceStatus, VerificationMethod, VerificationStatus


class InvalidRecord(errors.Invalid):
    """A record that validates as data but cannot be used, e.g. coverage we cannot place."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field)


class Stale(errors.Stale):
    """The service changed since the revision the edit was based on."""

    def __init__(self, current: ServiceRecord, revision: int) -> None:
        super().__init__(f"the service is at revision {revision}", current, revision)
        self.current: ServiceRecord = current


@dataclass(frozen=True)
class Saved:
    record: ServiceRecord
    revision: int
    changed: bool
    change: Change | None


@dataclass
class Editor:
    """Everything an edit needs besides the session: who, when, and the geography."""

    account: Account
    gazetteer: Gazetteer
    tree: AreaTree
    now: dt.datetime

    @property
    def actor(self) -> str:
        return self.account.email


# Set only by `verify` (and brought back by a revert, or carried by an admin's import of an
# export): an ordinary edit that changes them would let anyone fake a confirmation.
VERIFICATION = ("verification_status", "verified_at", "verified_by", "verification_method")
_MAY_SET_VERIFICATION = {"verify", "revert"}


def _verification(
    editor: Editor, action: str, record: ServiceRecord, before: ServiceRecord | None
) -> ServiceRecord:
    """The record with the verification it may have: only `verify` confirms (a revert brings
    back an old state, an admin's import carries an export's). Any other change of content
    drops a confirmation, since nobody confirmed the new values; lowering to unverified is
    always allowed."""
    if action in _MAY_SET_VERIFICATION or (action == "import" and editor.account.role == "admin"):
        return record
    unverified = {
        "verification_status": VerificationStatus.UNVERIFIED,
        "verified_at": None,
        "verified_by": None,
        "verification_method": None,
    }
    if all(getattr(record, field) == value for field, value in unverified.items()):
        return record  # cleared, or never confirmed
    for field in VERIFICATION:
        wanted, current = getattr(record, field), getattr(before, field) if before else None
        if wanted != current:
            raise InvalidRecord(
                field, "set only by the verify action (POST /v1/admin/services/{id}/verify)"
            )
    if before is not None and _content(record) != _content(before):
        return record.model_copy(update=unverified)
    return record


def _content(record: ServiceRecord) -> dict[str, Any]:
    document = as_document(record)
    for field in (*VERIFICATION, "status"):
        document.pop(field, None)
    return document


def _areas(editor: Editor, coverage: list[str] | None) -> list[Area]:
    return [(c.scope.value, c.code) for c in map(editor.gazetteer.map, coverage or [])]


def may(editor: Editor, coverage: list[str] | None) -> bool:
    """Whether the editor may edit a service with this coverage."""
    return may_edit(editor.account, _areas(editor, coverage), editor.tree)


def unplaceable(editor: Editor, coverage: list[str] | None, known: list[str] | None) -> list[str]:
    """New municipality names in a coverage (not in `known`) that name no Belgian municipality.

    Prefixed entries (`province:…`, `arrondissement:…`, `area:…`) are taken as the sources state
    them and kept, mapped or not, as the seed does; a bare name must be a municipality, so a typo
    ("Lieg") is caught instead of silently covering nothing.
    """
    old = set(known or [])
    return [
        raw
        for raw in coverage or []
        if raw not in old
        and ":" not in raw
        and raw != "national"
        and editor.gazetteer.map(raw).code is None
    ]


def _check_coverage(editor: Editor, coverage: list[str] | None, known: list[str] | None) -> None:
    bad = unplaceable(editor, coverage, known)
    if bad:
        raise InvalidRecord(
            "coverage",
            f"{', '.join(repr(b) for b in bad)} is not a Belgian municipality (or is ambiguous); "
            "use a municipality's name or NIS code, 'national', 'region:VLG|WAL|BRU', "
            "'province:<name>', 'arrondissement:<name>', 'judicial_district:<name>', "
            "'police_zone:<number>', or 'area:<name>' for a named area",
        )


def _check(editor: Editor, coverage: list[str] | None) -> None:
    if not may(editor, coverage):
        raise errors.NotAllowed("this service lies outside the areas you may edit")


def shown(editor: Editor, record: ServiceRecord) -> ServiceRecord:
    """The record as this editor may read it: where a confidential location is, only for the
    editors of the service (anyone else sees what the public sees)."""
    return record if may(editor, record.coverage) else without_confidential_address(record)


def shown_versions(
    editor: Editor, record: ServiceRecord, documents: list[dict[str, Any] | None]
) -> list[dict[str, Any] | None]:
    """Stored versions (history) of that service, with the same rule."""
    if may(editor, record.coverage):
        return documents
    ever = (record.address is not None and record.address.confidential) or any(
        d and (d.get("address") or {}).get("confidential") for d in documents
    )
    if not ever:
        return documents
    # A shelter marked confidential later: its earlier addresses are where it still is.
    return [document_without_confidential_address(_as_confidential(d)) for d in documents]


def _as_confidential(document: dict[str, Any] | None) -> dict[str, Any] | None:
    if not document or not document.get("address"):
        return document
    return {**document, "address": {**document["address"], "confidential": True}}


def read(session: Session, editor: Editor, service_id: str) -> tuple[ServiceRecord, int]:
    service = load_service(session, service_id)
    if service is None:
        raise errors.NotFound(f"no service {service_id!r}", "service_id")
    return record_of(service), service.revision


def create(
    session: Session,
    editor: Editor,
    record: ServiceRecord,
    *,
    batch_id: str | None = None,
    action: str = "create",
) -> Saved:
    if load_service(session, record.id) is not None:
        raise errors.Conflict(f"a service {record.id!r} exists already; edit it instead", "id")
    _check(editor, record.coverage)
    record = _verification(editor, action, record, None)
    _check_coverage(editor, record.coverage, None)
    record = record.model_copy(update={"status": record.status or ServiceStatus.ACTIVE})
    service, _ = write_record(session, record, editor.gazetteer, None)
    after = record_of(service)
    change = record_change(
        session,
        service_id=service.id,
        action="create",
        actor=editor.actor,
        at=editor.now,
        revision=service.revision,
        before=None,
        after=as_document(after),
        batch_id=batch_id,
    )
    return Saved(after, service.revision, True, change)


def save(
    session: Session,
    editor: Editor,
    record: ServiceRecord,
    if_match: int | None,
    *,
    action: str = "update",
    note: str | None = None,
    batch_id: str | None = None,
) -> Saved:
    """Apply a whole record to an existing service, based on revision `if_match`."""
    service = load_service(session, record.id)
    if service is None:
        raise errors.NotFound(f"no service {record.id!r}", "service_id")
    if if_match is None:
        raise errors.PreconditionRequired("send the revision (ETag) you edited", "If-Match")
    before = record_of(service)
    _check(editor, before.coverage)
    _check(editor, record.coverage)
    _check_coverage(editor, record.coverage, before.coverage)
    if record.status is None:
        record = record.model_copy(update={"status": before.status})
    if service.revision != if_match:
        raise Stale(before, service.revision)
    record = _verification(editor, action, record, before)
    if as_document(record) == as_document(before):
        return Saved(before, service.revision, False, None)
    claimed = session.execute(
        update(Service)
        .where(Service.id == record.id, Service.revision == if_match)
        .values(revision=Service.revision + 1)
        .execution_options(synchronize_session=False)
    )
    if (
        cast("CursorResult[Any]", claimed).rowcount != 1
    ):  # another writer won the race since we read
        session.expire(service)
        raise Stale(*read(session, editor, record.id))
    session.refresh(service, ["revision"])
    service, _ = write_record(session, record, editor.gazetteer, service)
    after = record_of(service)
    change = record_change(
        session,
        service_id=service.id,
        action=action,
        actor=editor.actor,
        at=editor.now,
        revision=service.revision,
        before=as_document(before),
        after=as_document(after),
        batch_id=batch_id,
        note=note,
    )
    return Saved(after, service.revision, True, change)


def _with(record: ServiceRecord, **changes: Any) -> ServiceRecord:
    return record.model_copy(update=changes)


def archive(session: Session, editor: Editor, service_id: str, if_match: int | None) -> Saved:
    record, _ = read(session, editor, service_id)
    return save(
        session, editor, _with(record, status=ServiceStatus.ARCHIVED), if_match, action="archive"
    )


def restore(session: Session, editor: Editor, service_id: str, if_match: int | None) -> Saved:
    record, _ = read(session, editor, service_id)
    return save(
        session, editor, _with(record, status=ServiceStatus.ACTIVE), if_match, action="restore"
    )


def verify(
    session: Session,
    editor: Editor,
    service_id: str,
    if_match: int | None,
    method: VerificationMethod,
    note: str | None = None,
) -> Saved:
    record, _ = read(session, editor, service_id)
    verified = _with(
        record,
        verification_status=VerificationStatus.VERIFIED,
        verified_at=editor.now,
        verified_by=editor.actor,
        verification_method=method,
    )
    return save(session, editor, verified, if_match, action="verify", note=note)


def revert(
    session: Session, editor: Editor, service_id: str, change_id: int, if_match: int | None
) -> Saved:
    """Bring back the version a change produced, as a new change (history is never rewritten)."""
    change = session.get(Change, change_id)
    if change is None or change.service_id != service_id or change.after is None:
        raise errors.NotFound(f"no change {change_id} of service {service_id!r}", "change_id")
    old = ServiceRecord.model_validate(change.after)
    return save(
        session, editor, old, if_match, action="revert", note=f"revert to change {change_id}"
    )
