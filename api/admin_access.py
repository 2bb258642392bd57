"""Who may use the admin API: bearer tokens, logins slowed after failures, editors and their
areas, and the ETag/If-Match protocol of every write. Shared by the admin routes."""

from __future__ import annotations

import math
from typing import Annotated

import anyio
from fastapi import Body, Depends, Header, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api import responses
from api.deps import GeoDep, NowDep, SessionDep
from api.errors import AuthError, ParameterError
from api.limits import LoginGuard
from directory import editing
from directory.accounts import (
    account_for_token,
)
from directory.coverage import Gazetteer
from directory.models import Account
from directory.permissions import AreaTree
from directory.records import (
    ServiceRecord,
    as_document,
)

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
# Row ids are PostgreSQL `integer`s: a larger id names nothing, and the drivers refuse it.
MAX_ROW_ID = 2**31 - 1


def login_guard(request: Request) -> LoginGuard:
    found: LoginGuard = request.app.state.login_guard
    return found


# Password hashing is slow on purpose (argon2): it runs in worker threads, two at a time, so
# that a burst of logins never stalls the event loop the chat and the search share; past a
# short queue, a try is turned away at once rather than left waiting.
HASHING = anyio.CapacityLimiter(2)
MAX_WAITING_TO_HASH = 8


async def may_try(guard: LoginGuard, email: str, address: str) -> None:
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


def record_response(record: ServiceRecord, revision: int, status_code: int = 200) -> Response:
    response = responses.json({"revision": revision, "record": as_document(record)}, status_code)
    response.headers["ETag"] = f'"{revision}"'
    return response
