"""Repeated public searches answered from memory, as bytes, without running the route again.

Frontline workers in one area ask the same few questions ("violence conjugale" near Liège, what
is open now): after the first, the answer is the same bytes until a service of that place
changes or a service opens or closes. An answer is kept under the request's query string, its
Accept-Language and the snapshot's epoch (the stretch of time in which no service opens or
closes, see `directory.snapshot`), with the municipalities it was about (the route names them
in `request.state.search_places`). When the directory changes, only the answers about the
municipalities the changed services cover, before or after the change, are dropped (with
every answer about no particular place); when the change is not known, all are. So a kept
answer is exactly what the route would send. Only 200s are kept, in a least-recently-used
store bounded in bytes. It sits inside the rate limits, the security headers and the access
log, which apply to kept answers as to any other.

When the snapshot is due for its version check (`PASSERELLE_SEARCH_REFRESH_SECONDS`; never with
0) the request goes through the route, which checks.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from directory.snapshot_holder import Snapshots

CACHED_PATHS = frozenset({"/v1/services", "/hsds/services", "/hsds/service_at_locations"})

Key = tuple[Any, ...]
Kept = tuple[list[tuple[bytes, bytes]], bytes]  # headers, body
Places = frozenset[str] | None  # the NIS codes an answer is about; None: no particular place


class KeptAnswers:
    """A least-recently-used store of answers, bounded by the bytes of their bodies."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self.hits = 0  # answers given from the store (tests and diagnostics)
        self._answers: OrderedDict[Key, tuple[Kept, Places]] = OrderedDict()

    def get(self, key: Key) -> Kept | None:
        found = self._answers.get(key)
        if found is None:
            return None
        self.hits += 1
        self._answers.move_to_end(key)
        return found[0]

    def put(self, key: Key, kept: Kept, places: Places = None) -> None:
        size = len(kept[1])
        if size > self.max_bytes:
            return
        previous = self._answers.pop(key, None)
        if previous is not None:
            self.bytes -= len(previous[0][1])
        self._answers[key] = (kept, places)
        self.bytes += size
        while self.bytes > self.max_bytes:
            _, (evicted, _) = self._answers.popitem(last=False)
            self.bytes -= len(evicted[1])

    def drop(self, changed: frozenset[str]) -> None:
        """Forget the answers about any of these municipalities, or about no place."""
        for key, ((_, body), places) in list(self._answers.items()):
            if places is None or not places.isdisjoint(changed):
                del self._answers[key]
                self.bytes -= len(body)

    def clear(self) -> None:
        self._answers.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._answers)


def answer_is_about(request: Request, nis_codes: Iterable[str]) -> None:
    """Tell the store which municipalities a search answer is about (none: every place)."""
    places = frozenset(nis_codes)
    if places:
        request.state.search_places = places


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SearchAnswers:
    """ASGI middleware: the kept answer when there is one, else the route's, kept for next time."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        snapshots: Snapshots,
        answers: KeptAnswers,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.app = app
        self.snapshots = snapshots
        self.answers = answers
        self.clock = clock
        self._version: int | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or scope["path"] not in CACHED_PATHS
            or self.answers.max_bytes <= 0
        ):
            await self.app(scope, receive, send)
            return
        snapshot = self.snapshots.fresh()
        if snapshot is None:
            await self.app(scope, receive, send)
            return
        if snapshot.version != self._version:
            # The directory changed: answers about the places it changed no longer hold.
            changed = snapshot.changed_places
            if changed is not None and snapshot.follows == self._version:
                self.answers.drop(changed)
            else:
                self.answers.clear()
            self._version = snapshot.version
        language = next((v for k, v in scope["headers"] if k == b"accept-language"), b"")
        key = (
            scope["path"],
            scope["query_string"],
            language,
            snapshot.epoch(self.clock() if self.clock else _now()),
        )
        version = snapshot.version
        kept = self.answers.get(key)
        if kept is not None:
            await send({"type": "http.response.start", "status": 200, "headers": kept[0]})
            await send({"type": "http.response.body", "body": kept[1]})
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                # An answer made while the directory changed is not kept: it may be older.
                done = not message.get("more_body", False)
                if done and start["status"] == 200 and self._version == version:
                    places = scope.get("state", {}).get("search_places")
                    self.answers.put(key, (list(start["headers"]), b"".join(chunks)), places)
            await send(message)

        await self.app(scope, receive, keep)
