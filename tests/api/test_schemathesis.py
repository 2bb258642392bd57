"""Schemathesis against the live OpenAPI schema: no 5xx, no response the schema does not describe.

The app runs on a free port (uvicorn, as in production) on a freshly migrated and seeded SQLite
database of its own, so the fuzzer's writes (new services, archives, imports, logouts…) touch
nothing another test reads. Every operation of the schema is fuzzed, public and admin; the admin
ones with an admin's bearer token. Schemathesis's three phases run for each: the schema's
examples, its coverage cases (boundaries, missing and wrong parameters, no token…) and
`EXAMPLES_PER_OPERATION` random cases, half of them invalid on purpose. The seed is fixed
(`derandomize`), so a run is repeatable; the last test checks the run sent at least `MIN_CASES`.

Nothing is excluded. Adjustments, each for a reason:
- The assistant is down (its URL is a closed port): `POST /v1/chat` is fuzzed through its
  fallback, which must never fail either. Rate limits are off: one client sends every case.
- `POST /v1/admin/logout` revokes the token it is sent with, so it gets a token of its own.
- `POST /v1/admin/import`: no `negative_data_rejection`; see `test_api_matches_its_openapi_schema`.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from api.main import create_app
from bot.stack import free_port
from directory.accounts import Role, create_account, issue_token
from infra.config import Settings, get_settings
from infra.db import make_engine
from tests.conftest import _migrate_and_load
from tests.web.conftest import CLOSED_PORT_URL, LiveServer

MIN_CASES = 1_000
EXAMPLES_PER_OPERATION = 50
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,  # every status is documented
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.negative_data_rejection,  # what the schema forbids is refused
    schemathesis.checks.ignored_auth,  # admin endpoints refuse a missing or wrong token
]


def _settings() -> Settings:
    return get_settings().model_copy(
        update={"rasa_url": CLOSED_PORT_URL, "rate_limit_chat": 0, "rate_limit_search": 0}
    )


# Schemathesis builds its cases while pytest collects, so the schema is loaded now, from an app
# on a database that is never opened; the `live` fixture checks its server serves the same.
schema = schemathesis.openapi.from_dict(
    create_app(settings=_settings(), engine=create_engine("sqlite://")).openapi()
)
OPERATIONS = {result.ok().label for result in schema.get_all_operations()}
# The import's NDJSON body is text, one record per line.
schemathesis.serializer.alias("application/x-ndjson", "text/plain")

# Tokens of two admins, chosen now for the same reason; the `live` fixture issues them.
TOKENS = {"admin": secrets.token_urlsafe(32), "logout": secrets.token_urlsafe(32)}


@(
    schema.auth(refresh_interval=None)
    .apply_to(path_regex="^/v1/admin/")
    .skip_for(path="/v1/admin/login")
)
class AdminToken:
    """The credentials of the schema's `HTTPBearer` scheme, so that Schemathesis's own cases
    without a token, or with a wrong one, still go out as such."""

    def get(self, case: schemathesis.Case, ctx: schemathesis.AuthContext) -> str:
        return TOKENS["logout" if case.operation.path == "/v1/admin/logout" else "admin"]

    def set(self, case: schemathesis.Case, data: str, ctx: schemathesis.AuthContext) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@dataclass
class Live:
    url: str
    cases: Counter[str] = field(default_factory=Counter)  # per operation
    statuses: dict[str, Counter[int]] = field(default_factory=dict)


def _issue(session: Session, email: str, token: str) -> None:
    account = create_account(
        session, email=email, password="fuzzy kiwi lantern ochre", role=Role.ADMIN, areas=[]
    )
    with mock.patch("secrets.token_urlsafe", return_value=token):
        issued = issue_token(session, account, dt.datetime.now(dt.UTC))
    assert issued.token == token


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The app on a free port, on a fresh database of its own, with the two admins' tokens."""
    path: Path = tmp_path_factory.mktemp("schemathesis") / "passerelle.db"
    engine = make_engine(f"sqlite:///{path}")
    _migrate_and_load(engine, seed=True)
    with Session(engine) as session:
        _issue(session, "coordinator@example.org", TOKENS["admin"])
        _issue(session, "logout@example.org", TOKENS["logout"])
        session.commit()
    server = LiveServer(create_app(settings=_settings(), engine=engine), free_port())
    server.start()
    try:
        assert httpx.get(f"{server.url}/openapi.json").json() == schema.raw_schema
        yield Live(server.url)
    finally:
        server.stop()
        engine.dispose()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_matches_its_openapi_schema(case: schemathesis.Case, live: Live) -> None:
    label = case.operation.label
    live.cases[label] += 1
    excluded = []
    if label == "POST /v1/admin/import":
        # The body is a file (`type: string`): the "invalid" bodies Schemathesis makes for it, a
        # number or an object, are text again once sent. The report judges the file's content.
        excluded.append(schemathesis.checks.negative_data_rejection)
    response = case.call_and_validate(base_url=live.url, checks=CHECKS, excluded_checks=excluded)
    live.statuses.setdefault(label, Counter())[response.status_code] += 1


def test_the_run_sent_at_least_1000_cases(live: Live) -> None:
    if set(live.cases) != OPERATIONS:
        pytest.skip("the count is for a run over every operation: run the whole module")
    total = sum(live.cases.values())
    print(f"\nSchemathesis: {total} cases over {len(OPERATIONS)} operations")
    for label in sorted(OPERATIONS):
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(live.statuses[label].items()))
        print(f"  {live.cases[label]:5d}  {label}  ({statuses})")
    assert total >= MIN_CASES
