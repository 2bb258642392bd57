"""Where an editor's areas are thin (`directory.coverage_report`), as JSON or a spreadsheet."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api import responses, schemas
from api.admin_access import EditorDep
from api.deps import SessionDep
from directory import coverage_report
from directory.accounts import Role
from directory.permissions import account_areas

router = APIRouter(prefix="/v1/admin", tags=["admin"])


@router.get(
    "/coverage",
    summary="Per municipality of your areas: the contacts nearby and what to fill first",
    response_model=schemas.CoverageOut,
    responses={
        **schemas.problems(401, 422),
        200: {"content": {"application/json": {}, "text/csv": {}}},
    },
)
async def coverage(
    session: SessionDep,
    editor_: EditorDep,
    format: Annotated[
        Literal["json", "csv"], Query(description="json, or csv for a spreadsheet (`;`, BOM)")
    ] = "json",
) -> Response:
    account = editor_.account
    within = [] if account.role == Role.ADMIN.value else account_areas(account)
    found = coverage_report.report(session, editor_.now.date(), within, editor_.tree)
    if format == "csv":
        return Response(
            coverage_report.to_csv(found),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="passerelle-coverage.csv"'},
        )
    return responses.json(
        {
            "total_items": len(found),
            "contents": [
                {
                    **row,
                    "missing_kinds": list(m.missing),
                    "to_fill": list(m.to_fill),
                    "contact_list": [
                        {
                            "service_id": c.service_id,
                            "name": c.name,
                            "kind": c.kind,
                            "scope": c.scope,
                            "phone": c.phone,
                            "assurance": c.assurance.value,
                            "last_checked": c.last_checked.isoformat() if c.last_checked else None,
                            "stale": c.stale,
                        }
                        for c in m.contacts
                    ],
                }
                for m, row in zip(found, coverage_report.rows(found), strict=True)
            ],
        }
    )
