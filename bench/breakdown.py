"""One request of `/v1/services` broken down in process: resolver, SQL by statement, ORM,
presenters, JSON."""

from __future__ import annotations

import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench.synthetic` when run as `python bench/search.py`

from sqlalchemy import event  # noqa: E402

from bench import synthetic  # noqa: E402
from bench.common import heading, say, table  # noqa: E402
from infra.config import get_settings  # noqa: E402
from infra.db import make_engine  # noqa: E402


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
