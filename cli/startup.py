"""What `make run` shows on the console: the seed's notes once, checks of what the run needs,
each long step announced, and the addresses once the server is up (issue 19)."""

from __future__ import annotations

import contextlib
import hashlib
import re
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import httpx
import typer
from fastapi import FastAPI
from rich.console import Console
from rich.panel import Panel
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from directory.service_store import SeedReport
from infra.config import get_settings

console = Console()
errors = Console(stderr=True)


def seed_notes(report: SeedReport) -> list[str]:
    """What a maintainer of the data may want to fix, one line each."""
    notes = []
    if report.unknown_coverage:
        notes.append(
            f"[yellow]Coverage not stated (kept unknown, not shown for any place): "
            f"{', '.join(report.unknown_coverage)}"
        )
    for service_id, raw, reason in report.unresolved_coverage:
        notes.append(f"[yellow]Coverage not mapped[/]: {service_id}: {raw!r}: {reason}")
    for service_id, raw, note in report.approximate_coverage:
        notes.append(f"[cyan]Coverage approximated[/]: {service_id}: {raw!r}: {note}")
    for service_id, place in report.unresolved_addresses:
        notes.append(f"[yellow]Address place not resolved[/]: {service_id}: {place!r}")
    return notes


def notes_are_new(notes: list[str]) -> bool:
    """Whether these notes differ from the ones last listed on this machine (then remembered)."""
    from bot.stack import cache_dir

    digest = hashlib.sha256("\n".join(notes).encode()).hexdigest()[:16]
    shown = cache_dir() / "seed-notes-listed"
    if shown.exists() and shown.read_text(encoding="utf-8").strip() == digest:
        return False
    shown.write_text(digest, encoding="utf-8")
    return True


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, or None."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            return (
                f"Port {port} on {host} is taken ({error.strerror}): stop what uses it "
                f"(another Passerelle?), or choose another: make run PORT={port + 1}"
            )
    return None


def database_problem(url: str) -> str | None:
    """Why the database named in the settings cannot be reached, or None (SQLite is a file)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return None
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # any driver's refusal: the line below says what to do
        where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
        return (
            f"DATABASE_URL names PostgreSQL at {where}, which does not answer "
            f"({type(error).__name__}): start it, or unset DATABASE_URL to use SQLite"
        )
    return None


def redis_problem(url: str | None) -> str | None:
    """Why the Redis named in REDIS_URL cannot be reached, or None (unset: memory)."""
    if not url:
        return None
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return (
            f"REDIS_URL names a Redis that does not answer ({type(error).__name__}): start "
            "it, or unset REDIS_URL to keep rate limits in memory"
        )
    return None


def addresses(base: str, assistant: bool) -> list[tuple[str, str]]:
    """What to open once the server is up."""
    return [
        ("Demo municipality page, with the chat widget", f"{base}/demo"),
        ("Frontline search", f"{base}/search"),
        ("Admin pages", f"{base}/admin"),
        ("API documentation", f"{base}/docs"),
        *([] if assistant else [("Chat", "the written fallback only (no assistant)")]),
    ]


FIRST_ADMIN = (
    ".venv/bin/passerelle users create --email you@example.org --role admin (asks for a password)"
)


def banner(base: str, assistant: bool) -> Panel:
    lines = Table.grid(padding=(0, 2))
    for what, where in addresses(base, assistant):
        lines.add_row(what, f"[bold]{where}[/]")
    lines.add_row("", "")
    lines.add_row("First admin account", FIRST_ADMIN)
    lines.add_row("Stop", "Ctrl+C")
    return Panel(lines, title="Passerelle is ready", title_align="left", border_style="green")


def announce_when_up(console: Console, host: str, port: int, assistant: bool) -> threading.Event:
    """Print the banner once the server answers its health check (in the background, until
    the returned event is set)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    base = f"http://{shown}:{port}"
    stop = threading.Event()

    def wait() -> None:
        while not stop.wait(0.5):
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    console.print(banner(base, assistant))
                    return
            except httpx.HTTPError:
                pass

    threading.Thread(target=wait, name="ready-banner", daemon=True).start()
    return stop


def preflight(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Check what a run needs (the port, and the database and Redis the settings name); one
    line per problem, with what to do."""
    settings = get_settings()
    problems = [
        problem
        for problem in (
            port_problem(host, port),
            database_problem(settings.database_url),
            redis_problem(settings.redis_url),
        )
        if problem
    ]
    for problem in problems:
        errors.print(f"[red]{problem}", soft_wrap=True)
    if problems:
        raise typer.Exit(1)


def served_app() -> FastAPI:
    """The application as `passerelle serve` runs it: Python warnings go through the logs
    (captured before the application's imports, which raise some)."""
    from infra.logs import capture_warnings

    capture_warnings()
    from api.main import create_app

    return create_app()


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    reload: bool = False,
    assistant: Annotated[
        bool, typer.Option(help="Also train if needed and run Rasa and the action server")
    ] = False,
) -> None:
    """Serve the API and web pages (and, with --assistant, the chat assistant behind them).

    Logs are readable lines in development, JSON lines in production (PASSERELLE_LOG_FORMAT
    chooses). Behind a reverse proxy, set FORWARDED_ALLOW_IPS to its address so that rate
    limits see real clients; otherwise X-Forwarded-For is ignored.
    """
    import uvicorn

    from infra.logs import logging_config

    problem = port_problem(host, port)
    if problem:  # said now rather than after minutes of training
        errors.print(f"[red]{problem}", soft_wrap=True)
        raise typer.Exit(1)

    def api(with_assistant: bool) -> None:
        banner_done = announce_when_up(console, host, port, with_assistant)
        try:
            serve_uvicorn()
        finally:
            banner_done.set()

    def serve_uvicorn() -> None:
        uvicorn.run(
            "cli.startup:served_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            reload=reload,
            server_header=False,
            proxy_headers=bool(get_settings().trusted_proxies),
            forwarded_allow_ips=get_settings().trusted_proxies or None,
            access_log=False,  # uvicorn's access log records query strings (search terms)
            log_config=logging_config(get_settings()),
            # Workers import spaCy and warm their caches before answering uvicorn's ping.
            timeout_worker_healthcheck=30,
        )

    if not assistant:
        api(False)
        return
    if not start_assistant(lambda: api(True)):
        console.print(
            "Starting the directory without the assistant: the chat answers with its "
            "written fallback (112, 101 and the helplines)."
        )
        api(False)


def step(what: str) -> float:
    console.print(f"[bold]==>[/] {what}", soft_wrap=True)
    return time.perf_counter()


def done(what: str, started: float) -> None:
    console.print(f"    {what} in {time.perf_counter() - started:.0f} s.", soft_wrap=True)


def start_assistant(serve_api: Callable[[], None]) -> bool:
    """Build Rasa's environment and train if needed, start Rasa and the action server, and
    serve the API while they run. False, having said why, when the assistant cannot start."""
    from bot import stack

    for port in (5005, 5055):
        problem = port_problem("127.0.0.1", port)
        if problem:
            errors.print(f"[yellow]The assistant needs port {port}: {problem.split(': ', 1)[1]}")
            return False
    log_path = stack.cache_dir() / "assistant.log"
    with log_path.open("wb") as log:
        if not stack.rasa_env_ready():
            started = step(
                "Building the assistant's environment: Python 3.10 with Rasa 3.6 "
                "(1-2 minutes, once; later runs reuse it)"
            )
        else:
            started = 0.0
        try:
            stack.rasa_env()
        except subprocess.CalledProcessError as error:
            lines = (error.stderr or "").strip().splitlines()
            errors.print(f"[yellow]{lines[-1] if lines else 'The assistant environment failed.'}")
            return False
        if started:
            done("Built", started)
        if stack.model_path().exists():
            step(f"Using the trained assistant from the cache ({stack.model_path().name})")
        else:
            started = step(
                "Training the assistant on its data (about 2 minutes on 2 cores, once for these "
                f"data; later runs reuse it). Rasa's log: {log_path}"
            )
            with training_progress(log_path):
                try:
                    stack.train(log=log.fileno())
                except subprocess.CalledProcessError:
                    errors.print(f"[red]Training stopped; the end of {log_path}:")
                    errors.print(tail(log_path), markup=False, highlight=False)
                    return False
            done("Trained", started)
        started = step("Starting Rasa and the action server (10 to 40 s)")
        try:
            with stack.running(stack.model_path(), log=log.fileno()):
                done("Assistant ready", started)
                serve_api()
        except (RuntimeError, TimeoutError) as error:
            errors.print(f"[yellow]The assistant did not start ({error}); the end of {log_path}:")
            errors.print(tail(log_path), markup=False, highlight=False)
            return False
    return True


def tail(path: Path, lines: int = 20) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


@contextlib.contextmanager
def training_progress(log_path: Path) -> Iterator[None]:
    """Rasa's own progress (the component being trained, DIET's epochs), read from its log, on
    one line that updates itself (on a terminal; elsewhere nothing)."""
    stop = threading.Event()
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
        console=console, transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("starting", total=None)

        def follow() -> None:
            while not stop.wait(1.0):
                text = log_path.read_text(errors="replace")[-4000:]
                component = re.findall(r"Starting to train component '(\w+)'", text)
                epochs = re.findall(r"Epochs:\s+(\d+)%", text)
                description = component[-1] if component else "reading the data"
                if epochs and description == "DIETClassifier":
                    description += f", {epochs[-1]} % of its epochs"
                progress.update(task, description=description)

        thread = threading.Thread(target=follow, daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()
