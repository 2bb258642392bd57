"""Train the model when the bot's data changed, and run Rasa and the action server on localhost.

Rasa 3.6 lives in its own Python 3.10 environment (bot/scripts/rasa-env builds it outside the
checkout); this module only starts processes and talks HTTP. Trained models are cached outside
the checkout too, keyed by a hash of everything that goes into training, so a fresh clone on the
same machine (CI) trains only when the bot's data or configuration changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

BOT_DIR = Path(__file__).resolve().parent
TRAINING_INPUTS = ("config.yml", "domain.yml", "data", "requirements.txt", "constraints.txt")


def cache_dir() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "passerelle"
    path = Path(os.environ.get("PASSERELLE_CACHE", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


def free_port() -> int:
    """A port nothing listens on right now, on localhost."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rasa_env_ready() -> bool:
    """Whether the Rasa virtualenv of the current pins exists (else `rasa_env` builds it).

    The same key as bot/scripts/rasa-env: a hash of the requirements and constraints."""
    pins = (BOT_DIR / "requirements.txt").read_bytes() + (BOT_DIR / "constraints.txt").read_bytes()
    key = hashlib.sha256(pins).hexdigest()[:16]
    return (cache_dir() / f"rasa-venv-{key}" / ".installed").exists()


def rasa_env() -> Path:
    """The Rasa virtualenv, created on first use (about two minutes).

    Raises CalledProcessError when Python 3.10 is missing; its stderr says what to do."""
    script = BOT_DIR / "scripts" / "rasa-env"
    out = subprocess.run(["bash", str(script)], check=True, capture_output=True, text=True)
    return Path(out.stdout.strip().splitlines()[-1])


def rasa_command() -> list[str]:
    return [str(rasa_env() / "bin" / "rasa")]


def quiet_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        RASA_CACHE_DIRECTORY=str(cache_dir() / "rasa-graph-cache"),
        TF_CPP_MIN_LOG_LEVEL="2",
        # Two cores: keep TensorFlow from starting a thread pool per core per op.
        TF_INTRA_OP_PARALLELISM_THREADS="1",
        TF_INTER_OP_PARALLELISM_THREADS="1",
        PYTHONWARNINGS="ignore",
    )
    env.update(extra)
    return env


def training_key() -> str:
    digest = hashlib.sha256()
    for name in TRAINING_INPUTS:
        path = BOT_DIR / name
        files = sorted(path.rglob("*.yml")) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(BOT_DIR)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def model_path() -> Path:
    return cache_dir() / "models" / f"{training_key()}.tar.gz"


def train(*, force: bool = False, log: int | None = None) -> tuple[Path, float | None]:
    """The model for the current data; trains only when none is cached. Returns (path, seconds).

    Rasa's output goes to `log` (a file descriptor) when given."""
    target = model_path()
    if target.exists() and not force:
        return target, None
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=target.parent) as out:
        subprocess.run(
            [
                *rasa_command(),
                "train",
                "--config", "config.yml",
                "--domain", "domain.yml",
                "--data", "data",
                "--out", out,
                "--fixed-model-name", target.name.removesuffix(".tar.gz"),
            ],
            cwd=BOT_DIR,
            # Training is a batch job: both cores for TensorFlow's ops (DIET's epochs 2.9 s →
            # 2.6 s here); the servers keep one thread per op.
            env=quiet_env(TF_INTRA_OP_PARALLELISM_THREADS=str(os.cpu_count() or 1)),
            stdout=log,
            stderr=log,
            check=True,
        )  # fmt: skip
        shutil.move(Path(out) / target.name, target)
    return target, time.perf_counter() - started


def cross_validate(folds: int, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            *rasa_command(), "test", "nlu", "--nlu", "data/nlu", "--config", "config.yml",
            "--cross-validation", "--folds", str(folds), "--out", str(out), "--no-plot",
        ],
        cwd=BOT_DIR,
        env=quiet_env(),
        check=True,
    )  # fmt: skip


@dataclass
class Stack:
    rasa_url: str
    actions_url: str
    processes: list[subprocess.Popen[bytes]]

    def stop(self) -> None:
        (cache_dir() / f"endpoints-{self.rasa_url.rsplit(':', 1)[-1]}.yml").unlink(missing_ok=True)
        stop_processes(self.processes)


def stop_processes(processes: list[subprocess.Popen[bytes]], timeout: float = 20) -> None:
    """Stop each process with its whole group: the action server (sanic) and uvicorn serve from
    child processes, which would otherwise outlive their parent and keep the port."""

    def signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if os.getpgid(process.pid) == process.pid:  # started with start_new_session
                os.killpg(process.pid, sig)
            elif process.poll() is None:
                process.send_signal(sig)

    for process in processes:
        signal_group(process, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            signal_group(process, signal.SIGKILL)
            process.wait(timeout=timeout)
        signal_group(process, signal.SIGKILL)  # any child left behind by a parent that exited


def start_actions(
    port: int, *, log: int | None = None, database_url: str | None = None
) -> subprocess.Popen[bytes]:
    env = dict(os.environ, SANIC_HOST="127.0.0.1")
    if database_url:
        env["DATABASE_URL"] = database_url
    command = [sys.executable, "-m", "rasa_sdk", "--actions", "bot.actions", "--port", str(port)]
    return subprocess.Popen(
        command, cwd=BOT_DIR.parent, env=env, stdout=log, stderr=log, start_new_session=True
    )


def endpoints_yaml(actions_url: str, expire_after: int = 1800, redis_url: str | None = None) -> str:
    """Actions on localhost; conversations forgotten after 30 minutes of silence: in memory, or
    with `redis_url` (the production store, as in endpoints.production.yml) in Redis databases
    0 (conversations) and 1 (locks) of that server."""
    text = f'action_endpoint:\n  url: "{actions_url}/webhook"\n'
    if not redis_url:
        return text + (
            "tracker_store:\n"
            "  type: rasa_ext.tracker_store.ExpiringInMemoryTrackerStore\n"
            f"  expire_after: {expire_after}\n"
        )
    server = urlsplit(redis_url)
    common = f"  url: {server.hostname or '127.0.0.1'}\n  port: {server.port or 6379}\n"
    if server.password:
        common += f"  password: {json.dumps(unquote(server.password))}\n"
    if server.scheme == "rediss":
        common += "  use_ssl: true\n"
    return text + (
        f"tracker_store:\n  type: redis\n{common}  db: 0\n  record_exp: {expire_after}\n"
        "  key_prefix: passerelle\n"
        f"lock_store:\n  type: redis\n{common}  db: 1\n"
    )


def rasa_server_command(model: Path, port: int, endpoints: Path) -> list[str]:
    """`rasa run` with the speed-ups of rasa_ext/server.py (the same answers, less CPU per turn:
    bot/README.md), on localhost, REST channel only."""
    return [
        str(rasa_env() / "bin" / "python"), "-m", "rasa_ext.server",
        "run",
        "--model", str(model),
        "--endpoints", str(endpoints),
        "--credentials", "credentials.yml",
        "--interface", "127.0.0.1",
        "--port", str(port),
    ]  # fmt: skip


def start_rasa(
    model: Path, port: int, actions_url: str, *, log: int | None = None, enable_api: bool = False
) -> subprocess.Popen[bytes]:
    endpoints = cache_dir() / f"endpoints-{port}.yml"
    redis_url = os.environ.get("REDIS_URL")  # the production stores, as for the API
    endpoints.write_text(endpoints_yaml(actions_url, redis_url=redis_url), encoding="utf-8")
    command = rasa_server_command(model, port, endpoints)
    if enable_api:
        # Only for benchmarks (/model/parse): the HTTP API exposes conversations.
        command.append("--enable-api")
    # PYTHONPATH: the server's launcher and the tracker store class live in bot/rasa_ext.
    env = quiet_env(PYTHONPATH=str(BOT_DIR))
    return subprocess.Popen(
        command, cwd=BOT_DIR, env=env, stdout=log, stderr=log, start_new_session=True
    )


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with code {process.returncode} while starting")
        try:
            if httpx.get(url, timeout=1.0).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@contextmanager
def running(
    model: Path,
    *,
    rasa_port: int = 5005,
    actions_port: int = 5055,
    log: int | None = None,
    database_url: str | None = None,
) -> Iterator[Stack]:
    """Rasa and the action server, started together and stopped together."""
    actions_url = f"http://127.0.0.1:{actions_port}"
    rasa_url = f"http://127.0.0.1:{rasa_port}"
    actions = start_actions(actions_port, log=log, database_url=database_url)
    stack = Stack(rasa_url, actions_url, [actions])
    try:
        stack.processes.append(start_rasa(model, rasa_port, actions_url, log=log))
        wait_until_up(f"{actions_url}/health", actions, timeout=60)
        wait_until_up(f"{rasa_url}/", stack.processes[1], timeout=180)
        yield stack
    finally:
        stack.stop()
