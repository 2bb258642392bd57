"""Security headers on every response, the CSP of the pages we serve, and the widget's CORS.

Nothing the project serves loads anything from another origin: no fonts, no scripts, no
trackers. `no-store` keeps chat and search answers out of shared caches and browser history.

The chat widget runs on municipalities' own sites and talks to this origin only. Its two
endpoints may be called from the sites listed in `PASSERELLE_WIDGET_ORIGINS` (any site in
development), without credentials: no cookies exist. A browser on another site is refused
with a 403 rather than left to CORS, so that its request does not even reach the assistant.
"""

from __future__ import annotations

from collections.abc import Iterable

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.asgi import send_json

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
# The OpenAPI page needs its own bundle from FastAPI's defaults; it is for developers only.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: "
    "https://fastapi.tiangolo.com; connect-src 'self'; frame-ancestors 'none'"
)
HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"no-referrer",
    b"x-frame-options": b"DENY",
    b"permissions-policy": b"camera=(), microphone=(), geolocation=(), interest-cohort=()",
    b"cross-origin-opener-policy": b"same-origin",
}
WIDGET_ENDPOINTS = ("/v1/chat", "/v1/chat/fallback")
PREFLIGHT = [
    (b"access-control-allow-methods", b"GET, POST"),
    (b"access-control-allow-headers", b"Content-Type"),
    (b"access-control-max-age", b"600"),
]


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


# Served over HTTPS only, for a year, once production says so (the reverse proxy ends TLS).
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
# A request's headers together, at most: enough for any browser, far from the 1 MB a probe sent.
MAX_HEADER_BYTES = 16 * 1024


class SecurityHeaders:
    def __init__(
        self, app: ASGIApp, *, widget_origins: Iterable[str], production: bool = False
    ) -> None:
        self.app = app
        self.origins = frozenset(widget_origins)
        self.any_origin = "*" in self.origins
        self.production = production

    def _allowed(self, scope: Scope, origin: str) -> bool:
        if self.any_origin or origin in self.origins:
            return True
        host = _header(scope, b"host")  # the page on this very server (the demo, the search)
        return host is not None and origin.split("://", 1)[-1] == host

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if sum(len(name) + len(value) for name, value in scope["headers"]) > MAX_HEADER_BYTES:
            body = orjson.dumps({"message": "Request headers too large"})
            await self._send(send, 431, body, [], path)
            return
        cors: list[tuple[bytes, bytes]] = [HSTS] if self.production else []
        if path in WIDGET_ENDPOINTS:
            origin = _header(scope, b"origin")
            if origin is not None and not self._allowed(scope, origin):
                await self._refuse(send, origin)
                return
            if self.any_origin:
                cors.append((b"access-control-allow-origin", b"*"))
            elif origin is not None:
                cors += [(b"access-control-allow-origin", origin.encode()), (b"vary", b"Origin")]
            if scope["method"] == "OPTIONS":  # the preflight before the widget's JSON POST
                await self._send(send, 204, b"", [*cors, *PREFLIGHT], path)
                return
        elif path == "/static/widget.css":
            cors.append((b"cross-origin-resource-policy", b"cross-origin"))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self._headers(list(message.get("headers", [])), cors, path)
            await send(message)

        await self.app(scope, receive, with_headers)

    @staticmethod
    def _headers(
        headers: list[tuple[bytes, bytes]], extra: list[tuple[bytes, bytes]], path: str
    ) -> list[tuple[bytes, bytes]]:
        present = {name.lower() for name, _ in headers}
        headers.extend(extra)
        for name, value in HEADERS.items():
            if name not in present:
                headers.append((name, value))
        if path.startswith("/v1/") and b"cache-control" not in present:
            # What people search for, where they live, admin records and exports: never kept
            # by a shared cache nor in the browser's history.
            headers.append((b"cache-control", b"no-store"))
        if b"content-security-policy" not in present:
            docs = path in ("/docs", "/docs/oauth2-redirect")
            headers.append((b"content-security-policy", (DOCS_CSP if docs else CSP).encode()))
        return headers

    async def _send(
        self, send: Send, status: int, body: bytes, extra: list[tuple[bytes, bytes]], path: str
    ) -> None:
        await send_json(send, status, body, self._headers([], extra, path))

    async def _refuse(self, send: Send, origin: str) -> None:
        message = (
            f"Origin: {origin} is not one of the sites allowed to embed the chat widget "
            "(PASSERELLE_WIDGET_ORIGINS)"
        )
        await self._send(send, 403, orjson.dumps({"message": message}), [], "")
