"""Accounts for the admin tests: an admin, an editor for Liège, an editor for Gent."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from directory.accounts import Role, create_account, issue_token
from directory.vocab import Scope

PASSWORD = "correct horse battery staple"
Headers = dict[str, str]


def _headers(session: Session, email: str, role: Role, areas: list[tuple[Scope, str]]) -> Headers:
    account = create_account(session, email=email, password=PASSWORD, role=role, areas=areas)
    token = issue_token(session, account, dt.datetime.now(dt.UTC)).token
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def admin(session: Session) -> Headers:
    return _headers(session, "admin@example.org", Role.ADMIN, [])


@pytest.fixture
def editor_liege(session: Session) -> Headers:
    # The province of Liège: Liège, Herstal, Verviers… are inside, Namur and the region are not.
    return _headers(session, "liege@example.org", Role.EDITOR, [(Scope.PROVINCE, "60000")])


@pytest.fixture
def editor_gent(session: Session) -> Headers:
    return _headers(session, "gent@example.org", Role.EDITOR, [(Scope.MUNICIPALITY, "44021")])


def read(client: TestClient, service_id: str, headers: Headers) -> tuple[dict[str, object], str]:
    response = client.get(f"/v1/admin/services/{service_id}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["record"], response.headers["ETag"]
