"""Fault injection: a private PostgreSQL cluster, the API as a real process, table fingerprints.

The machine's shared PostgreSQL server is never stopped or reconfigured here: the tests that
restart a database or make one read-only get a cluster of their own (`initdb` into a temporary
directory, a free port, trust authentication), stopped and deleted at the end even when a test
fails. When the PostgreSQL binaries are missing, or the cluster cannot start, those tests are
skipped with the reason.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, create_engine, select, text

from bot.stack import free_port
from directory.models import Base
from infra import usage  # noqa: F401 (its table joins the metadata)
from infra.config import PROJECT_ROOT
from infra.db import make_engine
from tests.conftest import _migrate_and_load

SEEDED = "passerelle_seeded"
# What an import may touch: the services, their parts, and the history of changes.
IMPORT_TABLES = (
    "organization",
    "service",
    "phone",
    "schedule",
    "service_area",
    "language",
    "attribute",
    "location",
    "service_at_location",
    "change",
)


def _postgres_bin() -> Path | None:
    """PASSERELLE_PG_BIN, else the newest /usr/lib/postgresql/<version>/bin, else the PATH."""
    if os.environ.get("PASSERELLE_PG_BIN"):
        return Path(os.environ["PASSERELLE_PG_BIN"])
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    for candidate in reversed(versions):
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@dataclass
class PrivatePostgres:
    """One throwaway cluster: data and socket in `root`, listening on 127.0.0.1:`port`."""

    bin: Path
    root: Path
    port: int
    as_postgres: bool  # running as root: the server runs as the `postgres` OS user

    @property
    def data(self) -> Path:
        return self.root / "data"

    def run(self, *command: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        return subprocess.run(
            [*prefix, *command],
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )

    def pg_ctl(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), *args, timeout=timeout)

    def start(self) -> None:
        options = (
            f"-k {self.root} -p {self.port} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c max_connections=60"
        )
        done = self.pg_ctl(
            "-l", str(self.root / "server.log"), "-w", "-t", "30", "-o", options, "start"
        )
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl start failed: {done.stdout}{done.stderr}{self.log()}")

    def stop(self, mode: str = "fast") -> None:
        done = self.pg_ctl("-w", "-t", "30", "-m", mode, "stop")
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl stop failed: {done.stdout}{done.stderr}")

    def restart(self) -> None:
        # -l again: without it the new postmaster would hold this process's pipes open.
        log = str(self.root / "server.log")
        done = self.pg_ctl("-l", log, "-w", "-t", "30", "-m", "fast", "restart")
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl restart failed: {done.stdout}{done.stderr}{self.log()}")

    def log(self) -> str:
        path = self.root / "server.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self) -> Engine:
        return create_engine(self.url(), isolation_level="AUTOCOMMIT")

    def create_database(self, name: str, template: str | None = None) -> str:
        engine = self.admin()
        try:
            with engine.connect() as connection:
                clause = f' TEMPLATE "{template}"' if template else ""
                connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        finally:
            engine.dispose()
        return self.url(name)

    def teardown(self) -> None:
        """Stop the server whatever state it is in, then delete the cluster."""
        if (self.data / "postmaster.pid").exists():
            done = self.pg_ctl("-w", "-t", "20", "-m", "immediate", "stop", timeout=30)
            pid_file = self.data / "postmaster.pid"
            if done.returncode != 0 and pid_file.exists():
                pid = int(pid_file.read_text().split()[0])
                # This cluster's postmaster, by its id, and only if it still runs on our data.
                with contextlib.suppress(OSError):
                    if str(self.data) in Path(f"/proc/{pid}/cmdline").read_text(errors="replace"):
                        os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.root, ignore_errors=True)


def _cluster_unavailable() -> str | None:
    if _postgres_bin() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) not found; set PASSERELLE_PG_BIN"
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root without runuser: initdb refuses to run as root"
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' OS user to run initdb as"
    return None


@pytest.fixture(scope="package")
def private_postgres() -> Iterator[PrivatePostgres]:
    """A PostgreSQL cluster for this package alone, with a migrated and seeded template database."""
    reason = _cluster_unavailable()
    if reason:
        pytest.skip(f"private PostgreSQL cluster: {reason}")
    bin_dir = _postgres_bin()
    assert bin_dir is not None
    root = Path(tempfile.mkdtemp(prefix="passerelle-pg-"))
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(root, "postgres")
    cluster = PrivatePostgres(bin_dir, root, free_port(), as_postgres)
    try:
        done = cluster.run(
            str(bin_dir / "initdb"),
            "-D",
            str(cluster.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        if done.returncode != 0:
            pytest.skip(f"private PostgreSQL cluster: initdb failed: {done.stderr.strip()}")
        try:
            cluster.start()
        except RuntimeError as error:
            pytest.skip(f"private PostgreSQL cluster did not start: {error}")
        engine = make_engine(cluster.create_database(SEEDED))
        try:
            _migrate_and_load(engine, seed=True)
        finally:
            engine.dispose()
        yield cluster
    finally:
        cluster.teardown()


@pytest.fixture(scope="package")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, seeded SQLite file for this package; tests work on copies (`copy_sqlite`)."""
    path = tmp_path_factory.mktemp("seeded") / "passerelle.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        _migrate_and_load(engine, seed=True)
    finally:
        engine.dispose()
    return path


def copy_sqlite(source: Path, target: Path) -> str:
    """A consistent copy (SQLite's backup API, WAL included); returns its URL."""
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
    return f"sqlite:///{target}"


def fingerprint(engine: Engine) -> dict[str, tuple[int, str]]:
    """Per table: the row count and a SHA-256 of every row, in primary-key order."""
    found: dict[str, tuple[int, str]] = {}
    with engine.connect() as connection:
        for name in IMPORT_TABLES:
            table = Base.metadata.tables[name]
            rows = connection.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest = hashlib.sha256()
            for row in rows:
                digest.update(repr(tuple(row)).encode())
            found[name] = (len(rows), digest.hexdigest())
    return found


@dataclass
class ApiProcess:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self, limit: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-limit:] if self.log.exists() else ""


@contextmanager
def api_process(database_url: str, log: Path, **env: str) -> Iterator[ApiProcess]:
    """`uvicorn api.main:create_app` as its own process, stopped at the end whatever happens."""
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PASSERELLE_ENV": "development",
        "PASSERELLE_LOG_FORMAT": "text",
        # A load test from one address: the per-client limits would answer 429 to it.
        "PASSERELLE_RATE_LIMIT_SEARCH": "0",
        "PASSERELLE_RATE_LIMIT_CHAT": "0",
        **env,
    }
    environment.pop("REDIS_URL", None)
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.main:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    api = ApiProcess(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the API exited with {process.returncode}:\n{api.output()}")
            try:
                if httpx.get(f"{api.url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"the API did not answer within 60 s:\n{api.output()}")
            time.sleep(0.2)
        yield api
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
