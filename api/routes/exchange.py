"""Import and export of the directory (CSV, HSDS 3.0 JSON, NDJSON). See `directory.exchange`.

An import is a dry run unless `apply=true`; applying is all or nothing and is recorded in the
history as one batch, which `POST /v1/admin/import/{batch_id}/revert` undoes as a new batch.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from api import responses, schemas
from api.admin_access import EditorDep
from api.deps import SessionDep
from directory import exchange
from directory.exchange import Format
from directory.records import StorableText

router = APIRouter(prefix="/v1/admin", tags=["admin: import and export"])

FormatQuery = Annotated[
    Format, Query(description="csv (spreadsheets, `;`), hsds (HSDS 3.0 service list), ndjson")
]


@router.get(
    "/export",
    summary="Export every service (confidential addresses withheld)",
    response_class=Response,
    responses={
        **schemas.problems(401, 422),
        200: {
            "description": "The file, as an attachment",
            "content": {
                "text/csv": {},
                "application/json": {},
                "application/x-ndjson": {},
            },
        },
    },
)
async def export(session: SessionDep, _: EditorDep, format: FormatQuery = "csv") -> Response:
    data = exchange.export(session, format)
    filename = f"passerelle-services.{exchange.EXTENSIONS[format]}"
    return Response(
        data,
        media_type=exchange.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post(
    "/import",
    summary="Import services from a file sent as the request body (dry run by default)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "The file, as is (CSV, HSDS JSON list or NDJSON); at most 10 MB",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        }
    },
    response_model=schemas.ImportReportOut,
    responses={
        **schemas.problems(401, notes={413: "The file is too large"}),
        200: {"description": "The report (dry run, or applied)"},
        422: {
            "model": schemas.ImportReportOut | schemas.Problem,
            "description": "apply=true and the file has problems: nothing was imported (the "
            "report); or a query parameter the API cannot use (a problem)",
        },
    },
)
async def import_services(
    request: Request,
    session: SessionDep,
    editor_: EditorDep,
    format: FormatQuery = "csv",
    apply: Annotated[bool, Query(description="Apply (all or nothing); else a dry run")] = False,
) -> Response:
    # The size limit is the middleware's (PASSERELLE_MAX_IMPORT_BODY, api/limits.py).
    report = exchange.parse(await request.body(), format)
    if apply and report.ok:
        exchange.apply_import(session, editor_, report, str(uuid.uuid4()))
    else:
        exchange.plan(session, editor_, report)
    return responses.json(report.as_dict(), 422 if apply and not report.ok else 200)


@router.post(
    "/import/{batch_id}/revert",
    summary="Undo an import batch, as one new batch",
    response_model=schemas.RevertedImportOut,
    responses=schemas.problems(401, 403, 422, notes={404: "No import batch with this id"}),
)
async def revert_import(
    session: SessionDep, editor_: EditorDep, batch_id: Annotated[StorableText, Path(max_length=100)]
) -> Response:
    new_batch = str(uuid.uuid4())
    with session.begin_nested():  # undone as a whole if any of it is refused
        reverted = exchange.revert_batch(session, editor_, batch_id, new_batch)
    return responses.json({"batch_id": new_batch, "reverted": reverted})
