"""The app in a uvicorn subprocess and a load generator in another: raw HTTP/1.1 keep-alive
connections on asyncio, latency percentiles, throughput and CPU per request."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench.synthetic` when run as `python bench/search.py`

import httpx  # noqa: E402

from bench.common import (  # noqa: E402
    free_port,
    load_average,
    percentile,
    process_cpu_seconds,
    receive,
    say,
    system_cpu,
    table,
)
from bench.memory import worker_rss_mb  # noqa: E402


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
    worker_rss_mb: list[float] = field(default_factory=list)  # each worker's, after the run
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
    workers_rss = worker_rss_mb(server.pid)
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
        worker_rss_mb=workers_rss,
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
                " / ".join(f"{mb:.0f}" for mb in r.worker_rss_mb),
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
            "worker RSS MB",
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
