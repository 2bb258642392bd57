"""Security headers on every response, and the Content-Security-Policy of the pages we serve.

Nothing the project serves loads anything from another origin: no fonts, no scripts, no
trackers. `no-store` keeps chat and search answers out of shared caches and browser history.

The chat widget runs on municipalities' own sites and talks to this origin only: its two
endpoints (and its stylesheet) may be used cross-origin, without credentials (no cookies exist).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

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
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
WIDGET_ENDPOINTS = ("/v1/chat", "/v1/chat/fallback")
WIDGET_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "600",
}


def install(app: FastAPI) -> None:
    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        widget = request.url.path in WIDGET_ENDPOINTS
        if widget and request.method == "OPTIONS":
            # The browser's preflight before the widget's JSON POST from another origin.
            response = Response(status_code=204, headers=WIDGET_CORS)
        else:
            response = await call_next(request)
        if widget:
            response.headers["Access-Control-Allow-Origin"] = "*"
        elif request.url.path == "/static/widget.css":
            response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        docs = request.url.path in ("/docs", "/docs/oauth2-redirect")
        response.headers.setdefault("Content-Security-Policy", DOCS_CSP if docs else CSP)
        return response
