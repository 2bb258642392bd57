"""Suggest a correction (public) and the editors' review queue (admin). See issue 4.

The public endpoint asks for nothing personal: a message and, only if the sender wants an
answer, an e-mail address. The client's address is a rate-limit key (api/limits.py, in memory
or hashed in Redis) and nothing else: it is neither stored nor logged.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from api import responses, schemas
from api.admin_access import (
    ETAG,
    MAX_ROW_ID,
    EditorDep,
    ExistingRecord,
    IfMatch,
    record_response,
    revision_of,
)
from api.deps import NowDep, SessionDep
from api.errors import AuthError
from api.limits import Limits
from directory import suggestions
from directory.models import Suggestion
from directory.records import StorableText

router = APIRouter()
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class NewSuggestion(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [{"service_id": "cvfe-liege", "message": "The phone number changed."}]
        },
    )

    service_id: StorableText = Field(max_length=100)
    message: StorableText = Field(
        min_length=1, max_length=2000, description="What should be corrected"
    )
    contact_email: StorableText | None = Field(
        default=None, max_length=254, pattern=EMAIL, description="Only if you want an answer"
    )


class Rejection(BaseModel):
    note: StorableText | None = Field(default=None, max_length=2000)


@router.post(
    "/v1/suggestions",
    status_code=201,
    tags=["suggestions"],
    summary="Suggest a fix",
    response_model=schemas.SuggestionCreated,
    responses=schemas.problems(
        400,
        413,
        notes={
            422: "A field the API cannot use, or no active service with this id",
            429: "Too many suggestions from this connection; Retry-After says when to go on",
        },
    ),
)
async def suggest(
    request: Request, session: SessionDep, now: NowDep, body: NewSuggestion
) -> Response:
    limits: Limits = request.app.state.limits
    wait = await limits.wait(limits.suggestions, request.client.host if request.client else "")
    if wait is not None:
        raise AuthError(
            429, "too many suggestions; try again later", {"Retry-After": f"{wait:.0f}"}
        )
    suggestion = suggestions.submit(session, body.service_id, body.message, body.contact_email, now)
    return responses.json({"id": suggestion.id}, 201)


def _body(s: Suggestion) -> dict[str, Any]:
    return {
        "id": s.id,
        "service_id": s.service_id,
        "message": s.message,
        "contact_email": s.contact_email,
        "status": s.status,
        "created_at": s.created_at.isoformat(),
        "decided_by": s.decided_by,
        "decided_at": s.decided_at.isoformat() if s.decided_at else None,
        "decision_note": s.decision_note,
    }


@router.get(
    "/v1/admin/suggestions",
    tags=["admin"],
    summary="Suggestions this account may decide",
    response_model=schemas.SuggestionList,
    responses=schemas.problems(401, 422),
)
async def list_suggestions(
    session: SessionDep,
    editor_: EditorDep,
    status: Annotated[str | None, Query(pattern="^(open|accepted|rejected)$")] = None,
) -> Response:
    found = suggestions.queue(session, editor_.account, editor_.tree, status)
    return responses.json({"total_items": len(found), "contents": [_body(s) for s in found]})


SuggestionId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, examples=[1])]


@router.post(
    "/v1/admin/suggestions/{suggestion_id}/accept",
    tags=["admin"],
    summary="Apply the corrected record (needs the service's If-Match) and close the suggestion",
    response_model=schemas.RecordOut,
    responses={
        **schemas.problems(
            400,
            401,
            403,
            412,
            413,
            422,
            428,
            notes={
                404: "No such suggestion, or no such service",
                409: "The suggestion was already decided",
            },
        ),
        200: ETAG,
    },
)
async def accept_suggestion(
    session: SessionDep,
    editor_: EditorDep,
    suggestion_id: SuggestionId,
    record: ExistingRecord,
    if_match: IfMatch = None,
) -> Response:
    saved = suggestions.accept(session, editor_, suggestion_id, record, revision_of(if_match))
    return record_response(saved.record, saved.revision)


@router.post(
    "/v1/admin/suggestions/{suggestion_id}/reject",
    tags=["admin"],
    summary="Close the suggestion without a change",
    response_model=schemas.SuggestionOut,
    responses=schemas.problems(
        400,
        401,
        403,
        413,
        422,
        notes={404: "No such suggestion", 409: "The suggestion was already decided"},
    ),
)
async def reject_suggestion(
    session: SessionDep, editor_: EditorDep, suggestion_id: SuggestionId, body: Rejection
) -> Response:
    suggestion = suggestions.reject(session, editor_, suggestion_id, body.note)
    return responses.json(_body(suggestion))
