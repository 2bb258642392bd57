"""Each process's current search snapshot (`directory.snapshot`), refreshed when the directory
changes: triggers count every change to a service in `directory_version` (migration 0007);
`Snapshots.current` re-reads that counter at most once per `refresh_seconds` and, when it
moved, reloads only the services whose revision changed."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from threading import Lock

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from directory.models import DirectoryVersion
from directory.snapshot import SearchSnapshot, build

logger = logging.getLogger(__name__)

_WARN_EVERY = 10.0  # seconds between two warnings about the database being away
_COLLECT_AFTER = 2000  # services; below that a collection takes milliseconds anyway


def directory_version(session: Session) -> int:
    """The counter the triggers raise; 0 on a database without it (before migration 0007)."""
    return session.scalar(select(DirectoryVersion.version).where(DirectoryVersion.id == 1)) or 0


def _without_collector(build_it: Callable[[], SearchSnapshot], fresh: bool) -> SearchSnapshot:
    """Build with the cyclic garbage collector paused; after a first build, collect at once.

    A Belgium-scale snapshot is millions of small objects. With the collector running, the
    build would walk them again and again as they are made; paused, they are walked once, here,
    at start-up, rather than during someone's search. A refresh makes few objects.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        snapshot = build_it()
    finally:
        if enabled:
            gc.enable()
    if fresh and len(snapshot) >= _COLLECT_AFTER:
        gc.collect()
    return snapshot


class Snapshots:
    """The process's current snapshot, refreshed when the directory version moves.

    Changes made through any process show within `refresh_seconds` (0: checked on every use).
    While the database is unreachable, the search goes on with the last snapshot. Safe to share
    between threads; a refresh happens once, the others wait for it.
    """

    def __init__(
        self, refresh_seconds: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.refresh_seconds = refresh_seconds
        self._clock = clock
        self._current: SearchSnapshot | None = None
        self._checked = -float("inf")
        self._warned = -float("inf")
        self._lock = Lock()

    def current(self, session: Session) -> SearchSnapshot:
        snapshot = self.fresh()
        if snapshot is not None:
            return snapshot
        with self._lock:
            snapshot = self.fresh()
            if snapshot is not None:
                return snapshot  # another thread refreshed it while this one waited
            snapshot = self._current
            try:
                snapshot = self._refresh(session, snapshot)
            except SQLAlchemyError as error:
                if snapshot is None:
                    raise
                # The database is away: the search goes on with what it last saw.
                session.rollback()
                if self._clock() - self._warned >= _WARN_EVERY:
                    self._warned = self._clock()
                    logger.warning(
                        "search answers from directory version %d: the database is "
                        "unreachable (%s)",
                        snapshot.version,
                        type(error).__name__,
                    )
            self._checked = self._clock()
            return snapshot

    def _refresh(self, session: Session, snapshot: SearchSnapshot | None) -> SearchSnapshot:
        version = directory_version(session)  # read first: the rows are at least as new
        if snapshot is not None and snapshot.version == version and version != 0:
            return snapshot
        started = time.perf_counter()
        snapshot = _without_collector(
            lambda: build(session, version, snapshot), fresh=snapshot is None
        )
        self._current = snapshot
        logger.info(
            "search snapshot at directory version %d: %d services in %.0f ms",
            version,
            len(snapshot),
            (time.perf_counter() - started) * 1000,
        )
        return snapshot

    @property
    def last(self) -> SearchSnapshot | None:
        """The snapshot the search answers from, however old (None before the first build)."""
        return self._current

    def fresh(self) -> SearchSnapshot | None:
        """The current snapshot if it needs no check now, else None (`current` will check)."""
        snapshot = self._current
        if snapshot is not None and self._clock() - self._checked < self.refresh_seconds:
            return snapshot
        return None

    def expire(self) -> None:
        """Check the version at the next use (after this process changed the directory)."""
        self._checked = -float("inf")
