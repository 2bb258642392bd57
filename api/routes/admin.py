"""Admin API for services: read and edit with If-Match, archive, restore, verify, history, revert.

Every write needs a bearer token and the ETag of the version it edits. Editors may only touch
services inside their areas (see `directory.permissions`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import or_, select

from api import responses, schemas
from api.admin_access import (
    ETAG,
    EXAMPLE_SERVICE,
    MAX_ROW_ID,
    NEW_RECORD,
    WRITE,
    EditorDep,
    ExistingRecord,
    IfMatch,
    record_response,
    revision_of,
)
from api.deps import SessionDep
from api.errors import ParameterError
from directory import editing, errors
from directory.history import changed_fields, changes_of
from directory.models import Service
from directory.permissions import may_edit
from directory.records import (
    ServiceRecord,
    StorableText,
    document_without_confidential_address,
)
from directory.vocab import VerificationMethod

router = APIRouter(prefix="/v1/admin", tags=["admin"])
STALE_AFTER = dt.timedelta(days=365)


class Verification(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"method": "phone", "note": "Called the reception"}]}
    )

    method: VerificationMethod
    note: StorableText | None = Field(default=None, max_length=2000)


class Revert(BaseModel):
    change_id: int = Field(ge=1, le=MAX_ROW_ID)


@router.get(
    "/services",
    summary="Services, with what this account may edit",
    response_model=schemas.AdminServiceList,
    responses=schemas.problems(401, 422),
)
async def list_services(
    session: SessionDep,
    editor_: EditorDep,
    status: Annotated[str | None, Query(pattern="^(active|archived)$")] = None,
    verification: Annotated[
        str | None,
        Query(pattern="^(never|stale)$", description="never verified, or not for 12 months"),
    ] = None,
    editable: Annotated[bool, Query(description="Only services this account may edit")] = False,
) -> Response:
    stmt = select(Service).order_by(Service.id)
    if status:
        stmt = stmt.where(Service.status == status)
    if verification == "never":
        stmt = stmt.where(Service.verified_at.is_(None))
    elif verification == "stale":
        stmt = stmt.where(
            or_(Service.verified_at.is_(None), Service.verified_at < editor_.now - STALE_AFTER)
        )
    rows = []
    for service in session.scalars(stmt):
        areas = [(a.scope, a.code) for a in service.service_areas]
        allowed = may_edit(editor_.account, areas, editor_.tree)
        if editable and not allowed:
            continue
        rows.append(
            {
                "id": service.id,
                "name_fr": service.name_fr,
                "name_nl": service.name_nl,
                "kind": service.kind,
                "status": service.status,
                "revision": service.revision,
                "verification_status": service.verification_status,
                "verified_at": service.verified_at.isoformat() if service.verified_at else None,
                "editable": allowed,
            }
        )
    return responses.json({"total_items": len(rows), "contents": rows})


ServiceId = Annotated[StorableText, Path(max_length=100, examples=[EXAMPLE_SERVICE])]


@router.get(
    "/services/{service_id}",
    summary="One service's record and its ETag",
    response_model=schemas.RecordOut,
    responses={**schemas.problems(401, 422, notes={404: "No service with this id"}), 200: ETAG},
)
async def read_service(session: SessionDep, editor_: EditorDep, service_id: ServiceId) -> Response:
    record, revision = editing.read(session, editor_, service_id)
    return record_response(editing.shown(editor_, record), revision)


@router.post(
    "/services",
    status_code=201,
    summary="Create a service",
    response_model=schemas.RecordOut,
    responses={
        **schemas.problems(400, 401, 403, 413, 422, notes={409: "A service with this id exists"}),
        201: ETAG,
    },
)
async def create_service(
    session: SessionDep,
    editor_: EditorDep,
    record: Annotated[ServiceRecord, Body(examples=[NEW_RECORD])],
) -> Response:
    saved = editing.create(session, editor_, record)
    return record_response(saved.record, saved.revision, 201)


@router.put(
    "/services/{service_id}",
    summary="Replace a service's record (needs If-Match)",
    response_model=schemas.RecordOut,
    responses={**schemas.problems(*WRITE, 400, 413), 200: ETAG},
)
async def update_service(
    session: SessionDep,
    editor_: EditorDep,
    service_id: ServiceId,
    record: ExistingRecord,
    if_match: IfMatch = None,
) -> Response:
    if record.id != service_id:
        raise ParameterError(
            "id", f"the record's id {record.id!r} is not {service_id!r}", location="body"
        )
    saved = editing.save(session, editor_, record, revision_of(if_match))
    return record_response(saved.record, saved.revision)


@router.post(
    "/services/{service_id}/archive",
    summary="Archive (soft delete); needs If-Match",
    response_model=schemas.RecordOut,
    responses={**schemas.problems(*WRITE), 200: ETAG},
)
async def archive_service(
    session: SessionDep, editor_: EditorDep, service_id: ServiceId, if_match: IfMatch = None
) -> Response:
    saved = editing.archive(session, editor_, service_id, revision_of(if_match))
    return record_response(saved.record, saved.revision)


@router.post(
    "/services/{service_id}/restore",
    summary="Restore an archived service",
    response_model=schemas.RecordOut,
    responses={**schemas.problems(*WRITE), 200: ETAG},
)
async def restore_service(
    session: SessionDep, editor_: EditorDep, service_id: ServiceId, if_match: IfMatch = None
) -> Response:
    saved = editing.restore(session, editor_, service_id, revision_of(if_match))
    return record_response(saved.record, saved.revision)


@router.post(
    "/services/{service_id}/verify",
    summary="Mark verified: who, when, how",
    response_model=schemas.RecordOut,
    responses={**schemas.problems(*WRITE, 400, 413), 200: ETAG},
)
async def verify_service(
    session: SessionDep,
    editor_: EditorDep,
    service_id: ServiceId,
    body: Verification,
    if_match: IfMatch = None,
) -> Response:
    saved = editing.verify(
        session, editor_, service_id, revision_of(if_match), body.method, body.note
    )
    return record_response(saved.record, saved.revision)


@router.get(
    "/services/{service_id}/history",
    summary="Every change, newest first",
    response_model=schemas.HistoryOut,
    responses=schemas.problems(401, 422),
)
async def service_history(
    session: SessionDep, editor_: EditorDep, service_id: ServiceId
) -> Response:
    changes = changes_of(session, service_id)
    try:
        current, _ = editing.read(session, editor_, service_id)
    except errors.NotFound:
        current = None  # history outlives services; nothing to place it by
    versions = [v for c in changes for v in (c.before, c.after)]
    if current is not None:
        versions = editing.shown_versions(editor_, current, versions)
    else:
        versions = [document_without_confidential_address(v) for v in versions]
    return responses.json(
        {
            "service_id": service_id,
            "contents": [
                {
                    "id": c.id,
                    "action": c.action,
                    "actor": c.actor,
                    "at": c.at.isoformat(),
                    "revision": c.revision,
                    "batch_id": c.batch_id,
                    "note": c.note,
                    "changed_fields": changed_fields(c.before, c.after),
                    "before": versions[2 * i],
                    "after": versions[2 * i + 1],
                }
                for i, c in enumerate(changes)
            ],
        }
    )


@router.post(
    "/services/{service_id}/revert",
    summary="Bring back an earlier version",
    response_model=schemas.RecordOut,
    responses={
        **schemas.problems(
            *WRITE, 400, 413, notes={404: "No such service, or no such change of it"}
        ),
        200: ETAG,
    },
)
async def revert_service(
    session: SessionDep,
    editor_: EditorDep,
    service_id: ServiceId,
    body: Revert,
    if_match: IfMatch = None,
) -> Response:
    saved = editing.revert(session, editor_, service_id, body.change_id, revision_of(if_match))
    return record_response(saved.record, saved.revision)
