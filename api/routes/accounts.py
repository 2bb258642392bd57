"""Admin accounts: log in and out, change a password, (de)activate or sign out an account, and
who am I. Coordinators manage accounts; everyone manages their own password."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api import responses, schemas
from api.admin_access import HASHING, AccountDep, bearer, login_guard, may_try
from api.deps import NowDep, SessionDep
from api.errors import AuthError, NotFound, ParameterError
from api.limits import LoginGuard
from directory import errors
from directory.accounts import (
    AccountError,
    authenticate,
    end_sessions,
    issue_token,
    revoke_token,
    set_active,
    set_password,
)
from directory.models import Account
from directory.permissions import account_areas
from directory.records import (
    StorableText,
)

router = APIRouter(prefix="/v1/admin", tags=["admin"])


class Login(BaseModel):
    email: StorableText = Field(max_length=254)
    password: str = Field(max_length=1024)


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
    await may_try(guard, email, address)
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
    await may_try(guard, account.email, address)
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
        raise errors.NotAllowed("only an admin may manage accounts")


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
        raise errors.Conflict("you cannot deactivate your own account; ask another admin")
    others = session.scalar(
        select(func.count())
        .select_from(Account)
        .where(Account.role == "admin", Account.active.is_(True), Account.email != target)
    )
    if not others:
        raise errors.Conflict("this is the last active admin; activate another one first")
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
