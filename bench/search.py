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
import asyncio
import contextlib
import datetime as dt
import json
import multiprocessing
import os
import platform
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench.synthetic` when run as `python bench/search.py`

import httpx  # noqa: E402
from alembic import command  # noqa: E402
from sqlalchemy import create_engine, event, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench import synthetic  # noqa: E402
from cli.app import alembic_config  # noqa: E402
from directory.geography import load_geography  # noqa: E402
from directory.places import PlaceResolver  # noqa: E402
from directory.records import ServiceRecord, load_records  # noqa: E402
from infra.config import DATA_DIR, get_settings  # noqa: E402
from infra.db import make_engine, make_session_factory, transaction  # noqa: E402

POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BENCH_DATABASE = "passerelle_bench"
TARGET_P95_MS = 25.0
TARGET_FLOOR_RATIO = 0.5
TARGET_RESOLVER_MS = 2.0
TARGET_SEED_S = 60.0


# -- small helpers --------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[rank]


def load_average() -> str:
    try:
        one, five, fifteen = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        return "unknown"
    return f"load average {one} {five} {fifteen}"


def uptime() -> str:
    try:
        return subprocess.run(
            ["uptime"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        return load_average()


def say(message: str = "") -> None:
    print(message, flush=True)


def heading(title: str) -> None:
    say()
    say(f"== {title} " + "=" * max(0, 90 - len(title)))


def table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> None:
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for n, row in enumerate(cells):
        say(
            "  "
            + "  ".join(
                c.rjust(w) if i else c.ljust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            say("  " + "  ".join("-" * w for w in widths))


def code_state() -> str:
    """The commit measured, and whether application files differ from it (read-only git)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            [
                "git",
                "--no-optional-locks",
                "status",
                "--porcelain",
                "--",
                "directory",
                "api",
                "migrations",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.split("\n")
    except OSError:
        return "unknown (no git)"
    if not head:
        return "unknown (not a git checkout)"
    files = [line[3:] for line in changed if line.strip()]
    return f"{head}" + (f" + uncommitted changes to {', '.join(files)}" if files else " (clean)")


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def memory_gib() -> str:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    return "unknown"


def process_cpu_seconds(pid: int) -> tuple[float, float]:
    """(user, system) CPU seconds of a process, its threads and its child processes (workers)."""
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stats[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[1].split()
    if pid not in stats:
        return float("nan"), float("nan")
    family = {pid}
    grown = True
    while grown:
        children = {p for p, fields in stats.items() if int(fields[1]) in family} - family
        family |= children
        grown = bool(children)
    ticks = os.sysconf("SC_CLK_TCK")
    user = sum(int(stats[p][11]) for p in family) / ticks
    system = sum(int(stats[p][12]) for p in family) / ticks
    return user, system


def system_cpu() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def receive(conn: Any, process: Any, what: str) -> Any:
    """The next message from a child process; an error if the child dies first."""
    while not conn.poll(0.5):
        if not process.is_alive():
            raise RuntimeError(f"{what} process exited with code {process.exitcode}")
    return conn.recv()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- databases ------------------------------------------------------------------------------------


@contextlib.contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="passerelle-bench-") as folder:
        yield f"sqlite:///{folder}/bench.db"


class Unavailable(Exception):
    pass


@contextlib.contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    try:
        admin = create_engine(
            admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
        )
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)"))
            connection.execute(text(f"CREATE DATABASE {BENCH_DATABASE}"))
    except Exception as error:  # any failure to connect or create: skip, and say why
        raise Unavailable(
            f"PostgreSQL not usable at {make_url(admin_url).render_as_string()}: {error}"
        ) from error
    try:
        yield make_url(admin_url).set(database=BENCH_DATABASE).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)"))
        admin.dispose()
        say(f"  dropped database {BENCH_DATABASE}")


# -- 1. build and seed ----------------------------------------------------------------------------


@dataclass
class SeedFigures:
    migrate_s: float = 0.0
    geography_s: float = 0.0
    build_s: float = 0.0
    analyser_load_s: float = 0.0
    seed_s: float = 0.0  # seed_services + commit
    seed_call_s: float = 0.0
    commit_s: float = 0.0
    records: int = 0
    created: int = 0
    unresolved_coverage: int = 0
    approximate_coverage: int = 0
    unresolved_addresses: int = 0
    progress: list[tuple[int, float]] = field(default_factory=list)
    analyze_s: float | None = None


def _prepare_database(url: str, per_municipality: int) -> SeedFigures:
    """Migrate, load geography, build and seed. Runs in a fresh process, as `passerelle seed`."""
    from directory.seed import seed_services
    from directory.text import analyze
    from directory.vocab import Lang

    figures = SeedFigures()
    started = time.perf_counter()
    command.upgrade(alembic_config(url), "head")
    figures.migrate_s = time.perf_counter() - started

    engine = make_engine(url)
    factory = make_session_factory(engine)
    started = time.perf_counter()
    with transaction(factory) as session:
        load_geography(session, DATA_DIR / "geo")
    figures.geography_s = time.perf_counter() - started

    real = load_records(DATA_DIR / "services.yaml")
    started = time.perf_counter()
    with factory() as session:
        resolver = PlaceResolver.from_session(session)
        records: list[ServiceRecord] = synthetic.build_records(
            session, resolver, real, per_municipality
        )
    figures.build_s = time.perf_counter() - started
    records += real
    figures.records = len(records)

    # The lemma tables load on the first analysed word, once per process (about 5 s).
    started = time.perf_counter()
    analyze("violence", Lang.FR)
    analyze("geweld", Lang.NL)
    figures.analyser_load_s = time.perf_counter() - started

    done = 0
    with factory() as session:
        resolver = PlaceResolver.from_session(session)
        started = time.perf_counter()

        def progress(n: int) -> None:
            nonlocal done
            done += n
            figures.progress.append((done, time.perf_counter() - started))

        report = seed_services(session, records, resolver, progress)
        figures.seed_call_s = time.perf_counter() - started
        before_commit = time.perf_counter()
        session.commit()
        figures.commit_s = time.perf_counter() - before_commit
        figures.seed_s = time.perf_counter() - started
    figures.created = report.created
    figures.unresolved_coverage = len(report.unresolved_coverage)
    figures.approximate_coverage = len(report.approximate_coverage)
    figures.unresolved_addresses = len(report.unresolved_addresses)

    if engine.dialect.name == "postgresql":
        # Autovacuum would analyse the new tables within a minute or so; do it now so that the
        # plans measured below are the ones a running server would have.
        started = time.perf_counter()
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))
        figures.analyze_s = time.perf_counter() - started
    engine.dispose()
    return figures


def _prepare_in_child(url: str, per_municipality: int, conn: Any) -> None:
    try:
        conn.send(("ok", asdict(_prepare_database(url, per_municipality))))
    except BaseException as error:
        import traceback

        conn.send(("error", f"{error!r}\n{traceback.format_exc()}"))


def prepare(url: str, per_municipality: int) -> SeedFigures:
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_prepare_in_child, args=(url, per_municipality, child))
    process.start()
    status, payload = receive(parent, process, "seeding")
    process.join()
    if status != "ok":
        raise RuntimeError(f"seeding failed:\n{payload}")
    return SeedFigures(**payload)


def print_seed(figures: SeedFigures) -> None:
    heading("Seed")
    say(f"  alembic upgrade head           {figures.migrate_s:8.2f} s")
    say(f"  load_geography                 {figures.geography_s:8.2f} s")
    say(
        f"  build {figures.records - 90:,} synthetic records {figures.build_s:8.2f} s (not timed as seed)"
    )
    say(
        f"  text analyser tables (once)    {figures.analyser_load_s:8.2f} s (first word analysed per process)"
    )
    say(
        f"  seed_services {figures.records:,} records  {figures.seed_call_s:8.2f} s "
        f"({figures.seed_call_s / max(1, figures.records) * 1000:.2f} ms/record)"
    )
    say(f"  commit                         {figures.commit_s:8.2f} s")
    say(
        f"  SEED TOTAL (one transaction)   {figures.seed_s:8.2f} s   target ≤ {TARGET_SEED_S:.0f} s"
    )
    if figures.analyze_s is not None:
        say(f"  ANALYZE (PostgreSQL)           {figures.analyze_s:8.2f} s")
    say(
        f"  created {figures.created:,}; coverage unresolved {figures.unresolved_coverage}, "
        f"approximate {figures.approximate_coverage}; addresses unresolved "
        f"{figures.unresolved_addresses}"
    )
    if len(figures.progress) >= 4:
        marks = [figures.progress[len(figures.progress) * k // 4 - 1] for k in (1, 2, 3, 4)]
        say(
            "  progress: "
            + ", ".join(f"{n:,} records at {t:.1f} s" for n, t in marks)
            + " (a straight line means linear cost per record)"
        )


# -- 2. resolver ----------------------------------------------------------------------------------


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
        inputs = synthetic.resolver_inputs(session, resolver, calls)
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


# -- 3. the server --------------------------------------------------------------------------------


class Server:
    """The app (with the floor endpoints) in a uvicorn subprocess, with `workers` workers."""

    def __init__(
        self, url: str, folder: Path, workers: int = 1, env: dict[str, str] | None = None
    ) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.floor_body = folder / "floor.json"
        self.log = folder / "uvicorn.log"
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "BENCH_FLOOR_BODY": str(self.floor_body),
            # 32 clients on 127.0.0.1 are one client to the per-client limit: measure the search.
            "PASSERELLE_RATE_LIMIT_SEARCH": "0",
            **(env or {}),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "bench.floor_app:create_bench_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(workers),
                "--no-access-log",
                "--no-server-header",
                "--log-level",
                "info",  # the access log is off; "startup complete" tells each worker is up
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"uvicorn exited:\n{self.log.read_text()[-3000:]}")
            # Each worker builds its search snapshot before it accepts connections.
            if self.log.read_text().count("Application startup complete") >= workers:
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(self.base + "/docs", timeout=2).status_code == 200:
                        return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"uvicorn did not start:\n{self.log.read_text()[-3000:]}")

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def choose_floor_body(server: Server, paths: Sequence[str], samples: int = 300) -> tuple[int, int]:
    """Fetch sample searches (also warming the server); the floor answers the median-size one.

    Returns (median size, errors among the samples)."""
    bodies: list[bytes] = []
    errors = 0
    with httpx.Client(base_url=server.base, timeout=30) as client:
        for path in paths[:samples]:
            response = client.get(path)
            if response.status_code == 200:
                bodies.append(response.content)
            else:
                errors += 1
    bodies.sort(key=len)
    median = bodies[len(bodies) // 2]
    server.floor_body.write_bytes(median)
    with httpx.Client(base_url=server.base, timeout=30) as client:
        check = client.get("/bench/floor")
    if check.content != median:
        raise RuntimeError("the floor endpoint does not answer the chosen body")
    return len(median), errors


# -- 4. the load generator (a separate process) ----------------------------------------------------


def _request_bytes(path: str, port: int) -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json\r\n"
        "User-Agent: passerelle-bench\r\n\r\n"
    ).encode("ascii")


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, int]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length, chunked = 0, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if not chunked:
        await reader.readexactly(length)
        return status, length
    size = 0
    while True:
        chunk = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        await reader.readexactly(chunk + 2)
        size += chunk
        if chunk == 0:
            return status, size


async def _client(
    port: int,
    requests: list[bytes],
    seed: int,
    measure_from: float,
    until: float,
    out: list[tuple[int, float, int]],
    errors: list[str],
) -> None:
    rng = random.Random(seed)
    clock = time.perf_counter
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while clock() < until:
            index = rng.randrange(len(requests))
            start = clock()
            try:
                writer.write(requests[index])
                status, _ = await _read_response(reader)
            except (OSError, asyncio.IncompleteReadError, ValueError) as error:
                errors.append(repr(error))
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            end = clock()
            if measure_from <= end <= until:
                out.append((index, end - start, status))
    finally:
        writer.close()


async def _load(
    port: int, paths: list[str], clients: int, warmup: float, duration: float, conn: Any
) -> tuple[list[tuple[int, float, int]], list[str], float]:
    import resource

    requests = [_request_bytes(p, port) for p in paths]
    now = time.perf_counter()
    measure_from, until = now + warmup, now + warmup + duration
    out: list[tuple[int, float, int]] = []
    errors: list[str] = []
    cpu: list[float] = []

    def own_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    async def signal() -> None:
        await asyncio.sleep(max(0.0, measure_from - time.perf_counter()))
        cpu.append(own_cpu())
        conn.send("measuring")  # the parent samples the server's CPU from now on

    await asyncio.gather(
        signal(),
        *(_client(port, requests, n, measure_from, until, out, errors) for n in range(clients)),
    )
    cpu.append(own_cpu())
    return out, errors, cpu[-1] - cpu[0]


def _load_in_child(args: tuple[int, list[str], int, float, float], conn: Any) -> None:
    out, errors, cpu = asyncio.run(_load(*args, conn))
    conn.send((out, errors, cpu))


@dataclass
class LoadFigures:
    name: str
    clients: int
    duration: float
    requests: int
    errors: int
    throughput: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    server_cpu_ms_per_request: float
    server_sys_share: float  # of the server's CPU, the share spent in the kernel
    loadgen_cpu_share: float  # of one core
    machine_busy: float  # share of all cores busy during the run
    load_before: str
    samples: list[tuple[int, float, int]] = field(repr=False, default_factory=list)
    error_examples: list[str] = field(default_factory=list)


def run_load(
    server: Server, name: str, paths: list[str], clients: int, warmup: float, duration: float
) -> LoadFigures:
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    load_before = load_average()
    process = context.Process(
        target=_load_in_child, args=((server.port, paths, clients, warmup, duration), child)
    )
    process.start()
    if receive(parent, process, "load generator") != "measuring":
        raise RuntimeError("load generator out of step")
    cpu_before, busy_before = process_cpu_seconds(server.pid), system_cpu()
    out, errors, loadgen_cpu = receive(parent, process, "load generator")
    cpu_after, busy_after = process_cpu_seconds(server.pid), system_cpu()
    process.join()
    latencies = [s[1] * 1000 for s in out]
    bad = sum(1 for s in out if s[2] != 200) + len(errors)
    busy = (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1])
    server_cpu = sum(cpu_after) - sum(cpu_before)
    return LoadFigures(
        name=name,
        clients=clients,
        duration=duration,
        requests=len(out),
        errors=bad,
        throughput=len(out) / duration,
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
        mean_ms=statistics.fmean(latencies) if latencies else float("nan"),
        server_cpu_ms_per_request=server_cpu * 1000 / max(1, len(out)),
        server_sys_share=(cpu_after[1] - cpu_before[1]) / server_cpu if server_cpu else 0.0,
        loadgen_cpu_share=loadgen_cpu / duration,
        machine_busy=busy,
        load_before=load_before,
        samples=out,
        error_examples=[*errors[:3], *(f"HTTP {s[2]}" for s in out if s[2] != 200)][:5],
    )


def print_load(runs: Sequence[LoadFigures]) -> None:
    table(
        [
            (
                r.name,
                r.clients,
                f"{r.duration:.0f}",
                r.requests,
                r.errors,
                f"{r.p50_ms:.1f}",
                f"{r.p95_ms:.1f}",
                f"{r.p99_ms:.1f}",
                f"{r.throughput:.0f}",
                f"{r.server_cpu_ms_per_request:.2f}",
                f"{r.server_sys_share:.0%}",
                f"{r.loadgen_cpu_share:.0%}",
                f"{r.machine_busy:.0%}",
                r.load_before.replace("load average ", ""),
            )
            for r in runs
        ],
        [
            "endpoint",
            "clients",
            "s",
            "requests",
            "errors",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "req/s",
            "server CPU ms/req",
            "of which kernel",
            "loadgen CPU",
            "machine busy",
            "load before",
        ],
    )
    for r in runs:
        if r.error_examples:
            say(f"  {r.name}: error examples: {r.error_examples}")


def print_breakdown(run: LoadFigures, categories: Sequence[dict[str, str]]) -> None:
    groups: dict[tuple[str, str], list[float]] = defaultdict(list)
    for index, latency, status in run.samples:
        if status != 200:
            continue
        for dimension, value in categories[index].items():
            groups[(dimension, value)].append(latency * 1000)
    table(
        [
            (f"{d}: {v}", len(lat), f"{percentile(lat, 50):.1f}", f"{percentile(lat, 95):.1f}")
            for (d, v), lat in sorted(groups.items())
        ],
        [f"{run.name} ({run.clients} client(s)) by query kind", "requests", "p50 ms", "p95 ms"],
    )


# -- 5. one request, in process --------------------------------------------------------------------


def _statement_kind(statement: str) -> str:
    flat = " ".join(statement.split())
    if flat.startswith("SELECT count(*)"):
        return "count of matches"
    if " LIMIT " in flat and "ORDER BY" in flat:
        return "page of ids (ranked)"
    match = re.search(r"\bFROM (\w+)", flat)
    table_name = match.group(1) if match else "?"
    if table_name == "municipality":
        return "municipalities of the place"
    if table_name == "service" and "JOIN" not in flat:
        return "load service rows"
    return f"load {table_name} (selectin)"


def in_process_breakdown(url: str, mix: synthetic.QueryMix, count: int) -> None:
    """Time the parts of `/v1/services` in process, one request at a time.

    Requests go through the real app with Starlette's test client (no network, no server
    threads). SQL is timed per kind of statement with SQLAlchemy events; the route's main steps
    are timed by wrapping them where they exist (best effort: the app's internals may change).
    """
    import warnings

    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    from api.main import create_app

    heading(f"In-process breakdown of /v1/services ({count} requests of the mix, one at a time)")
    engine = make_engine(url)
    sql: dict[str, float] = defaultdict(float)
    sql_count: dict[str, int] = defaultdict(int)
    pending: dict[int, tuple[str, float]] = {}

    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        pending[id(cursor)] = (_statement_kind(statement), time.perf_counter())

    @event.listens_for(engine, "after_cursor_execute")
    def _after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        kind, start = pending.pop(id(cursor))
        sql[kind] += time.perf_counter() - start
        sql_count[kind] += 1

    parts: dict[str, float] = defaultdict(float)
    restore: list[Callable[[], None]] = []

    def wrap(owner: Any, name: str, label: str) -> None:
        function = getattr(owner, name, None)
        if function is None:
            return

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                parts[label] += time.perf_counter() - start

        setattr(owner, name, timed)
        if isinstance(owner, type) or hasattr(owner, "__file__"):  # a class or a module
            restore.append(lambda: setattr(owner, name, function))

    import api.presenters as presenters
    import api.routes.services as route

    # One test client is one client to the per-client rate limit, and nothing is kept: every
    # request runs the route.
    settings = get_settings().model_copy(update={"rate_limit_search": 0, "search_cache_mb": 0})
    app = create_app(settings, engine=engine)
    paths = mix.paths[:count]
    failures = 0
    total = 0.0
    try:
        with TestClient(app) as client:
            for path in paths[:20]:  # warm up: loads the geography and the caches
                client.get(path)
            geo = getattr(app.state, "geo", None)
            if geo is not None:
                wrap(geo.resolver, "municipalities_for", "place resolver")
            from directory.snapshot import SearchSnapshot
            from directory.snapshot_holder import Snapshots

            wrap(Snapshots, "current", "snapshot: version check (once a second)")
            wrap(SearchSnapshot, "search", "snapshot search (filters, words, order)")
            wrap(presenters.HitBodies, "hit", "presenters (HitBodies.hit)")
            responses = getattr(route, "responses", None)
            if responses is not None:
                wrap(responses, "json", "JSON encoding")
            parts.clear()
            sql.clear()
            sql_count.clear()
            for path in paths:
                start = time.perf_counter()
                response = client.get(path)
                total += time.perf_counter() - start
                failures += response.status_code != 200
    finally:
        for undo in restore:
            undo()
        engine.dispose()
    n = max(1, len(paths))
    rows: list[tuple[str, str, str]] = [
        ("whole request (test client, no network)", f"{total / n * 1000:.2f}", "")
    ]
    for name, seconds in parts.items():
        rows.append((name, f"{seconds / n * 1000:.2f}", f"{seconds / total:.0%}"))
    sql_total = sum(sql.values())
    rows.append(
        (
            "SQL execute (all statements)",
            f"{sql_total / n * 1000:.2f}",
            f"{sql_total / total:.0%}",
        )
    )
    for kind, seconds in sorted(sql.items(), key=lambda kv: -kv[1]):
        rows.append(
            (
                f"  {kind} ×{sql_count[kind] / n:.1f}",
                f"{seconds / n * 1000:.2f}",
                f"{seconds / total:.0%}",
            )
        )
    table(rows, ["part", "ms/request", "share"])
    say(f"  non-200 answers: {failures}")
    say("  (SQL execute = cursor.execute only; on SQLite, rows a query yields after the first")
    say("   are computed while fetching, which counts in the step that runs the query.)")


# -- the run ---------------------------------------------------------------------------------------


@dataclass
class BackendResult:
    backend: str
    seed: SeedFigures | None = None
    resolver: ResolverFigures | None = None
    response_bytes: int = 0
    runs: list[LoadFigures] = field(default_factory=list)
    skipped: str | None = None


def run_backend(backend: str, url: str, args: argparse.Namespace) -> BackendResult:
    result = BackendResult(backend)
    heading(f"{backend}: {make_url(url).render_as_string()}   ({uptime()})")
    result.seed = prepare(url, args.per_municipality)
    print_seed(result.seed)

    result.resolver = time_resolver(url, args.resolver_calls)
    print_resolver(result.resolver)

    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        mix = synthetic.build_query_mix(session, PlaceResolver.from_session(session), 5000)
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
        v1, hsds = synthetic.build_paired_mixes(session, PlaceResolver.from_session(session))
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
