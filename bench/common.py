"""What the benchmarks share: percentiles, printing, the machine and the code they ran on,
CPU time, free ports."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import platform
import socket
import subprocess
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench.synthetic` when run as `python bench/search.py`


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank `q`th percentile (q from 0 to 100); nan for no values."""
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
                "infra",
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


def _call(function: Callable[..., Any], args: tuple[Any, ...], conn: Any) -> None:
    try:
        conn.send(("ok", function(*args)))
    except BaseException as error:
        conn.send(("error", f"{error!r}\n{traceback.format_exc()}"))


def in_child(function: Callable[..., Any], *args: Any, what: str) -> Any:
    """`function(*args)` in a fresh (spawned) process, so that what it loads or measures is its
    own; its result, or a RuntimeError with the child's traceback."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_call, args=(function, args, child))
    process.start()
    status, payload = receive(parent, process, what)
    process.join()
    if status != "ok":
        raise RuntimeError(f"{what} failed:\n{payload}")
    return payload


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
