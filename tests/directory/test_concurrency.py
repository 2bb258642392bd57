"""Fifty editors save the same service at once, all based on the same revision.

Exactly one wins; every other one is told the service changed (Stale → HTTP 412) and gets the
current record; the history holds the one applied change and nothing else. Real transactions
in parallel threads, on both databases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from directory import editing
from directory.accounts import Role, create_account
from directory.coverage import Gazetteer
from directory.history import changes_of
from directory.models import Account, Change, Service
from directory.permissions import AreaTree
from directory.places import PlaceResolver
from directory.records import ServiceRecord
from directory.service_store import load_service

CLIENTS = 50
PROBE = "concurrency-probe"


@pytest.fixture
def probe(engine: Engine) -> Iterator[Engine]:
    now = dt.datetime.now(dt.UTC)
    with Session(engine) as session:
        admin = create_account(
            session, email="race@example.org", password="sable vert neuf lanternes", role=Role.ADMIN
        )
        editor = editing.Editor(
            admin, Gazetteer(session, PlaceResolver.from_session(session)), AreaTree({}), now
        )
        record = ServiceRecord.model_validate(
            {
                "id": PROBE,
                "name_fr": "Sonde",
                "kind": "other",
                "audiences": ["victim"],
                "coverage": ["national"],
                "source_urls": ["https://example.org/"],
            }
        )
        editing.create(session, editor, record)
        session.commit()
    yield engine
    with Session(engine) as session:
        session.execute(delete(Change).where(Change.service_id == PROBE))
        session.execute(delete(Service).where(Service.id == PROBE))
        session.execute(delete(Account).where(Account.email == "race@example.org"))
        session.commit()


def test_one_writer_wins_per_revision(probe: Engine) -> None:
    start = Barrier(CLIENTS)
    with Session(probe) as session:
        resolver = PlaceResolver.from_session(session)

    def save(n: int) -> str:
        with Session(probe) as session:
            account = session.scalar(select(Account).where(Account.email == "race@example.org"))
            assert account is not None
            gazetteer = Gazetteer(session, resolver)
            editor = editing.Editor(account, gazetteer, AreaTree({}), dt.datetime.now(dt.UTC))
            record, revision = editing.read(session, editor, PROBE)
            session.rollback()  # start the write from a fresh transaction, as a request would
            start.wait()
            try:
                editing.save(
                    session, editor, record.model_copy(update={"notes": f"writer {n}"}), revision
                )
                session.commit()
                return "saved"
            except editing.Stale:
                session.rollback()
                return "stale"

    with ThreadPoolExecutor(CLIENTS) as pool:
        outcomes = list(pool.map(save, range(CLIENTS)))

    assert outcomes.count("saved") == 1
    assert outcomes.count("stale") == CLIENTS - 1
    with Session(probe) as session:
        service = load_service(session, PROBE)
        assert service is not None and service.revision == 2
        history = changes_of(session, PROBE)
        assert [c.action for c in history] == ["update", "create"]
        assert history[0].after is not None and history[0].after["notes"] == service.notes
