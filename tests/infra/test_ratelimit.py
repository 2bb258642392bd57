"""Rate limits (the `limits` library, in memory and in Redis) and the failed-login log."""

from __future__ import annotations

import asyncio
import os
import uuid

import pytest
from redis.asyncio import Redis
from redis.exceptions import RedisError

from infra.ratelimit import MemoryFailures, WindowLimit, memory_storage, redis_storage


def test_limit_then_wait() -> None:
    async def scenario() -> list[float | None]:
        window = WindowLimit(memory_storage(), "test", 2, 60.0)
        return [await window.take(k) for k in ("a", "a", "a", "b")]

    first, second, third, other = asyncio.run(scenario())
    assert first is None and second is None
    assert third is not None and 1.0 <= third <= 60.0
    assert other is None  # keys are counted apart


def test_failures_are_counted_aged_and_cleared() -> None:
    async def scenario() -> list[tuple[int, float]]:
        log = MemoryFailures(60.0)
        found = [await log.failures("x")]
        await log.record("x")
        await log.record("x")
        found.append(await log.failures("x"))
        await log.clear("x")
        return [*found, await log.failures("x")]

    before, after, cleared = asyncio.run(scenario())
    assert before == (0, float("inf")) and cleared == (0, float("inf"))
    assert after[0] == 2 and 0 <= after[1] < 5


# -- Redis: shared by every worker -------------------------------------------------------------

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_redis_window_is_shared_and_keeps_no_address() -> None:
    async def scenario() -> tuple[list[float | None], list[float | None], list[bytes]]:
        name = f"test-{uuid.uuid4().hex[:8]}"
        # Two workers, each with its own connection, count the same client together.
        first = WindowLimit(redis_storage(REDIS_URL), name, 3, 60.0)
        second = WindowLimit(redis_storage(REDIS_URL), name, 3, 60.0)
        a = [await first.take("203.0.113.7"), await second.take("203.0.113.7")]
        b = [await first.take("203.0.113.7"), await second.take("203.0.113.7")]
        b.append(await first.take("198.51.100.1"))  # another client is counted apart
        async with Redis.from_url(REDIS_URL) as redis:
            keys = await redis.keys(f"passerelle:limit*{name}*")
            ttls = [await redis.pttl(k) for k in keys]
            assert all(0 < t <= 60_000 for t in ttls), ttls  # forgotten after the window
            await redis.delete(*keys)
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
