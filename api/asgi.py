"""A JSON answer sent straight from an ASGI middleware (before or instead of the app)."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.types import Send


async def send_json(
    send: Send, status: int, body: bytes, headers: Sequence[tuple[bytes, bytes]] = ()
) -> None:
    start = [(b"content-length", str(len(body)).encode())]
    if body:
        start.append((b"content-type", b"application/json"))
    await send({"type": "http.response.start", "status": status, "headers": [*start, *headers]})
    await send({"type": "http.response.body", "body": body})
