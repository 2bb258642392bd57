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
