"""Search benchmark: a Belgium-scale synthetic directory under 32 concurrent clients.

For each backend (SQLite in a temporary directory; PostgreSQL in a fresh `passerelle_bench`
database, dropped at the end), this script

1. migrates with alembic, loads the geography, builds `--per-municipality` synthetic services
   for every municipality (60: about 33,900) and times one `seed_services` over them plus the 90
   real records, in one transaction;
2. times the place resolver over 10,000 realistic inputs;
3. starts the real app in a uvicorn subprocess (one worker, access log off, as `passerelle
   serve`), with a floor endpoint that answers a constant JSON body of the size of a typical
   search response (`bench/floor_app.py`);
4. drives `/v1/services` with a realistic query mix, then the floor, from `--clients` concurrent
   keep-alive connections in a separate process, and prints p50/p95/p99, throughput and errors;
5. breaks one request down in-process (resolver, SQL by statement, ORM, presenters, JSON).

It prints figures and asserts nothing. Run from the project root:

    .venv/bin/python bench/search.py --backend both
    .venv/bin/python bench/search.py --quick          # smoke test: 3 services/municipality, 3 s

See bench/README.md for the measured figures and their reading.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench.synthetic` when run as `python bench/search.py`

from sqlalchemy.engine import make_url  # noqa: E402

from bench import query_mixes  # noqa: E402
from bench.breakdown import in_process_breakdown  # noqa: E402
from bench.common import (  # noqa: E402
    code_state,
    cpu_model,
    heading,
    load_average,
    memory_gib,
    say,
    table,
    uptime,
)
from bench.databases import (  # noqa: E402
    POSTGRES_ADMIN_URL,
    TARGET_SEED_S,
    SeedFigures,
    Unavailable,
    postgres_database,
    prepare,
    print_seed,
    sqlite_database,
)
from bench.loadgen import (  # noqa: E402
    LoadFigures,
    Server,
    choose_floor_body,
    print_breakdown,
    print_load,
    run_load,
)
from bench.memory import (  # noqa: E402
    TARGET_SNAPSHOT_MB,
    SnapshotMemory,
    print_snapshot_memory,
    snapshot_memory,
)
from bench.resolver import TARGET_RESOLVER_MS, ResolverFigures, print_resolver, time_resolver  # noqa: E402
from directory.places import PlaceResolver  # noqa: E402
from infra.db import make_engine, make_session_factory  # noqa: E402

TARGET_P95_MS = 25.0
TARGET_FLOOR_RATIO = 0.5


@dataclass
class BackendResult:
    backend: str
    seed: SeedFigures | None = None
    resolver: ResolverFigures | None = None
    response_bytes: int = 0
    memory: SnapshotMemory | None = None
    runs: list[LoadFigures] = field(default_factory=list)
    skipped: str | None = None


def run_backend(backend: str, url: str, args: argparse.Namespace) -> BackendResult:
    result = BackendResult(backend)
    heading(f"{backend}: {make_url(url).render_as_string()}   ({uptime()})")
    result.seed = prepare(url, args.per_municipality)
    print_seed(result.seed)

    result.resolver = time_resolver(url, args.resolver_calls)
    print_resolver(result.resolver)
    result.memory = snapshot_memory(url)
    print_snapshot_memory(result.memory)

    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        mix = query_mixes.build_query_mix(session, PlaceResolver.from_session(session), 5000)
    engine.dispose()

    with tempfile.TemporaryDirectory(prefix="passerelle-bench-server-") as folder:
        server = Server(url, Path(folder), args.workers)
        try:
            heading(
                f"Load: {args.clients} concurrent clients, {args.duration:.0f} s each after "
                f"{args.warmup:.0f} s warm-up, {args.workers} uvicorn worker(s)"
            )
            size, sample_errors = choose_floor_body(server, mix.paths)
            result.response_bytes = size
            say(
                f"  median search response: {size:,} bytes (the floor answers that body); "
                f"{sample_errors} error(s) in 300 sample searches"
            )
            if args.cache_warmup > 0:
                # The mix's first pass: every answer computed once (per worker), then kept.
                say(f"  running search-first-pass × {args.clients} … ({load_average()})")
                result.runs.append(
                    run_load(
                        server, "search-first-pass", mix.paths, args.clients, 0.0, args.cache_warmup
                    )
                )
            scenarios = [("search", mix.paths), ("floor", ["/bench/floor"])]
            if args.floor_sync:
                scenarios.append(("floor-sync", ["/bench/floor-sync"]))
            for name, paths in scenarios:
                say(f"  running {name} × {args.clients} … ({load_average()})")
                result.runs.append(
                    run_load(server, name, paths, args.clients, args.warmup, args.duration)
                )
            single = max(2.0, args.duration / 2)
            for name, paths in scenarios[:2]:
                say(f"  running {name} × 1 … ({load_average()})")
                result.runs.append(run_load(server, name, paths, 1, 1.0, single))
        finally:
            server.stop()
        if args.uncached:
            # The same mix with nothing kept: every request runs the route and the search.
            server = Server(url, Path(folder), args.workers, {"PASSERELLE_SEARCH_CACHE_MB": "0"})
            try:
                for clients, warmup, seconds in (
                    (args.clients, args.warmup, args.duration),
                    (1, 1.0, single),
                ):
                    say(f"  running search-uncached × {clients} … ({load_average()})")
                    result.runs.append(
                        run_load(server, "search-uncached", mix.paths, clients, warmup, seconds)
                    )
            finally:
                server.stop()
        if args.hsds:
            run_hsds(url, Path(folder), args, result, single)
    say()
    print_load(result.runs)
    search = next(r for r in result.runs if r.name == "search" and r.clients > 1)
    floor = next(r for r in result.runs if r.name == "floor" and r.clients > 1)
    say(
        f"  search/floor throughput: {search.throughput / floor.throughput:.2f} "
        f"(target ≥ {TARGET_FLOOR_RATIO})"
    )
    say()
    print_breakdown(search, mix.categories)
    single_search = next(r for r in result.runs if r.name == "search" and r.clients == 1)
    say()
    print_breakdown(single_search, mix.categories)
    if args.breakdown:
        try:
            in_process_breakdown(url, mix, args.breakdown)
        except Exception as error:  # it reaches into the app's internals, which may change
            say(f"  in-process breakdown failed: {error!r}")
    return result


def run_hsds(
    url: str, folder: Path, args: argparse.Namespace, result: BackendResult, single: float
) -> None:
    """The same searches through `/v1/services` and `/hsds/services`, back to back: with
    nothing kept, then with answers kept after one pass of each mix."""
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        v1, hsds = query_mixes.build_paired_mixes(session, PlaceResolver.from_session(session))
    engine.dispose()
    for kept, env in (("uncached", {"PASSERELLE_SEARCH_CACHE_MB": "0"}), ("kept", {})):
        server = Server(url, folder, args.workers, env)
        try:
            for name, mix in (("v1-paired", v1), ("hsds", hsds)):
                if kept == "kept":
                    say(f"  running {name}-first-pass × {args.clients} … ({load_average()})")
                    run_load(server, f"{name}-first-pass", mix.paths, args.clients, 0.0, 10.0)
                for clients, warmup, seconds in (
                    (args.clients, args.warmup, args.duration),
                    (1, 1.0, single),
                ):
                    say(f"  running {name}-{kept} × {clients} … ({load_average()})")
                    result.runs.append(
                        run_load(server, f"{name}-{kept}", mix.paths, clients, warmup, seconds)
                    )
        finally:
            server.stop()


def mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def summary(results: Sequence[BackendResult]) -> None:
    heading(f"Summary ({dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {uptime()})")
    say(f"  code at the end of the run: {code_state()}")
    rows = []
    for r in results:
        if r.skipped or r.seed is None or r.resolver is None:
            say(f"  {r.backend}: skipped: {r.skipped}")
            continue
        search = next(x for x in r.runs if x.name == "search" and x.clients > 1)
        floor = next(x for x in r.runs if x.name == "floor" and x.clients > 1)
        ratio = search.throughput / floor.throughput
        rows += [
            (
                r.backend,
                "seed, one transaction",
                f"{r.seed.seed_s:.1f} s",
                f"≤ {TARGET_SEED_S:.0f} s",
                mark(r.seed.seed_s <= TARGET_SEED_S),
            ),
            (
                r.backend,
                "resolver, per call",
                f"mean {r.resolver.mean_ms:.3f} / p95 {r.resolver.p95_ms:.3f} ms",
                f"≤ {TARGET_RESOLVER_MS} ms",
                mark(r.resolver.p95_ms <= TARGET_RESOLVER_MS),
            ),
            (
                r.backend,
                f"search p50 / p95 ({search.clients} clients)",
                f"{search.p50_ms:.1f} / {search.p95_ms:.1f} ms",
                f"p95 ≤ {TARGET_P95_MS:.0f} ms",
                mark(search.p95_ms <= TARGET_P95_MS),
            ),
            (r.backend, "search throughput", f"{search.throughput:.0f} req/s", "", ""),
            (
                r.backend,
                f"floor p50 / p95 ({floor.clients} clients)",
                f"{floor.p50_ms:.1f} / {floor.p95_ms:.1f} ms",
                "",
                "",
            ),
            (r.backend, "floor throughput", f"{floor.throughput:.0f} req/s", "", ""),
            (
                r.backend,
                "search / floor throughput",
                f"{ratio:.2f}",
                f"≥ {TARGET_FLOOR_RATIO}",
                mark(ratio >= TARGET_FLOOR_RATIO),
            ),
            (
                r.backend,
                "errors (search, floor)",
                f"{search.errors}, {floor.errors}",
                "0",
                mark(search.errors + floor.errors == 0),
            ),
        ]
        uncached = next((x for x in r.runs if x.name == "search-uncached" and x.clients > 1), None)
        if uncached is not None:
            ratio = uncached.throughput / floor.throughput
            rows += [
                (
                    r.backend,
                    f"search, nothing kept, p50 / p95 ({uncached.clients} clients)",
                    f"{uncached.p50_ms:.1f} / {uncached.p95_ms:.1f} ms",
                    f"p95 ≤ {TARGET_P95_MS:.0f} ms",
                    mark(uncached.p95_ms <= TARGET_P95_MS),
                ),
                (
                    r.backend,
                    "search, nothing kept / floor throughput",
                    f"{uncached.throughput:.0f} / {floor.throughput:.0f} = {ratio:.2f}",
                    f"≥ {TARGET_FLOOR_RATIO}",
                    mark(ratio >= TARGET_FLOOR_RATIO),
                ),
            ]
        if r.memory is not None:
            rows.append(
                (
                    r.backend,
                    f"search snapshot memory ({r.memory.services:,} services)",
                    f"{r.memory.snapshot_mb:.0f} MB",
                    f"≤ {TARGET_SNAPSHOT_MB:.0f} MB",
                    mark(r.memory.snapshot_mb <= TARGET_SNAPSHOT_MB),
                )
            )
        for other in r.runs:
            if other.name in ("search-first-pass", "search-uncached"):
                rows.append(
                    (
                        r.backend,
                        f"{other.name} p50 / p95 ({other.clients} client(s))",
                        f"{other.p50_ms:.1f} / {other.p95_ms:.1f} ms, "
                        f"{other.throughput:.0f} req/s, {other.errors} errors",
                        "",
                        "",
                    )
                )
    if rows:
        table(rows, ["backend", "figure", "measured", "target", ""])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument(
        "--duration", type=float, default=20.0, help="seconds measured per scenario"
    )
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds before measuring")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument(
        "--workers", type=int, default=1, help="uvicorn workers (production runs API_WORKERS)"
    )
    parser.add_argument(
        "--cache-warmup",
        type=float,
        default=30.0,
        help="seconds of the mix before measuring, so that repeated answers are kept (0: none)",
    )
    parser.add_argument(
        "--no-uncached",
        dest="uncached",
        action="store_false",
        help="skip the run with the kept answers off (PASSERELLE_SEARCH_CACHE_MB=0)",
    )
    parser.add_argument(
        "--hsds",
        action="store_true",
        help="also compare /hsds/services with /v1/services on the same searches",
    )
    parser.add_argument("--per-municipality", type=int, default=60)
    parser.add_argument("--resolver-calls", type=int, default=10_000)
    parser.add_argument(
        "--breakdown",
        type=int,
        default=300,
        metavar="N",
        help="in-process breakdown over N requests (0: skip)",
    )
    parser.add_argument(
        "--floor-sync",
        action="store_true",
        help="also load the thread-pool floor (/bench/floor-sync)",
    )
    parser.add_argument(
        "--postgres-admin-url",
        default=os.environ.get("BENCH_POSTGRES_ADMIN_URL", POSTGRES_ADMIN_URL),
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke test: 3 services per municipality, 3 s of load"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.per_municipality, args.duration, args.warmup = 3, 3.0, 1.0
        args.cache_warmup = min(args.cache_warmup, 3.0)
        args.resolver_calls, args.breakdown = 2000, min(args.breakdown, 50)

    heading("Passerelle search benchmark")
    say(f"  date: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M:%S %Z}")
    say(
        f"  machine: {os.cpu_count()} CPU(s), {cpu_model()}, {memory_gib()} RAM; {platform.platform()}"
    )
    say(f"  code: {code_state()}")
    say(f"  Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}")
    import fastapi
    import sqlalchemy
    import uvicorn

    try:
        import uvloop  # noqa: F401

        loop = "uvloop"
    except ImportError:
        loop = "asyncio"
    try:
        import httptools  # noqa: F401

        http = "httptools"
    except ImportError:
        http = "h11"
    say(
        f"  FastAPI {fastapi.__version__}, uvicorn {uvicorn.__version__} ({loop} loop, {http} "
        f"parser), SQLAlchemy {sqlalchemy.__version__}"
    )
    say(f"  {uptime()}")
    say(
        f"  per municipality {args.per_municipality}, clients {args.clients}, duration "
        f"{args.duration:.0f} s (+{args.warmup:.0f} s warm-up), load generator: raw HTTP/1.1 "
        "keep-alive connections on asyncio, in a separate process on the same 2 cores"
    )

    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results: list[BackendResult] = []
    for backend in backends:
        try:
            if backend == "sqlite":
                with sqlite_database() as url:
                    results.append(run_backend(backend, url, args))
            else:
                with postgres_database(args.postgres_admin_url) as url:
                    results.append(run_backend(backend, url, args))
        except Unavailable as reason:
            say(f"\n  {backend}: skipped: {reason}")
            results.append(BackendResult(backend, skipped=str(reason)))
    summary(results)
    json_path = os.environ.get("BENCH_JSON")
    if json_path:
        Path(json_path).write_text(
            json.dumps(
                [
                    {
                        "backend": r.backend,
                        "skipped": r.skipped,
                        "seed": r.seed.__dict__ if r.seed else None,
                        "resolver": r.resolver.__dict__ if r.resolver else None,
                        "response_bytes": r.response_bytes,
                        "snapshot_memory": r.memory.__dict__ if r.memory else None,
                        "runs": [
                            {k: v for k, v in x.__dict__.items() if k != "samples"} for x in r.runs
                        ],
                    }
                    for r in results
                ],
                indent=2,
                default=str,
            )
        )


if __name__ == "__main__":
    main()
