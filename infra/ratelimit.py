"""Rate limits and the failed-login log.

Requests are limited by `WindowLimit`: at most `limit` per key in a moving window of `window`
seconds, counted by the `limits` library in this process (the default: one API worker, nothing
to install) or in Redis, so that every API worker and replica counts the same client together
(production, `REDIS_URL`). Failed logins are a log of their own (`FailureLog`): the login guard
needs how many and how long ago the last one was, which a rate limiter does not tell.

Keys (an e-mail address, a client address) live only as long as their window and are never
written anywhere else; they are hashed first, so not even Redis holds an address.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections import defaultdict, deque
from threading import Lock
from typing import Protocol

from limits import RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from redis.asyncio import Redis


class Limiter(Protocol):
    limit: int

    async def take(self, key: str) -> float | None:
        """Count one event if allowed; else the seconds to wait (and nothing is counted)."""


class SlidingWindow:
    """Events per key in this process, for the failure log (`MemoryFailures`)."""

    def __init__(self, window: float) -> None:
        self.window = window
        self._events: dict[str, deque[float]] = defaultdict(deque)
        self._lock = Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        if len(self._events) > 1000:  # forget keys that have been quiet for a window
            for quiet in [
                k for k, t in self._events.items() if not t or t[-1] <= now - self.window
            ]:
                del self._events[quiet]
        events = self._events[key]
        while events and events[0] <= now - self.window:
            events.popleft()
        return events

    def newest(self, key: str) -> tuple[int, float]:
        """Events of `key` within the window, and seconds since the last one (inf if none)."""
        now = time.monotonic()
        with self._lock:
            events = self._recent(key, now)
            return len(events), (now - events[-1]) if events else float("inf")

    def record(self, key: str) -> None:
        with self._lock:
            now = time.monotonic()
            self._recent(key, now).append(now)

    def reset(self, key: str) -> None:
        with self._lock:
            self._events.pop(key, None)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def memory_storage() -> Storage:
    return MemoryStorage()


def redis_storage(url: str) -> Storage:
    """The Redis of `url` (redis:// or rediss://) through redis-py's asyncio client."""
    return RedisStorage("async+" + url, implementation="redispy", key_prefix="passerelle:limit")


class WindowLimit:
    """At most `limit` events per key in a moving window of `window` seconds (`limits`)."""

    def __init__(self, storage: Storage, name: str, limit: int, window: float) -> None:
        self.limit, self.name = limit, name
        self._item = RateLimitItemPerSecond(limit, max(1, round(window)))
        self._strategy = MovingWindowRateLimiter(storage)

    async def take(self, key: str) -> float | None:
        digest = _digest(key)
        if await self._strategy.hit(self._item, self.name, digest):
            return None
        stats = await self._strategy.get_window_stats(self._item, self.name, digest)
        return max(1.0, stats.reset_time - time.time())


class FailureLog(Protocol):
    async def failures(self, key: str) -> tuple[int, float]:
        """Failures of `key` within the window, and seconds since the last one (inf if none)."""

    async def record(self, key: str) -> None: ...

    async def clear(self, key: str) -> None: ...


class MemoryFailures:
    """Failures per key in this process (one API worker, nothing to install)."""

    def __init__(self, window: float) -> None:
        self._window = SlidingWindow(window)

    async def failures(self, key: str) -> tuple[int, float]:
        return self._window.newest(key)

    async def record(self, key: str) -> None:
        self._window.record(key)

    async def clear(self, key: str) -> None:
        self._window.reset(key)


# Count and age of the newest failure, with Redis's clock, in one round trip.
_FAILURES = """
local key, window = KEYS[1], tonumber(ARGV[1])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
if #newest == 0 then return {0, '-1'} end
return {redis.call('ZCARD', key), tostring(now - tonumber(newest[2]))}
"""
_RECORD = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[1]) * 1000))
return 1
"""


class RedisFailures:
    """The same in Redis, shared by every worker and replica; keys hashed as in `RedisWindow`."""

    def __init__(self, redis: Redis, name: str, window: float) -> None:
        self.redis, self.name, self.window = redis, name, window
        self._failures = redis.register_script(_FAILURES)
        self._record = redis.register_script(_RECORD)

    def _key(self, key: str) -> str:
        return f"passerelle:failures:{self.name}:{_digest(key)}"

    async def failures(self, key: str) -> tuple[int, float]:
        count, age = await self._failures(keys=[self._key(key)], args=[self.window])
        seconds = float(age)
        return int(count), float("inf") if seconds < 0 else seconds

    async def record(self, key: str) -> None:
        await self._record(keys=[self._key(key)], args=[self.window, uuid.uuid4().hex])

    async def clear(self, key: str) -> None:
        await self.redis.delete(self._key(key))
