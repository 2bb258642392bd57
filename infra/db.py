"""Engine and session factory. Callers own the transaction: nothing here commits.

`outage()` tells the errors that come from the database's state (full, read-only, away) from
the ones that come from a request or a bug, so that the API and the command line can say what
is wrong in one sentence instead of a trace.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

Outage = Literal["full", "read-only", "unavailable"]
OUTAGES: dict[Outage, str] = {
    "full": "the database is full (no disk space left)",
    "read-only": "the database is read-only (maintenance, a failover or a replica)",
    "unavailable": "the database is unavailable",
}
# SQLite primary result codes (the low byte of an extended code).
_SQLITE: dict[int, Outage] = {
    13: "full",  # SQLITE_FULL
    8: "read-only",  # SQLITE_READONLY
    5: "unavailable",  # SQLITE_BUSY
    6: "unavailable",  # SQLITE_LOCKED
    7: "unavailable",  # SQLITE_NOMEM
    10: "unavailable",  # SQLITE_IOERR
    14: "unavailable",  # SQLITE_CANTOPEN
}
# PostgreSQL SQLSTATEs, exact or by class (the first two characters).
_SQLSTATE: dict[str, Outage] = {
    "53100": "full",  # disk_full
    "25006": "read-only",  # read_only_sql_transaction (also every write on a hot standby)
    "08": "unavailable",  # connection exceptions
    "53": "unavailable",  # insufficient resources: out of memory, too many connections
    "57P01": "unavailable",  # admin_shutdown
    "57P02": "unavailable",  # crash_shutdown
    "57P03": "unavailable",  # cannot_connect_now (starting up, shutting down)
}


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False}, hide_parameters=True, **kwargs
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # pre_ping lets the API survive a database restart without being restarted itself.
    return create_engine(url, pool_pre_ping=True, hide_parameters=True, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def outage(error: BaseException) -> Outage | None:
    """Why the database refused, when the cause is its state rather than the request:
    "full", "read-only" or "unavailable" (down, restarting, unreachable, no connection left).
    None for anything else (a constraint, a bug), which callers must not dress up as an outage."""
    if isinstance(error, PoolTimeout):
        return "unavailable"
    if not isinstance(error, DBAPIError):
        return None
    # A failed flush inside a savepoint rolls it back; after SQLITE_FULL, SQLite has already
    # dropped the whole transaction, so "no such savepoint" is raised while handling the reason.
    link: BaseException | None = error
    while link is not None:  # the errors this one was raised while handling
        if isinstance(link, DBAPIError) and (found := _coded(link)) is not None:
            return found
        link = link.__context__
    return (
        "unavailable"
        if error.connection_invalidated or isinstance(error, OperationalError | InterfaceError)
        else None
    )


def _coded(error: DBAPIError) -> Outage | None:
    """The outage a driver's error code names, if any."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE:
        return _SQLITE[code & 0xFF]
    state = getattr(error.orig, "sqlstate", None)
    if isinstance(state, str) and (state in _SQLSTATE or state[:2] in _SQLSTATE):
        return _SQLSTATE.get(state) or _SQLSTATE[state[:2]]
    return None


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
