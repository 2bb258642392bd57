"""Request ids and one log line per request, with nothing personal in it.

What a line may hold: the route's template ("/v1/services/{service_id}"), never the path as
typed or its query string (search terms); the status and the time taken; the request id; the
client's address only when an operator turns `PASSERELLE_LOG_CLIENT_ADDRESSES` on. The line
format itself (JSON, no exception messages) is `infra/logs.py`.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.asgi import send_json
from infra.logs import request_id

access = logging.getLogger("passerelle.access")
logger = logging.getLogger("passerelle.api")
# An id a load balancer already gave the request is kept, if it looks like an id.
INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestContext:
    """Gives every request an id (X-Request-ID) and logs one line when it is answered."""

    def __init__(self, app: ASGIApp, *, client_addresses: bool = False) -> None:
        self.app, self.client_addresses = app, client_addresses

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = ""
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                incoming = value.decode("latin-1")
                break
        rid = incoming if INCOMING_ID.match(incoming) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500
        responded = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, responded
            if message["type"] == "http.response.start":
                status, responded = message["status"], True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # Logged once, here, as its type and stack; the client gets the request id to quote
            # and never a trace. (Starlette would log it again with its message, so no re-raise.)
            logger.error("unhandled error", exc_info=True)
            if not responded:
                await _internal_error(send, rid)
        finally:
            route = scope.get("route")
            extra: dict[str, Any] = {
                "method": scope["method"],
                "route": getattr(route, "path_format", None) or "unmatched",
                "status": status,
                "ms": round((time.perf_counter() - started) * 1000, 1),
            }
            if self.client_addresses and scope.get("client"):
                extra["client"] = scope["client"][0]
            access.info("request", extra=extra)
            request_id.reset(token)


async def _internal_error(send: Send, rid: str) -> None:
    body = orjson.dumps(
        {
            "message": "Something went wrong on our side; it has been logged as "
            f"{rid}. In danger now: call 112 or 101.",
            "request_id": rid,
        }
    )
    await send_json(send, 500, body, [(b"x-request-id", rid.encode())])
