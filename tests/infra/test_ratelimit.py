"""The sliding windows: in memory (one process) and in Redis (every worker together)."""

from __future__ import annotations

import asyncio
import os
import uuid

import pytest
from redis.asyncio import Redis
from redis.exceptions import RedisError

from infra.ratelimit import RedisWindow, SlidingWindow


def test_limit_then_wait() -> None:
    window = SlidingWindow(limit=2, window=60.0)
    assert window.hit("a") is None and window.hit("a") is None
    wait = window.hit("a")
    assert wait is not None and 1.0 <= wait <= 60.0
    assert window.hit("b") is None  # keys are counted apart


def test_record_and_reset() -> None:
    window = SlidingWindow(limit=1, window=60.0)
    assert window.retry_after("x") is None
    window.record("x")
    assert window.retry_after("x") is not None
    window.reset("x")
    assert window.retry_after("x") is None


# -- Redis: shared by every worker -------------------------------------------------------------

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_redis_window_is_shared_and_keeps_no_address() -> None:
    async def scenario() -> tuple[list[float | None], list[float | None], list[bytes]]:
        name = f"test-{uuid.uuid4().hex[:8]}"
        async with Redis.from_url(REDIS_URL) as one, Redis.from_url(REDIS_URL) as two:
            # Two workers, each with its own connection, count the same client together.
            first, second = RedisWindow(one, name, 3, 60.0), RedisWindow(two, name, 3, 60.0)
            a = [await first.take("203.0.113.7"), await second.take("203.0.113.7")]
            b = [await first.take("203.0.113.7"), await second.take("203.0.113.7")]
            b.append(await first.take("198.51.100.1"))  # another client is counted apart
            keys = await one.keys(f"passerelle:limit:{name}:*")
            ttls = [await one.pttl(k) for k in keys]
            assert all(0 < t <= 60_000 for t in ttls), ttls  # forgotten after the window
            await one.delete(*keys)
            return a, b, keys

    try:
        allowed, then, keys = asyncio.run(scenario())
    except (RedisError, OSError) as error:
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {error}")
    assert allowed == [None, None]
    assert then[0] is None
    assert then[1] is not None and 1.0 <= then[1] <= 60.0
    assert then[2] is None
    assert len(keys) == 2
    assert all(b"203.0.113.7" not in k and b"198.51.100.1" not in k for k in keys)
