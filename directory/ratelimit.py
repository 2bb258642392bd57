"""A sliding-window limit kept in memory: at most `limit` events per key in `window` seconds.

Keys (an e-mail address, a client address) live here only as long as their window and are
never written anywhere. Several API workers each keep their own counts; a shared store comes
with the production deployment.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from threading import Lock


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

    def reset(self, key: str) -> None:
        with self._lock:
            self._events.pop(key, None)
