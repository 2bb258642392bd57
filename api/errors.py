"""Errors as clear 4xx answers that name the parameter; never a stack trace."""

from __future__ import annotations

import logging
import time
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from directory import errors
from directory.errors import NotFound as NotFound  # the API raises the domain's 404 too
from directory.records import ServiceRecord, as_document
from infra.db import Outage, outage

logger = logging.getLogger("passerelle.api")


class ParameterError(Exception):
    """A request parameter the domain could not use (unknown place, page out of range…)."""

    def __init__(
        self,
        parameter: str,
        message: str,
        *,
        status_code: int = 422,
        location: str = "query",
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.parameter, self.message, self.status_code = parameter, message, status_code
        self.location, self.extra = location, extra or {}


class AuthError(Exception):
    """401 (who are you?) or 429 (not so fast), with a message and optional headers. What a
    known caller may not do is the domain's `NotAllowed` (403)."""

    def __init__(
        self, status_code: int, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status_code, self.message, self.headers = status_code, message, headers or {}


# The domain's refusals (directory/errors.py) as HTTP statuses, most specific first.
STATUSES: tuple[tuple[type[errors.DirectoryError], int], ...] = (
    (errors.Stale, 412),
    (errors.NotFound, 404),
    (errors.NotAllowed, 403),
    (errors.Conflict, 409),
    (errors.PreconditionRequired, 428),
    (errors.Invalid, 422),
)


# What the client is told when the database refuses, and when to try again (seconds). A request
# runs in one transaction, rolled back on any error: a refused write leaves nothing behind.
# (A database that went away may have done so during a commit, so that case promises nothing.)
OUTAGE_ANSWERS: dict[Outage, tuple[str, int]] = {
    "full": (
        "The directory database is full (no disk space left): nothing was changed. "
        "The operator must free space; then send the same request again.",
        300,
    ),
    "read-only": (
        "The directory database is read-only for now (maintenance or a failover): nothing was "
        "changed. Searching still works; send the same request again later.",
        60,
    ),
    "unavailable": ("The directory database is unavailable; try again shortly.", 5),
}


class _OutageLog:
    """One log line per kind of outage every `every` seconds, with how many were not logged: a
    database restart under load must not write a line per request."""

    def __init__(self, every: float = 10.0) -> None:
        self.every = every
        self._last: dict[str, float] = {}
        self._quiet: dict[str, int] = {}

    def note(self, kind: Outage, error: SQLAlchemyError) -> None:
        orig = getattr(error, "orig", None)
        # The kind of error and its code only: the message could quote data or a host name.
        code = getattr(orig, "sqlstate", None) or getattr(orig, "sqlite_errorname", None)
        name = type(orig if orig is not None else error).__name__
        now = time.monotonic()
        if now - self._last.get(kind, -self.every) < self.every:
            self._quiet[kind] = self._quiet.get(kind, 0) + 1
            return
        quiet = self._quiet.pop(kind, 0)
        self._last[kind] = now
        more = f" (and {quiet} more since the last report)" if quiet else ""
        logger.error("database %s: %s%s%s", kind, name, f" {code}" if code else "", more)


# Accepted values for errors whose message does not list them itself.
_ACCEPTED = {"bool_parsing": "'true' or 'false'", "bool_type": "'true' or 'false'"}


def _where(loc: list[str | int]) -> str:
    """The parameter's name: ["query", "audience", 0] → "audience";
    ["body", "phones", 0, "number"] → "phones.0.number"."""
    keep_index = loc[0] == "body"
    names = [str(p) for p in loc[1:] if keep_index or not isinstance(p, int)]
    return ".".join(names) or str(loc[0])


def _body(loc: list[str | int], message: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {
        "message": f"{_where(loc)}: {message}",
        "detail": [{"loc": loc, "msg": message, "type": kind, **extra}],
    }


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
        details = []
        for item in error.errors():
            detail = {"loc": list(item["loc"]), "msg": item["msg"], "type": item["type"]}
            expected = (item.get("ctx") or {}).get("expected") or _ACCEPTED.get(item["type"])
            if expected:
                detail["accepted"] = expected
                if expected not in detail["msg"]:
                    detail["msg"] = f"{detail['msg']}; accepted values: {expected}"
            details.append(detail)
        summary = "; ".join(f"{_where(d['loc'])}: {d['msg']}" for d in details)
        return JSONResponse(status_code=422, content={"message": summary, "detail": details})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, error: StarletteHTTPException) -> JSONResponse:
        # Starlette's own refusals (no such path, wrong method, unreadable body) carry a
        # `message` like every other error here.
        return JSONResponse(
            status_code=error.status_code,
            content={"message": str(error.detail), "detail": error.detail},
            headers=error.headers,
        )

    @app.exception_handler(ParameterError)
    async def parameter_error(_: Request, error: ParameterError) -> JSONResponse:
        body = _body([error.location, error.parameter], error.message, "value_error", **error.extra)
        return JSONResponse(status_code=error.status_code, content=body)

    @app.exception_handler(AuthError)
    async def auth_error(_: Request, error: AuthError) -> JSONResponse:
        headers = dict(error.headers)
        if error.status_code == 401:
            headers.setdefault("WWW-Authenticate", "Bearer")
        return JSONResponse(
            status_code=error.status_code,
            content={"message": error.message, "detail": [{"msg": error.message, "type": "auth"}]},
            headers=headers,
        )

    @app.exception_handler(errors.DirectoryError)
    async def refused(_: Request, error: errors.DirectoryError) -> JSONResponse:
        status = next((code for kind, code in STATUSES if isinstance(error, kind)), 422)
        if isinstance(error, errors.Stale) and isinstance(error.current, ServiceRecord):
            return _stale(error.current, error.revision)
        if status == 404:
            return JSONResponse(
                status_code=404, content={"message": str(error), "detail": str(error)}
            )
        if status == 422 and error.field:
            body = _body(["body", error.field], error.message, "value_error")
            return JSONResponse(status_code=422, content=body)
        kind = {403: "forbidden", 409: "conflict", 428: "precondition"}.get(status, "refused")
        return JSONResponse(
            status_code=status,
            content={"message": str(error), "detail": [{"msg": str(error), "type": kind}]},
        )

    outages = _OutageLog()

    @app.exception_handler(SQLAlchemyError)
    async def database_refused(_: Request, error: SQLAlchemyError) -> JSONResponse:
        kind = outage(error)
        if kind is None:
            raise error  # a bug, not the database's state: a 500, with its trace in the log
        outages.note(kind, error)
        message, retry_after = OUTAGE_ANSWERS[kind]
        kind_code = "database_" + kind.replace("-", "_")
        return JSONResponse(
            status_code=503,
            content={"message": message, "detail": [{"msg": message, "type": kind_code}]},
            headers={"Retry-After": str(retry_after)},
        )


def _stale(current: ServiceRecord, revision: int) -> JSONResponse:
    message = (
        f"If-Match: the service changed since you read it; it is now at revision "
        f"{revision}. Merge your change into the current version and send it again."
    )
    return JSONResponse(
        status_code=412,
        content={"message": message, "revision": revision, "current": as_document(current)},
        headers={"ETag": f'"{revision}"'},
    )
