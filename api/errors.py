"""Errors as clear 4xx answers that name the parameter; never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

from directory.editing import Stale
from directory.records import as_document

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
    """401, 403, 428 or 429, with a message and optional headers."""

    def __init__(
        self, status_code: int, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status_code, self.message, self.headers = status_code, message, headers or {}


class NotFound(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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

    @app.exception_handler(ParameterError)
    async def parameter_error(_: Request, error: ParameterError) -> JSONResponse:
        body = _body([error.location, error.parameter], error.message, "value_error", **error.extra)
        return JSONResponse(status_code=error.status_code, content=body)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, error: NotFound) -> JSONResponse:
        return JSONResponse(
            status_code=404, content={"message": error.message, "detail": error.message}
        )

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

    @app.exception_handler(Stale)
    async def stale(_: Request, error: Stale) -> JSONResponse:
        message = (
            f"If-Match: the service changed since you read it; it is now at revision "
            f"{error.revision}. Merge your change into the current version and send it again."
        )
        return JSONResponse(
            status_code=412,
            content={
                "message": message,
                "revision": error.revision,
                "current": as_document(error.current),
            },
            headers={"ETag": f'"{error.revision}"'},
        )

    @app.exception_handler(OperationalError)
    async def database_unavailable(_: Request, error: OperationalError) -> JSONResponse:
        logger.error("database unavailable: %s", type(error.orig).__name__)
        return JSONResponse(
            status_code=503,
            content={"message": "The directory database is unavailable; try again shortly."},
            headers={"Retry-After": "5"},
        )
