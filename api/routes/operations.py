"""Operations: liveness (/health), readiness (/ready) and the usage counts admins may read."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Annotated, Literal

import httpx
from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from api import responses, schemas
from api.admin_access import AccountDep
from api.deps import NowDep, SessionDep
from api.errors import ParameterError
from directory.records import Date
from infra import usage

router = APIRouter()
CHECK_TIMEOUT = 2.0


class Check(BaseModel):
    ok: bool
    detail: str = Field(description="'up', or what failed (never more than the error's kind)")


class Readiness(BaseModel):
    status: Literal["ready", "degraded", "unavailable"] = Field(
        description="ready: everything answers; degraded: the assistant does not (the chat "
        "answers with its fallback), or the database does not but the search goes on from "
        "memory; unavailable: the database does not and nothing is in memory yet (HTTP 503)"
    )
    checks: dict[str, Check]


@router.get("/health", tags=["meta"], summary="Liveness", response_model=dict[str, str])
async def health() -> dict[str, str]:
    """The process answers. Nothing else is checked: restarting it would not fix a database."""
    return {"status": "ok"}


def _ping_database(request: Request) -> None:
    with request.app.state.engine.connect() as connection:
        connection.execute(text("SELECT 1"))


async def _database(request: Request) -> Check:
    try:
        await asyncio.wait_for(run_in_threadpool(_ping_database, request), CHECK_TIMEOUT)
    except TimeoutError:
        return Check(ok=False, detail="timeout")
    except Exception as error:  # any failure is "not ready"; its message may quote data
        return Check(ok=False, detail=type(error).__name__)
    return Check(ok=True, detail="up")


async def _http(request: Request, url: str) -> Check:
    client: httpx.AsyncClient | None = request.app.state.http
    try:
        if client is None:
            async with httpx.AsyncClient() as own:
                response = await own.get(url, timeout=CHECK_TIMEOUT)
        else:
            response = await client.get(url, timeout=CHECK_TIMEOUT)
    except httpx.HTTPError as error:
        return Check(ok=False, detail=type(error).__name__)
    if response.status_code >= 400:
        return Check(ok=False, detail=f"HTTP {response.status_code}")
    return Check(ok=True, detail="up")


@router.get(
    "/ready",
    tags=["meta"],
    summary="Readiness: the database, Rasa and the action server",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "The database does not answer"}},
)
async def ready(request: Request) -> Response:
    """200 while the database answers or the search can go on without it, else 503.

    The assistant being down is reported ("degraded") but does not make the API unready: a load
    balancer would otherwise take every API process out together, and with them the fallback
    that gives people the emergency numbers and their regional helpline. The same holds for the
    database once the process has its snapshot of the directory: the search goes on from it.
    """
    settings = request.app.state.settings
    database, actions, *servers = await asyncio.gather(
        _database(request),
        _http(request, f"{settings.actions_url}/health"),
        *(_http(request, f"{url}/") for url in settings.rasa_urls),
    )
    # Every Rasa server must answer: each holds its share of the conversations.
    down = [check.detail for check in servers if not check.ok]
    rasa = Check(ok=not down, detail=down[0] if down else "up")
    if down and len(servers) > 1:
        rasa = Check(ok=False, detail=f"{len(down)} of {len(servers)} servers: {down[0]}")
    checks = {"database": database, "rasa": rasa, "actions": actions}
    status = "ready" if rasa.ok and actions.ok else "degraded"
    if not database.ok:
        status = "unavailable"
        last = request.app.state.snapshots.last
        if last is not None:
            status = "degraded"
            checks["search"] = Check(ok=True, detail=f"from memory (version {last.version})")
    body = Readiness(status=status, checks=checks).model_dump()
    response = responses.json(body, status_code=503 if status == "unavailable" else 200)
    response.headers["Cache-Control"] = "no-store"
    return response


class UsageRow(BaseModel):
    day: dt.date
    event: usage.Event
    lang: str
    kind: str = Field(description="The kind of service, for referrals; empty otherwise")
    count: int


class UsageOut(BaseModel):
    first: dt.date
    last: dt.date
    rows: list[UsageRow]
    totals: dict[str, int] = Field(description="Each event's total over the days")


@router.get(
    "/v1/admin/usage",
    tags=["admin"],
    summary="Usage counts per day (no personal data)",
    response_model=UsageOut,
    responses=schemas.problems(401, 422),
)
async def usage_counts(
    request: Request,
    session: SessionDep,
    now: NowDep,
    _: AccountDep,
    first: Annotated[Date | None, Query(description="First day; default 30 days ago")] = None,
    last: Annotated[Date | None, Query(description="Last day; default today")] = None,
) -> UsageOut:
    """Per day (Europe/Brussels): conversations started, the emergency card shown, referrals by
    kind of service, the fallback answering for the assistant; by language. Nothing per person,
    per place or per hour, so that no count can point at someone."""
    last = last or now.astimezone(usage.BRUSSELS).date()
    first = first or last - dt.timedelta(days=30)
    if first > last:
        raise ParameterError("first", "first: must be on or before `last`")
    if (last - first).days > 366:
        raise ParameterError("first", "first: at most 366 days between `first` and `last`")
    request.app.state.usage.flush(session)  # this process's latest counts, too
    rows = [UsageRow(**vars(c)) for c in usage.counts_between(session, first, last)]
    totals: dict[str, int] = {}
    for row in rows:
        totals[row.event.value] = totals.get(row.event.value, 0) + row.count
    return UsageOut(first=first, last=last, rows=rows, totals=totals)
