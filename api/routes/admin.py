"""Admin API: log in, read and edit services with If-Match, archive, verify, history, revert.

Every write needs a bearer token and the ETag of the version it edits. Editors may only touch
services inside their areas (see `directory.permissions`).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from api import responses, schemas
from api.deps import GeoDep, NowDep, SessionDep
from api.errors import AuthError, NotFound, ParameterError
from api.limits import LoginGuard
from directory import editing
from directory.accounts import (
    AccountError,
    account_for_token,
    authenticate,
    end_sessions,
    issue_token,
    revoke_token,
    set_active,
    set_password,
)
from directory.coverage import Gazetteer
from directory.history import changed_fields, changes_of
from directory.models import Account, Service
from directory.permissions import AreaTree, account_areas, may_edit
from directory.records import (
    ServiceRecord,
    StorableText,
    as_document,
    document_without_confidential_address,
)
from directory.vocab import VerificationMethod

router = APIRouter(prefix="/v1/admin", tags=["admin"])
# What a write may answer besides its 2xx: If-Match missing (428) or stale (412), and so on.
WRITE = (401, 403, 404, 412, 422, 428)
ETAG = {
    "headers": {
        "ETag": {
            "description": "The revision: send it as If-Match to edit",
            "schema": {"type": "string"},
        }
    }
}
bearer = HTTPBearer(auto_error=False, description="Token from POST /v1/admin/login")
STALE_AFTER = dt.timedelta(days=365)


class Login(BaseModel):
    email: StorableText = Field(max_length=254)
    password: str = Field(max_length=1024)


class Verification(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"method": "phone", "note": "Called the reception"}]}
    )

    method: VerificationMethod
    note: StorableText | None = Field(default=None, max_length=2000)


# Row ids are PostgreSQL `integer`s: a larger id names nothing, and the drivers refuse it.
MAX_ROW_ID = 2**31 - 1


class Revert(BaseModel):
    change_id: int = Field(ge=1, le=MAX_ROW_ID)


def login_guard(request: Request) -> LoginGuard:
    found: LoginGuard = request.app.state.login_guard
    return found


# Password hashing is slow on purpose (argon2): it runs in worker threads, two at a time, so
# that a burst of logins never stalls the event loop the chat and the search share; past a
# short queue, a try is turned away at once rather than left waiting.
HASHING = anyio.CapacityLimiter(2)
MAX_WAITING_TO_HASH = 8


async def _may_try(guard: LoginGuard, email: str, address: str) -> None:
    wait = await guard.wait(email, address)
    if wait is not None:
        raise AuthError(
            429,
            "too many failed logins; try again in a moment",
            {"Retry-After": f"{max(1, math.ceil(wait))}"},
        )
    if HASHING.statistics().tasks_waiting >= MAX_WAITING_TO_HASH:
        raise AuthError(429, "too many logins at once; try again in a moment", {"Retry-After": "2"})


async def current_account(
    session: SessionDep,
    now: NowDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Account:
    if credentials is None:
        raise AuthError(401, "authorization: log in and send 'Authorization: Bearer <token>'")
    account = account_for_token(session, credentials.credentials, now)
    if account is None:
        raise AuthError(401, "authorization: the token is unknown or has expired; log in again")
    return account


AccountDep = Annotated[Account, Depends(current_account)]


def _tree(request: Request, session: SessionDep) -> AreaTree:
    tree: AreaTree | None = request.app.state.area_tree
    if tree is None:
        tree = request.app.state.area_tree = AreaTree.from_session(session)
    return tree


async def editor(
    request: Request, session: SessionDep, geo: GeoDep, now: NowDep, account: AccountDep
) -> editing.Editor:
    return editing.Editor(account, Gazetteer(session, geo.resolver), _tree(request, session), now)


EditorDep = Annotated[editing.Editor, Depends(editor)]


def revision_of(if_match: str | None) -> int | None:
    """The revision an ETag names: '"3"' or 'W/"3"' → 3."""
    if if_match is None:
        return None
    value = if_match.strip().removeprefix("W/").strip('"')
    if not (value.isascii() and value.isdigit()):  # "²".isdigit(), but int("²") fails
        raise ParameterError(
            "If-Match", 'send the ETag of the version you edited, e.g. "3"', location="header"
        )
    return int(value)


IfMatch = Annotated[
    str | None,
    Header(alias="If-Match", description="ETag of the edited version", examples=['"1"']),
]
# An existing service (in the seed data) and a new one, for the examples of the documentation.
EXAMPLE_SERVICE = "cvfe-liege"
EXAMPLE_RECORD = {
    "id": EXAMPLE_SERVICE,
    "name_fr": "CVFE – Collectif contre les violences familiales et l'exclusion (Liège)",
    "kind": "shelter",
    "phones": [{"number": "+3242234567", "label": "Ligne d'écoute et d'urgence (24h/24)"}],
    "channels": ["phone"],
    "schedules": [{"channel": "phone", "days": ["MO", "TU"], "opens": "09:00", "closes": "17:00"}],
    "audiences": ["victim", "child"],
    "coverage": ["Liège"],
    "source_urls": ["https://www.cvfe.be/"],
}
NEW_RECORD = {**EXAMPLE_RECORD, "id": "new-service", "name_fr": "Nouveau service"}
ExistingRecord = Annotated[ServiceRecord, Body(examples=[EXAMPLE_RECORD])]


def _record_response(record: ServiceRecord, revision: int, status_code: int = 200) -> Response:
    response = responses.json({"revision": revision, "record": as_document(record)}, status_code)
    response.headers["ETag"] = f'"{revision}"'
    return response


def _run(operation: Any, *args: Any, **kwargs: Any) -> editing.Saved:
    try:
        saved: editing.Saved = operation(*args, **kwargs)
    except editing.NotFound as error:
        raise NotFound(f"service_id: no service {error}") from error
    except editing.NotAllowed as error:
        raise AuthError(403, str(error)) from error
    except editing.InvalidRecord as error:
        raise ParameterError(error.field, error.message, location="body") from error
    except editing.AlreadyExists as error:
        raise AuthError(409, str(error)) from error
    except editing.PreconditionRequired as error:
        raise AuthError(428, f"If-Match: {error}") from error
    return saved


@router.post(
    "/login",
    summary="Log in; returns a bearer token",
    response_model=schemas.TokenOut,
    responses=schemas.problems(
        400,
        413,
        422,
        notes={
            401: "The email or password is wrong",
            429: "Too many failed logins for this email; Retry-After says when to try again",
        },
    ),
)
async def login(
    request: Request,
    body: Login,
    session: SessionDep,
    now: NowDep,
    guard: Annotated[LoginGuard, Depends(login_guard)],
) -> Response:
    email = body.email.strip().lower()
    address = request.client.host if request.client else ""
    await _may_try(guard, email, address)
    await guard.attempt(email, address)
    account = await anyio.to_thread.run_sync(
        authenticate, session, email, body.password, limiter=HASHING
    )
    if account is None:
        await guard.failed(address)
        raise AuthError(401, "email or password is wrong")
    await guard.succeeded(email, address)
    issued = issue_token(session, account, now)
    return responses.json(
        {"token": issued.token, "token_type": "bearer", "expires_at": issued.expires_at.isoformat()}
    )


@router.post("/logout", status_code=204, summary="End this token", responses=schemas.problems(401))
async def logout(
    session: SessionDep,
    _: AccountDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Response:
    if credentials:
        revoke_token(session, credentials.credentials)
    return Response(status_code=204)


class PasswordChange(BaseModel):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


@router.post(
    "/me/password",
    status_code=204,
    summary="Change your own password; every one of your sessions ends",
    responses=schemas.problems(400, 401, 413, 422, 429),
)
async def change_password(
    request: Request,
    session: SessionDep,
    account: AccountDep,
    body: PasswordChange,
    guard: Annotated[LoginGuard, Depends(login_guard)],
) -> Response:
    # Guessing the current password through a stolen session is slowed like a login.
    address = request.client.host if request.client else ""
    await _may_try(guard, account.email, address)
    await guard.attempt(account.email, address)
    known = await anyio.to_thread.run_sync(
        authenticate, session, account.email, body.current_password, limiter=HASHING
    )
    if known is None:
        await guard.failed(address)
        raise ParameterError("current_password", "is not your password", location="body")
    await guard.succeeded(account.email, address)
    try:
        await anyio.to_thread.run_sync(
            set_password, session, account.email, body.new_password, limiter=HASHING
        )
    except AccountError as error:
        message = str(error).removeprefix("password: ")
        raise ParameterError("new_password", message, location="body") from error
    return Response(status_code=204)


AccountEmail = Annotated[StorableText, Path(max_length=254, examples=["liege@example.org"])]


def _admin_only(account: Account) -> None:
    if account.role != "admin":
        raise AuthError(403, "only an admin may manage accounts")


@router.post(
    "/accounts/{email}/deactivate",
    status_code=204,
    summary="Stop an account at once (admins): its sessions end, it can no longer log in",
    responses=schemas.problems(
        401,
        403,
        422,
        notes={
            404: "No account with this e-mail",
            409: "Your own account, or the last active admin",
        },
    ),
)
async def deactivate_account(
    session: SessionDep, account: AccountDep, email: AccountEmail
) -> Response:
    _admin_only(account)
    target = email.strip().lower()
    if target == account.email:
        raise AuthError(409, "you cannot deactivate your own account; ask another admin")
    others = session.scalar(
        select(func.count())
        .select_from(Account)
        .where(Account.role == "admin", Account.active.is_(True), Account.email != target)
    )
    if not others:
        raise AuthError(409, "this is the last active admin; activate another one first")
    return _account_change(session, account, email, lambda: set_active(session, email, False))


@router.post(
    "/accounts/{email}/activate",
    status_code=204,
    summary="Let a deactivated account log in again (admins)",
    responses=schemas.problems(401, 403, 422, notes={404: "No account with this e-mail"}),
)
async def activate_account(
    session: SessionDep, account: AccountDep, email: AccountEmail
) -> Response:
    return _account_change(session, account, email, lambda: set_active(session, email, True))


@router.post(
    "/accounts/{email}/sign-out",
    status_code=204,
    summary="End every session of an account (admins)",
    responses=schemas.problems(401, 403, 422, notes={404: "No account with this e-mail"}),
)
async def sign_out_account(
    session: SessionDep, account: AccountDep, email: AccountEmail
) -> Response:
    return _account_change(session, account, email, lambda: end_sessions(session, email))


def _account_change(session: Session, account: Account, email: str, change: Any) -> Response:
    _admin_only(account)
    try:
        change()
    except AccountError as error:
        raise NotFound(f"email: no account {email.strip().lower()!r}") from error
    return Response(status_code=204)


@router.get(
    "/me",
    summary="The logged-in account",
    response_model=schemas.AccountOut,
    responses=schemas.problems(401),
)
async def me(account: AccountDep) -> Response:
    return responses.json(
        {
            "email": account.email,
            "display_name": account.display_name,
            "role": account.role,
            "areas": [{"scope": s, "code": c} for s, c in account_areas(account)],
        }
    )


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
    try:
        record, revision = editing.read(session, editor_, service_id)
    except editing.NotFound as error:
        raise NotFound(f"service_id: no service {service_id!r}") from error
    return _record_response(editing.shown(editor_, record), revision)


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
    saved = _run(editing.create, session, editor_, record)
    return _record_response(saved.record, saved.revision, 201)


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
    saved = _run(editing.save, session, editor_, record, revision_of(if_match))
    return _record_response(saved.record, saved.revision)


@router.post(
    "/services/{service_id}/archive",
    summary="Archive (soft delete); needs If-Match",
    response_model=schemas.RecordOut,
    responses={**schemas.problems(*WRITE), 200: ETAG},
)
async def archive_service(
    session: SessionDep, editor_: EditorDep, service_id: ServiceId, if_match: IfMatch = None
) -> Response:
    saved = _run(editing.archive, session, editor_, service_id, revision_of(if_match))
    return _record_response(saved.record, saved.revision)


@router.post(
    "/services/{service_id}/restore",
    summary="Restore an archived service",
    response_model=schemas.RecordOut,
    responses={**schemas.problems(*WRITE), 200: ETAG},
)
async def restore_service(
    session: SessionDep, editor_: EditorDep, service_id: ServiceId, if_match: IfMatch = None
) -> Response:
    saved = _run(editing.restore, session, editor_, service_id, revision_of(if_match))
    return _record_response(saved.record, saved.revision)


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
    saved = _run(
        editing.verify, session, editor_, service_id, revision_of(if_match), body.method, body.note
    )
    return _record_response(saved.record, saved.revision)


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
    except editing.NotFound:
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
    saved = _run(
        editing.revert, session, editor_, service_id, body.change_id, revision_of(if_match)
    )
    return _record_response(saved.record, saved.revision)
