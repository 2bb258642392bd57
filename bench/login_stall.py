"""Does logging in stall the API? /health latency idle, then under three parallel login loops.

Issue 14 (finding 4): password hashing on the event loop took /health from 2 ms to a 300 ms
median under three loops of failed logins. Two kinds of loops are measured:
- failed logins with unknown e-mails, as the probe ran them (after a few failures the address is
  slowed down and answered without hashing);
- successful logins of one account, which hash every time (the worker-thread path).
Prints figures; asserts nothing. Uses a throwaway SQLite database seeded with one admin.

    .venv/bin/python bench/login_stall.py [--seconds 10]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import percentile  # noqa: E402
from bot.stack import free_port  # noqa: E402

PASSWORD = "correct horse battery staple"


def health_while(url: str, seconds: float) -> list[float]:
    found: list[float] = []
    deadline = time.monotonic() + seconds
    with httpx.Client(base_url=url, timeout=30) as client:
        while time.monotonic() < deadline:
            start = time.perf_counter()
            client.get("/health")
            found.append((time.perf_counter() - start) * 1000)
            time.sleep(0.01)
    return found


def loop(url: str, seconds: float, email: str | None, counts: dict[int, int]) -> None:
    deadline = time.monotonic() + seconds
    with httpx.Client(base_url=url, timeout=30) as client:
        while time.monotonic() < deadline:
            body = (
                {"email": email, "password": PASSWORD}
                if email
                else {"email": f"{uuid.uuid4().hex[:8]}@example.org", "password": "wrong"}
            )
            status = client.post("/v1/admin/login", json=body).status_code
            counts[status] = counts.get(status, 0) + 1


def report(name: str, values: list[float], counts: dict[int, int] | None = None) -> None:
    line = (
        f"{name:34} n={len(values):4}  p50 {statistics.median(values):6.1f} ms"
        f"  p95 {percentile(values, 95):6.1f} ms"
    )
    print(line + (f"  logins {dict(sorted(counts.items()))}" if counts else ""))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument(
        "--code",
        type=Path,
        default=ROOT,
        help="a checkout to run (e.g. a git worktree of 'before')",
    )
    args = parser.parse_args()
    passerelle = [sys.executable, "-c", "from cli.app import app; app()"]
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "PASSERELLE_DATABASE_URL": f"sqlite:///{tmp}/bench.db",
            "PASSERELLE_PASSWORD": PASSWORD,
            "PASSERELLE_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(args.code),
        }
        env.pop("REDIS_URL", None)
        for command in (
            ["db", "upgrade"],
            ["users", "create", "--email", "bench@example.org", "--role", "admin"],
        ):
            subprocess.run(
                [*passerelle, *command], env=env, check=True, capture_output=True, cwd=args.code
            )
        port = free_port()
        server = subprocess.Popen(
            [*passerelle, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
            env=env,
            cwd=args.code,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            report("/health idle", health_while(url, args.seconds))
            # Good logins first: failed ones slow the address down for up to a minute after.
            for name, email in (
                ("/health, 3 loops of good logins", "bench@example.org"),
                ("/health, 3 loops of failed logins", None),
            ):
                # Separate processes: client threads here would share the measuring thread's GIL.
                with multiprocessing.Manager() as manager:
                    counts = manager.dict()
                    loops = [
                        multiprocessing.Process(
                            target=loop, args=(url, args.seconds + 1, email, counts)
                        )
                        for _ in range(3)
                    ]
                    for process in loops:
                        process.start()
                    time.sleep(0.5)
                    values = health_while(url, args.seconds)
                    for process in loops:
                        process.join()
                    report(name, values, dict(counts))
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
