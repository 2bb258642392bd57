"""Sliding-window limits: at most `limit` events per key in `window` seconds.

Two stores with one interface. `SlidingWindow` keeps events in this process (the default: one
API worker, nothing to install). `RedisWindow` keeps them in Redis so that every API worker and
replica counts the same client together (production, `REDIS_URL`).

Keys (an e-mail address, a client address) live only as long as their window and are never
written anywhere else; in Redis they are hashed first, so not even Redis holds an address.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections import defaultdict, deque
from threading import Lock
from typing import Protocol

from redis.asyncio import Redis


class Limiter(Protocol):
    limit: int

    async def take(self, key: str) -> float | None:
        """Count one event if allowed; else the seconds to wait (and nothing is counted)."""


class SlidingWindow:
    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
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

    def retry_after(self, key: str) -> float | None:
        """Seconds to wait before the next event is allowed; None when it is allowed now."""
        now = time.monotonic()
        with self._lock:
            events = self._recent(key, now)
            if len(events) < self.limit:
                return None
            return max(1.0, events[0] + self.window - now)

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

    def hit(self, key: str) -> float | None:
        """Count one event if allowed; else the seconds to wait (and nothing is counted)."""
        now = time.monotonic()
        with self._lock:
            events = self._recent(key, now)
            if len(events) >= self.limit:
                return max(1.0, events[0] + self.window - now)
            events.append(now)
            return None

    async def take(self, key: str) -> float | None:
        return self.hit(key)

    def reset(self, key: str) -> None:
        with self._lock:
            self._events.pop(key, None)


# Trim, count and (when allowed) add in one atomic step, so that concurrent workers agree, with
# Redis's clock, so that every worker measures the window alike; one round trip per request.
_TAKE = """
local key, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return tostring(tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, math.ceil(window * 1000))
return false
"""


class RedisWindow:
    def __init__(self, redis: Redis, name: str, limit: int, window: float) -> None:
        self.redis, self.name, self.limit, self.window = redis, name, limit, window
        self._take = redis.register_script(_TAKE)

    def _key(self, key: str) -> str:
        digest = hashlib.sha256(key.encode()).hexdigest()[:24]
        return f"passerelle:limit:{self.name}:{digest}"

    async def take(self, key: str) -> float | None:
        args: list[float | str] = [self.window, self.limit, uuid.uuid4().hex]
        wait = await self._take(keys=[self._key(key)], args=args)
        return None if wait is None else max(1.0, float(wait))


class FailureLog(Protocol):
    async def failures(self, key: str) -> tuple[int, float]:
        """Failures of `key` within the window, and seconds since the last one (inf if none)."""

    async def record(self, key: str) -> None: ...

    async def clear(self, key: str) -> None: ...


class MemoryFailures:
    """Failures per key in this process (one API worker, nothing to install)."""

    def __init__(self, window: float) -> None:
        self._window = SlidingWindow(limit=1, window=window)

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
        digest = hashlib.sha256(key.encode()).hexdigest()[:24]
        return f"passerelle:failures:{self.name}:{digest}"

    async def failures(self, key: str) -> tuple[int, float]:
        count, age = await self._failures(keys=[self._key(key)], args=[self.window])
        seconds = float(age)
        return int(count), float("inf") if seconds < 0 else seconds

    async def record(self, key: str) -> None:
        await self._record(keys=[self._key(key)], args=[self.window, uuid.uuid4().hex])

    async def clear(self, key: str) -> None:
        await self.redis.delete(self._key(key))
