"""An import that the database refuses half-way: disk full, or the database read-only.

The file is valid and would update every service and add a few, through `passerelle import
--apply` and through `POST /v1/admin/import?apply=true`. The database refuses the writes:
- SQLite full: `PRAGMA max_page_count` a few pages above the current size, on every connection,
  so SQLite answers SQLITE_FULL ("database or disk is full") part-way through;
- SQLite read-only: the file opened with `?mode=ro`;
- PostgreSQL read-only: a database of the private cluster with
  `default_transaction_read_only = on`;
- PostgreSQL full at COMMIT (where a full WAL disk shows): a deferred trigger raising
  SQLSTATE 53100 (disk_full) when the import commits.
Each time the answer is clear (the API: a JSON 503 saying what is wrong and that nothing was
changed; the CLI: one line and exit code 3, no trace) and the services, their parts and the
history are exactly as before, row for row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from api.main import create_app
from cli import app as cli
from directory import exchange
from directory.accounts import Role, create_account, issue_token
from infra.config import Settings, get_settings
from infra.db import make_engine
from tests.faults.conftest import SEEDED, PrivatePostgres, copy_sqlite, fingerprint

NEW_SERVICES = 20
LEAKS = ("Traceback", 'File "', "OperationalError", "InternalError", "sqlite3", "psycopg")


@dataclass
class Fault:
    """A seeded database, and how to reach it while it refuses writes."""

    name: str
    url: str  # the database as it normally is
    faulty_url: str  # the URL the refusing engine connects to
    on_connect: Callable[[Any, Any], None] | None  # and what it does to each new connection
    words: tuple[str, ...]  # what the message must say
    breaking: tuple[str, ...] = ()  # SQL that makes the database refuse, run once prepared
    writes: int = 0  # INSERT/UPDATE/DELETE statements the database accepted before refusing

    def engine(self) -> Engine:
        engine = make_engine(self.faulty_url)
        if self.on_connect is not None:
            event.listen(engine, "connect", self.on_connect)
        event.listen(engine, "after_cursor_execute", self._count)
        return engine

    def _count(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            self.writes += 1

    def break_it(self) -> None:
        if not self.breaking:
            return
        engine = make_engine(self.url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            for statement in self.breaking:
                connection.execute(text(statement.format(database=engine.url.database)))
        engine.dispose()


def _almost_full(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    pages = cursor.execute("PRAGMA page_count").fetchone()[0]
    cursor.execute(f"PRAGMA max_page_count = {pages + 3}")
    cursor.close()


# A disk that fills up as the import commits: PostgreSQL writes the WAL at COMMIT, so that is
# where "could not extend file" comes. A deferred trigger raises the same SQLSTATE (53100) there.
FULL_AT_COMMIT = (
    """CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'
    USING ERRCODE = 'disk_full'; END $$""",
    """CREATE CONSTRAINT TRIGGER disk_full AFTER INSERT ON change
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION disk_full()""",
)
READ_ONLY = ('ALTER DATABASE "{database}" SET default_transaction_read_only = on',)


@pytest.fixture(
    params=[
        "sqlite-full",
        "sqlite-read-only",
        "postgresql-read-only",
        "postgresql-full-at-commit",
    ]
)
def fault(request: pytest.FixtureRequest, tmp_path: Path, seeded_sqlite: Path) -> Iterator[Fault]:
    if request.param == "sqlite-full":
        url = copy_sqlite(seeded_sqlite, tmp_path / "full.db")
        yield Fault(request.param, url, url, _almost_full, ("full",))
    elif request.param == "sqlite-read-only":
        path = tmp_path / "read-only.db"
        url = copy_sqlite(seeded_sqlite, path)
        yield Fault(
            request.param, url, f"sqlite:///file:{path}?mode=ro&uri=true", None, ("read-only",)
        )
    else:
        cluster: PrivatePostgres = request.getfixturevalue("private_postgres")
        name = f"refusing_{uuid.uuid4().hex[:8]}"
        url = cluster.create_database(name, template=SEEDED)
        if request.param == "postgresql-read-only":
            yield Fault(request.param, url, url, None, ("read-only",), READ_ONLY)
        else:
            yield Fault(request.param, url, url, None, ("full",), FULL_AT_COMMIT)
        admin = cluster.admin()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _admin_token(url: str) -> str:
    engine = make_engine(url)
    with Session(engine) as session:
        account = create_account(
            session, email="ops@example.org", password="correct horse battery", role=Role.ADMIN
        )
        token = issue_token(session, account, dt.datetime.now(dt.UTC)).token
        session.commit()
    engine.dispose()
    return token


def _import_file(url: str) -> bytes:
    """Every service with a changed description, and NEW_SERVICES new ones (CSV)."""
    engine = make_engine(url)
    with Session(engine) as session:
        text_ = exchange.export(session, "csv").decode("utf-8-sig")
    engine.dispose()
    header, *rows = text_.splitlines()
    columns = header.split(";")
    described = columns.index("description_fr")
    changed = []
    for row in rows:
        cells = row.split(";")
        cells[described] = (cells[described] or "Service") + " (vérifié en 2026)"
        changed.append(";".join(cells))
    for number in range(NEW_SERVICES):
        cells = changed[number].split(";")
        cells[0] = f"service-ajoute-{number}"
        changed.append(";".join(cells))
    return ("\n".join([header, *changed]) + "\n").encode("utf-8")


def _says(message: str, fault: Fault) -> None:
    folded = message.lower()
    assert all(word in folded for word in fault.words), message
    assert "nothing" in folded, message
    for leak in LEAKS:
        assert leak not in message, message


@pytest.fixture
def prepared(fault: Fault) -> tuple[bytes, str]:
    token = _admin_token(fault.url)
    data = _import_file(fault.url)
    fault.break_it()
    return data, token


def test_the_api_refuses_the_import_whole(
    fault: Fault, prepared: tuple[bytes, str], request: pytest.FixtureRequest
) -> None:
    data, token = prepared
    reference = make_engine(fault.url)
    before = fingerprint(reference)
    engine = fault.engine()
    app = create_app(Settings(database_url=fault.faulty_url), engine=engine)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/csv"}
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            dry = client.post("/v1/admin/import", content=data, headers=headers)
            assert dry.status_code == 200, dry.text
            plan = dry.json()
            assert len(plan["updated"]) >= 50 and len(plan["created"]) == NEW_SERVICES, plan
            response = client.post(
                "/v1/admin/import", params={"apply": "true"}, content=data, headers=headers
            )
    finally:
        engine.dispose()
    print(
        f"\n[{fault.name}] API: {response.status_code} after {fault.writes} writes: {response.text[:160]}"
    )
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/json")
    _says(response.json()["message"], fault)
    assert fingerprint(reference) == before
    reference.dispose()
    if "full" in fault.words:
        assert fault.writes > 0, "the database refused before the import wrote anything"


def test_the_cli_refuses_the_import_whole(
    fault: Fault,
    prepared: tuple[bytes, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data, _ = prepared
    file = tmp_path / "services.csv"
    file.write_bytes(data)
    reference = make_engine(fault.url)
    before = fingerprint(reference)
    monkeypatch.setenv("DATABASE_URL", fault.faulty_url)
    monkeypatch.setattr(cli, "make_engine", lambda url, **kwargs: fault.engine())
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli.app, ["import", str(file), "--apply"])
    finally:
        get_settings.cache_clear()
    print(
        f"\n[{fault.name}] CLI: exit {result.exit_code} after {fault.writes} writes: {result.stderr.strip()}"
    )
    assert result.exit_code == 3, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, result.stderr
    _says(errors[0], fault)
    assert fingerprint(reference) == before
    reference.dispose()
    if "full" in fault.words:
        assert fault.writes > 0, "the database refused before the import wrote anything"


def test_the_cli_says_when_the_outcome_is_unknown(
    seeded_sqlite: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The connection lost during COMMIT: the database may have the import or not, and the
    operator is told so, with the batch to look for, rather than "nothing was imported"."""
    url = copy_sqlite(seeded_sqlite, tmp_path / "lost.db")
    file = tmp_path / "services.csv"
    file.write_bytes(_import_file(url))

    def lost(_connection: Any) -> None:
        raise OperationalError("COMMIT", None, ConnectionError("server closed the connection"))

    def engine(url: str, **kwargs: Any) -> Engine:
        made = make_engine(url, **kwargs)
        event.listen(made, "commit", lost)
        return made

    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(cli, "make_engine", engine)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli.app, ["import", str(file), "--apply"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 3, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    message = result.stderr.strip()
    assert "may or may not be applied" in message and "batch " in message, message
    assert "Traceback" not in result.output
