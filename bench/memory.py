"""What the search snapshot costs a process in memory, and what the server's workers hold.

`snapshot_memory` builds the snapshot in a fresh child process, as a worker does at start-up,
and reads the process's resident memory (RSS) before and after, with the analyser's tables
already loaded and garbage collected on both sides: the snapshot's own share. `worker_rss_mb`
reads each uvicorn worker's RSS, snapshot, kept answers and all, after a load run.
"""

from __future__ import annotations

import gc
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import in_child, say  # noqa: E402

TARGET_SNAPSHOT_MB = 175.0


@dataclass
class SnapshotMemory:
    services: int
    build_s: float
    rss_before_mb: float
    rss_after_mb: float

    @property
    def snapshot_mb(self) -> float:
        return self.rss_after_mb - self.rss_before_mb


def rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _measure(url: str) -> SnapshotMemory:
    from sqlalchemy import select

    from directory.models import Service
    from directory.snapshot import build
    from directory.text import analyze
    from directory.vocab import Lang
    from infra.db import make_engine, make_session_factory

    factory = make_session_factory(make_engine(url))
    analyze("violence", Lang.FR)  # the lemma tables: loaded once per process, not the snapshot's
    analyze("geweld", Lang.NL)
    with factory() as session:
        session.execute(select(Service.id).limit(1)).all()
    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    with factory() as session:
        snapshot = build(session, 1)
    build_s = time.perf_counter() - started
    gc.collect()
    return SnapshotMemory(len(snapshot), build_s, before, rss_mb())


def snapshot_memory(url: str) -> SnapshotMemory:
    figures: SnapshotMemory = in_child(_measure, url, what="snapshot memory")
    return figures


def print_snapshot_memory(figures: SnapshotMemory) -> None:
    say(
        f"  search snapshot: {figures.services:,} services, built in {figures.build_s:.1f} s, "
        f"{figures.snapshot_mb:.0f} MB (process RSS {figures.rss_before_mb:.0f} → "
        f"{figures.rss_after_mb:.0f} MB; target ≤ {TARGET_SNAPSHOT_MB:.0f} MB per worker)"
    )


def worker_rss_mb(master_pid: int) -> list[float]:
    """The resident memory of each child process of a uvicorn master."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    if not children.exists():
        return []
    return [rss_mb(pid) for pid in children.read_text().split()]
