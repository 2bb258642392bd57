"""Whole imports and exports: every record out, and a file in as one reversible batch.

An import is read (`parse`), compared with what is stored (`plan`) and applied in one
transaction (`apply_import`): all of it or nothing. It is recorded as one batch of changes in
the history, which `revert_batch` undoes as a whole.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Sequence
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, SessionTransaction

from directory import editing, errors
from directory.exchange.csv_files import from_csv, to_csv
from directory.exchange.hsds_files import from_hsds, to_hsds
from directory.exchange.ndjson_files import from_ndjson, to_ndjson
from directory.exchange.report import ImportReport
from directory.models import Change, Service
from directory.records import ServiceRecord, as_document, record_of, without_confidential_address
from directory.service_store import load_service
from directory.vocab import ServiceStatus

Format = Literal["csv", "hsds", "ndjson"]
FORMATS: tuple[Format, ...] = ("csv", "hsds", "ndjson")
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "hsds": "application/json",
    "ndjson": "application/x-ndjson",
}
EXTENSIONS: dict[str, str] = {"csv": "csv", "hsds": "json", "ndjson": "ndjson"}


def export_records(session: Session) -> list[ServiceRecord]:
    """Every service, archived ones included (see `status`), without confidential addresses."""
    services = session.scalars(select(Service.id).order_by(Service.id)).all()
    records = []
    for service_id in services:
        service = load_service(session, service_id)
        if service is not None:
            records.append(public(record_of(service)))
    return records


def public(record: ServiceRecord) -> ServiceRecord:
    """The record without where a confidential location is."""
    return without_confidential_address(record)


def export(session: Session, format: Format) -> bytes:
    records = export_records(session)
    if format == "csv":
        return to_csv(records)
    if format == "ndjson":
        return to_ndjson(records)
    return json.dumps(to_hsds(records), ensure_ascii=False, indent=1).encode("utf-8")


def parse(data: bytes, format: Format) -> ImportReport:
    """Read an import file; never raises on bad input, every problem is in the report."""
    reader: Callable[[bytes], ImportReport] = {
        "csv": from_csv,
        "ndjson": from_ndjson,
        "hsds": from_hsds,
    }[format]
    try:
        return reader(data)
    except RecursionError:
        report = ImportReport(format)
        report.problem(0, "(file)", "nested too deeply")
        return report


# --- planning and applying ---------------------------------------------------------------------


def _merged(
    record: ServiceRecord, before: ServiceRecord | None, keep: frozenset[str]
) -> ServiceRecord:
    """The record as it would be stored: withheld and uncarried fields keep their values."""
    if before is None:
        return record.model_copy(update={"status": record.status or ServiceStatus.ACTIVE})
    changes: dict[str, Any] = {name: getattr(before, name) for name in keep}
    if record.status is None:
        changes["status"] = before.status
    new, old = record.address, before.address
    if (
        new is not None
        and old is not None
        and new.confidential
        and old.confidential
        and new.street is None
        and new.postal_code is None
        and new.municipality is None
    ):
        changes["address"] = new.model_copy(
            update={
                "street": old.street,
                "postal_code": old.postal_code,
                "municipality": old.municipality,
            }
        )
    return record.model_copy(update=changes)


def plan(session: Session, editor: editing.Editor, report: ImportReport) -> None:
    """Fill in what an apply would do (created, updated, unchanged) and who may not do it."""
    report.created, report.updated, report.unchanged = [], [], []
    for record in report.records:
        service = load_service(session, record.id)
        before = record_of(service) if service is not None else None
        merged = _merged(record, before, report.keep)
        row = report.rows_of.get(record.id, 0)
        allowed = editing.may(editor, merged.coverage) and (
            before is None or editing.may(editor, before.coverage)
        )
        if not allowed:
            report.problem(
                row, "coverage", "this service lies outside the areas you may edit", record.id
            )
            continue  # classifying it would compare a guess with what the editor may not see
        known = before.coverage if before else None
        for raw in editing.unplaceable(editor, merged.coverage, known):
            report.problem(row, "coverage", f"{raw!r} matches no place or area", record.id)
        if before is None:
            report.created.append(record.id)
        elif as_document(merged) == as_document(before):
            report.unchanged.append(record.id)
        else:
            report.updated.append(record.id)


def apply_import(
    session: Session,
    editor: editing.Editor,
    report: ImportReport,
    batch_id: str,
    progress: Callable[[int], None] | None = None,
) -> bool:
    """Apply a planned report, all or nothing; True when applied.

    Runs in a savepoint: on any failure nothing of the import stays and the report says why.
    """
    plan(session, editor, report)
    if report.problems:
        return False
    savepoint = session.begin_nested()
    try:
        for record in report.records:
            service = load_service(session, record.id)
            if service is None:
                editing.create(
                    session,
                    editor,
                    _merged(record, None, report.keep),
                    batch_id=batch_id,
                    action="import",
                )
            else:
                merged = _merged(record, record_of(service), report.keep)
                editing.save(
                    session, editor, merged, service.revision, action="import", batch_id=batch_id
                )
            if progress:
                progress(1)
    except errors.DirectoryError as error:
        savepoint.rollback()
        report.problem(report.rows_of.get(record.id, 0), "(record)", str(error), record.id)
        return False
    except Exception:
        _undo(savepoint)
        raise
    savepoint.commit()
    report.applied, report.batch_id = True, batch_id
    return True


def _undo(savepoint: SessionTransaction) -> None:
    """Roll back to the savepoint, keeping the error that brought us here.

    The database may already have rolled back more than the savepoint: SQLite drops the whole
    transaction on SQLITE_FULL ("no such savepoint" then), a lost connection drops everything.
    Either way nothing of the import is left, and the caller rolls back the rest; a failure to
    undo must not replace the reason the import failed.
    """
    with contextlib.suppress(SQLAlchemyError):
        savepoint.rollback()


def revert_batch(
    session: Session, editor: editing.Editor, batch_id: str, new_batch_id: str
) -> list[str]:
    """Undo a batch as one new batch: each service goes back to its state before the batch;
    services the batch created are archived. Returns the ids of the services changed."""
    changes: Sequence[Change] = session.scalars(
        select(Change).where(Change.batch_id == batch_id).order_by(Change.id)
    ).all()
    if not changes:
        raise errors.NotFound(f"no import batch {batch_id!r}", "batch_id")
    first: dict[str, Change] = {}
    for change in changes:
        first.setdefault(change.service_id, change)
    reverted = []
    for service_id, change in first.items():
        service = load_service(session, service_id)
        if service is None:
            continue
        current = record_of(service)
        if change.before is None:
            target = current.model_copy(update={"status": ServiceStatus.ARCHIVED})
        else:
            target = ServiceRecord.model_validate(change.before)
        saved = editing.save(
            session,
            editor,
            target,
            service.revision,
            action="revert",
            note=f"revert of import batch {batch_id}",
            batch_id=new_batch_id,
        )
        if saved.changed:
            reverted.append(service_id)
    return reverted
