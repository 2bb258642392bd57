"""Request size limits and per-client rate limits on the public endpoints.

The client is the connection's address; behind a reverse proxy listed in
`FORWARDED_ALLOW_IPS`, uvicorn's proxy headers make it the
real client's. Without the setting, X-Forwarded-For is believed from nobody. The address is a key in memory or, hashed,
in Redis for one minute, and nothing else.

The chat's own limit lives in its route: a limited person who writes about danger still gets
the emergency numbers, never a 429.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable
from dataclasses import dataclass

import orjson
from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.asgi import send_json
from infra.config import Settings
from infra.ratelimit import (
    FailureLog,
    Limiter,
    MemoryFailures,
    RedisFailures,
    WindowLimit,
    memory_storage,
    redis_storage,
)

logger = logging.getLogger("passerelle.api")
# The public read endpoints a script could hammer; the chat and suggestions have their own.
LIMITED_PREFIXES = (
    "/v1/services",
    "/v1/municipalities",
    "/v1/labels",
    "/v1/referrals",
    "/hsds/",
)
IMPORT_PATHS = ("/v1/admin/import",)
WINDOW = 60.0


# Suggestions (a form people fill in, read by editors): 5 per client per 10 minutes.
SUGGESTIONS = (5, 600.0)


@dataclass
class Limits:
    chat: Limiter | None
    search: Limiter | None
    suggestions: Limiter | None
    _warned: float = 0.0

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        storage = redis_storage(settings.redis_url) if settings.redis_url else memory_storage()

        def make(name: str, limit: int, window: float = WINDOW) -> Limiter | None:
            return WindowLimit(storage, name, limit, window) if limit > 0 else None

        return cls(
            make("chat", settings.rate_limit_chat),
            make("search", settings.rate_limit_search),
            make("suggestions", *SUGGESTIONS),
        )

    async def wait(self, limiter: Limiter | None, client: str) -> float | None:
        """Seconds before `client` may go on; None when allowed (or when the store is down:
        a person looking for help is never refused because Redis is)."""
        if limiter is None:
            return None
        try:
            return await limiter.take(client)
        except (RedisError, OSError):
            if time.monotonic() - self._warned > 60:
                self._warned = time.monotonic()
                logger.warning("rate-limit store unavailable; requests are not limited meanwhile")
            return None


# Failed logins slow down; they never lock anyone out (a lock-out is a denial of service that
# anyone who knows an admin's e-mail can cause). Counted per account as tried from one client
# address (a stranger's failures never slow the owner elsewhere) and per client address.
LOGIN_WINDOW = 900.0
FREE_FAILURES = {"account": 3, "address": 10}
MAX_LOGIN_DELAY = 60.0


def login_delay(failures: int, since_last: float, free: int) -> float | None:
    """Seconds still to wait before the next try: none for the first `free` failures, then 2,
    4, 8 … seconds after the last one, at most MAX_LOGIN_DELAY."""
    if failures < free:
        return None
    wait = min(MAX_LOGIN_DELAY, 2.0 ** (failures - free + 1)) - since_last
    return wait if wait > 0 else None


def _pair(email: str, address: str) -> str:
    return f"{email}\n{address}"


@dataclass
class LoginGuard:
    accounts: FailureLog
    addresses: FailureLog
    _warned: float = 0.0

    @classmethod
    def from_settings(cls, settings: Settings) -> LoginGuard:
        if settings.redis_url:
            redis = Redis.from_url(settings.redis_url)
            return cls(
                RedisFailures(redis, "login-account", LOGIN_WINDOW),
                RedisFailures(redis, "login-address", LOGIN_WINDOW),
            )
        return cls(MemoryFailures(LOGIN_WINDOW), MemoryFailures(LOGIN_WINDOW))

    async def wait(self, email: str, address: str) -> float | None:
        try:
            delays = [
                login_delay(
                    *await self.accounts.failures(_pair(email, address)),
                    FREE_FAILURES["account"],
                ),
                login_delay(*await self.addresses.failures(address), FREE_FAILURES["address"]),
            ]
        except (RedisError, OSError):
            self._store_down()
            return None
        found = [d for d in delays if d is not None]
        return max(found) if found else None

    async def attempt(self, email: str, address: str) -> None:
        """Count a try as failed before checking it, so that tries sent together all count;
        `succeeded` takes it back."""
        await self._safely(self.accounts.record(_pair(email, address)))

    async def failed(self, address: str) -> None:
        await self._safely(self.addresses.record(address))

    async def succeeded(self, email: str, address: str) -> None:
        await self._safely(self.accounts.clear(_pair(email, address)))

    async def _safely(self, step: Awaitable[None]) -> None:
        try:
            await step
        except (RedisError, OSError):
            self._store_down()

    def _store_down(self) -> None:
        if time.monotonic() - self._warned > 60:
            self._warned = time.monotonic()
            logger.warning("login-failure store unavailable; logins are not slowed meanwhile")


def client_of(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else ""


def refusal(wait: float, what: str) -> tuple[int, bytes]:
    """The seconds to wait (whole, at least 1) and the 429's JSON body."""
    seconds = max(1, round(wait))
    message = (
        f"Too many {what} from this connection; try again in {seconds} s. "
        "In danger now: call 112 or 101."
    )
    return seconds, orjson.dumps({"message": message, "retry_after": seconds})


class RateLimit:
    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app, self.limits = app, limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] != "OPTIONS"
            and scope["path"].startswith(LIMITED_PREFIXES)
        ):
            wait = await self.limits.wait(self.limits.search, client_of(scope))
            if wait is not None:
                seconds, body = refusal(wait, "requests")
                await send_json(send, 429, body, [(b"retry-after", str(seconds).encode())])
                return
        await self.app(scope, receive, send)


class BodyLimit:
    """413 for a body over the limit, whether it declares its length or streams it."""

    def __init__(self, app: ASGIApp, *, default: int, imports: int) -> None:
        self.app, self.default, self.imports = app, default, imports

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.imports if scope["path"].startswith(IMPORT_PATHS) else self.default
        for name, value in scope["headers"]:
            if name == b"content-length":
                if value.isdigit() and int(value) > limit:
                    await self._refuse(send, limit)
                    return
                # The server holds the body to its declared length.
                await self.app(scope, receive, send)
                return
        # Streamed without a length: read it here (up to the limit), then hand it on.
        messages: list[Message] = []
        received = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            received += len(message.get("body", b""))
            if received > limit:
                await self._refuse(send, limit)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse(send: Send, limit: int) -> None:
        size = f"{limit // 1024} KiB" if limit < 1024 * 1024 else f"{limit // (1024 * 1024)} MiB"
        body = orjson.dumps({"message": f"body: the request body is larger than {size}"})
        await send_json(send, 413, body)
