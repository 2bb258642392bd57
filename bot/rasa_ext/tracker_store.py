"""An in-memory tracker store that forgets a conversation after a period of silence.

Rasa's own InMemoryTrackerStore keeps every conversation until the process stops; a session
expiry only starts a new session inside the same tracker. Here a conversation that has been
silent for `expire_after` seconds is dropped entirely, so nothing of it stays in memory.
Production with several Rasa replicas uses Redis with `record_exp` instead (same effect).
"""

from __future__ import annotations

import time
from typing import Any

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker


class ExpiringInMemoryTrackerStore(InMemoryTrackerStore):
    def __init__(
        self, domain: Any, event_broker: Any = None, expire_after: float = 1800, **kwargs: Any
    ) -> None:
        kwargs.pop("host", None)
        super().__init__(domain, event_broker, **kwargs)
        self.expire_after = float(expire_after)
        self._last_seen: dict[str, float] = {}

    def _forget_silent(self) -> None:
        now = time.monotonic()
        for sender_id, seen in list(self._last_seen.items()):
            if now - seen > self.expire_after:
                self.store.pop(sender_id, None)
                del self._last_seen[sender_id]

    async def save(self, tracker: DialogueStateTracker) -> None:
        self._forget_silent()
        await super().save(tracker)
        self._last_seen[tracker.sender_id] = time.monotonic()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        self._forget_silent()
        return await super().retrieve(sender_id)
