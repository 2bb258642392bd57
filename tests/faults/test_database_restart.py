"""PostgreSQL restarted (or stopped for a while) under a search load, the API left running.

The API runs as a real uvicorn process on a private cluster (see conftest.py); a few clients
search in a loop while the cluster restarts. While the database is away the searches go on
from the process's snapshot of the directory (`directory.snapshot`), never a 500 or a trace;
what needs the database answers 503 with a JSON message and Retry-After. Once it is back the
same process follows the database again within seconds (the pool's pre-ping drops the dead
connections).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from tests.faults.conftest import SEEDED, ApiProcess, PrivatePostgres, api_process

CLIENTS = 4
QUERIES = (
    "/v1/services?q=violence&municipality=Gent",
    "/v1/services?q=geweld&municipality=Antwerpen&lang=nl",
    "/v1/services?municipality=Li%C3%A8ge&audience=child",
    "/v1/services?q=hébergement&postcode=1000",
    "/v1/chat/fallback?municipality=Gent&lang=nl",
)
# Once the database is back, every search started this long after must succeed.
RECOVERY_SECONDS = 5.0
# What must never reach a client: a trace, or the name of what failed inside.
LEAKS = ("Traceback", 'File "', "OperationalError", "psycopg", "sqlalchemy", "Exception")


@dataclass(frozen=True)
class Outcome:
    started: float
    finished: float
    path: str
    status: int | None  # None: no HTTP answer at all (connection refused or reset)
    body: str
    headers: dict[str, str]


@dataclass
class SearchLoad:
    """CLIENTS threads searching in a loop, each with its own keep-alive connection."""

    base_url: str
    outcomes: list[Outcome] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _threads: list[threading.Thread] = field(default_factory=list)

    def _client(self, number: int) -> None:
        with httpx.Client(base_url=self.base_url, timeout=15) as client:
            turn = number
            while not self._stop.is_set():
                path = QUERIES[turn % len(QUERIES)]
                turn += 1
                started = time.monotonic()
                try:
                    response = client.get(path)
                    status, body, headers = response.status_code, response.text, response.headers
                except httpx.HTTPError as error:
                    status, body, headers = None, repr(error), httpx.Headers()
                outcome = Outcome(started, time.monotonic(), path, status, body, dict(headers))
                with self._lock:
                    self.outcomes.append(outcome)

    def __enter__(self) -> SearchLoad:
        for number in range(CLIENTS):
            thread = threading.Thread(target=self._client, args=(number,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def snapshot(self) -> list[Outcome]:
        with self._lock:
            return list(self.outcomes)

    def wait_for(self, predicate: Callable[[list[Outcome]], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self.snapshot()):
                return True
            time.sleep(0.05)
        return False


def successes_after(moment: float, count: int) -> Callable[[list[Outcome]], bool]:
    return lambda seen: sum(o.status == 200 and o.started >= moment for o in seen) >= count


@pytest.fixture(scope="module")
def api(
    private_postgres: PrivatePostgres, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ApiProcess]:
    name = f"restart_{uuid.uuid4().hex[:8]}"
    url = private_postgres.create_database(name, template=SEEDED)
    log = tmp_path_factory.mktemp("api") / "api.log"
    with api_process(url, log) as running:
        yield running


def check(outcomes: list[Outcome], back: float, api: ApiProcess) -> Counter[int | None]:
    """No 500 and no dropped connection; every 503 is the JSON outage answer; full recovery."""
    statuses = Counter(o.status for o in outcomes)
    context = f"statuses {dict(statuses)}; API log:\n{api.output()}"
    assert set(statuses) <= {200, 503}, context
    for outcome in outcomes:
        for leak in LEAKS:
            assert leak not in outcome.body, f"{outcome.path}: {outcome.body[:300]}"
        if outcome.status == 503:
            assert outcome.headers.get("content-type", "").startswith("application/json")
            assert outcome.headers.get("retry-after", "").isdigit(), outcome.headers
            assert "database" in httpx.Response(503, text=outcome.body).json()["message"]
    late = [o for o in outcomes if o.started >= back + RECOVERY_SECONDS]
    assert late, "the load stopped before the recovery window ended"
    failed_late = [(o.path, o.status) for o in late if o.status != 200]
    assert not failed_late, f"still failing {RECOVERY_SECONDS} s after the restart: {failed_late}"
    return statuses


def report(label: str, outcomes: list[Outcome], down: float, back: float, api: ApiProcess) -> None:
    statuses = Counter(o.status for o in outcomes)
    first_ok = min(
        (o.finished for o in outcomes if o.status == 200 and o.started >= back), default=None
    )
    last_bad = max((o.finished for o in outcomes if o.status != 200), default=None)
    log = api.output(limit=10**8)
    print(
        f"\n[{label}] {len(outcomes)} requests, statuses {dict(sorted(statuses.items()))}; "
        f"database away {back - down:.2f} s; first 200 after it was back: "
        f"{'-' if first_ok is None else f'{first_ok - back:+.2f} s'}; last non-200: "
        f"{'-' if last_bad is None else f'{last_bad - back:+.2f} s after it was back'}; "
        f"API log so far: {log.count('database unavailable')} outage line(s), "
        f"{log.count('Traceback')} trace(s)"
    )


def test_searches_survive_a_fast_restart(
    api: ApiProcess, private_postgres: PrivatePostgres
) -> None:
    with SearchLoad(api.url) as load:
        assert load.wait_for(successes_after(0, 20), timeout=60), api.output()
        down = time.monotonic()
        private_postgres.restart()
        back = time.monotonic()
        assert load.wait_for(successes_after(back + RECOVERY_SECONDS, 2 * CLIENTS), timeout=30)
    outcomes = load.snapshot()
    report("pg_ctl restart -m fast", outcomes, down, back, api)
    check(outcomes, back, api)


def test_searches_go_on_from_memory_while_the_database_is_stopped(
    api: ApiProcess, private_postgres: PrivatePostgres
) -> None:
    with SearchLoad(api.url) as load:
        assert load.wait_for(successes_after(0, 20), timeout=60), api.output()
        down = time.monotonic()
        private_postgres.stop("fast")
        try:
            stopped = time.monotonic()
            # Past several version checks (one a second): each finds the database away.
            assert load.wait_for(
                lambda seen: sum(o.status == 200 and o.started > stopped + 3 for o in seen) >= 20,
                timeout=20,
            ), "no search answered while the database was stopped"
            with httpx.Client(base_url=api.url, timeout=15) as client:
                # What reads the database itself says it is away.
                needs_database = client.get("/v1/municipalities/44021")
        finally:
            starting = time.monotonic()
            private_postgres.start()
        back = time.monotonic()
        assert load.wait_for(successes_after(back + RECOVERY_SECONDS, 2 * CLIENTS), timeout=30)
    outcomes = load.snapshot()
    report("stop, pause, start", outcomes, down, back, api)
    check(outcomes, back, api)
    during = [o for o in outcomes if stopped < o.started and o.finished < starting]
    searches = [o for o in during if o.path.startswith("/v1/services")]
    assert searches and all(o.status == 200 for o in searches), Counter(o.status for o in searches)
    assert needs_database.status_code == 503, needs_database.text
    assert "search answers from directory version" in api.output(limit=10**8)
    # The chat's fallback keeps what it last showed: the numbers do not depend on the database.
    fallbacks = [o for o in during if o.path.startswith("/v1/chat/fallback")]
    assert all(o.status == 200 for o in fallbacks), Counter(o.status for o in fallbacks)


def test_ready_reports_the_database_down_then_up(
    api: ApiProcess, private_postgres: PrivatePostgres
) -> None:
    assert httpx.get(f"{api.url}/ready", timeout=10).status_code == 200
    private_postgres.stop("fast")
    try:
        down = httpx.get(f"{api.url}/ready", timeout=10)
        # Reported, but kept in rotation: the search goes on from memory.
        assert down.status_code == 200, down.text
        body = down.json()
        assert body["status"] == "degraded" and body["checks"]["database"]["ok"] is False
        assert body["checks"]["search"]["ok"] is True
    finally:
        private_postgres.start()
    deadline = time.monotonic() + RECOVERY_SECONDS
    while (up := httpx.get(f"{api.url}/ready", timeout=10)).status_code != 200:
        assert time.monotonic() < deadline, up.text
        time.sleep(0.2)
