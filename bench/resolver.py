"""The place resolver over realistic inputs (names, typos, postal codes…), timed per call."""

from __future__ import annotations

import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench.synthetic` when run as `python bench/search.py`


from bench import query_mixes  # noqa: E402
from bench.common import (  # noqa: E402
    heading,
    percentile,
    say,
    table,
)
from directory.places import PlaceResolver  # noqa: E402
from infra.db import make_engine, make_session_factory  # noqa: E402

TARGET_RESOLVER_MS = 2.0


@dataclass
class ResolverFigures:
    build_ms: float
    calls: int
    mean_ms: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    by_category: dict[str, tuple[int, float, float]]


def time_resolver(url: str, calls: int = 10_000) -> ResolverFigures:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        started = time.perf_counter()
        resolver = PlaceResolver.from_session(session)
        build_ms = (time.perf_counter() - started) * 1000
        inputs = query_mixes.resolver_inputs(session, resolver, calls)
    engine.dispose()
    for _, query in inputs[:200]:  # warm the caches of text folding
        resolver.resolve(query)
    timings: list[float] = []
    per: dict[str, list[float]] = defaultdict(list)
    clock = time.perf_counter
    for category, query in inputs:
        start = clock()
        resolver.resolve(query)
        elapsed = (clock() - start) * 1000
        timings.append(elapsed)
        per[category].append(elapsed)
    return ResolverFigures(
        build_ms,
        len(timings),
        statistics.fmean(timings),
        percentile(timings, 50),
        percentile(timings, 95),
        percentile(timings, 99),
        max(timings),
        {c: (len(v), statistics.fmean(v), percentile(v, 95)) for c, v in sorted(per.items())},
    )


def print_resolver(figures: ResolverFigures) -> None:
    heading("Place resolver")
    say(f"  PlaceResolver.from_session: {figures.build_ms:.0f} ms (once per process)")
    say(
        f"  {figures.calls:,} resolve() calls: mean {figures.mean_ms:.3f} ms, p50 "
        f"{figures.p50_ms:.3f}, p95 {figures.p95_ms:.3f}, p99 {figures.p99_ms:.3f}, max "
        f"{figures.max_ms:.2f} ms   target ≤ {TARGET_RESOLVER_MS} ms per call"
    )
    table(
        [(c, n, f"{mean:.3f}", f"{p95:.3f}") for c, (n, mean, p95) in figures.by_category.items()],
        ["input kind", "calls", "mean ms", "p95 ms"],
    )
