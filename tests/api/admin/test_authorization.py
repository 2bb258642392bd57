"""Authorization matrix: every admin endpoint × (anonymous, editor of the area, editor of
another area, admin) → the expected status. Anonymous never gets a 2xx on a write."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.admin.conftest import Headers, read

LIEGE = "cvfe-liege"  # covers Liège and Herstal: inside the Liège editor's province
REGIONAL = "ecoute-violences-conjugales"  # region WAL + BRU: nobody but an admin

# (method, path, json body kind, expected status for: anonymous, liège editor, gent editor, admin)
MATRIX = [
    ("GET", "/v1/admin/me", None, (401, 200, 200, 200)),
    ("GET", "/v1/admin/services", None, (401, 200, 200, 200)),
    ("GET", f"/v1/admin/services/{LIEGE}", None, (401, 200, 200, 200)),
    ("GET", f"/v1/admin/services/{LIEGE}/history", None, (401, 200, 200, 200)),
    ("PUT", f"/v1/admin/services/{LIEGE}", "record", (401, 200, 403, 200)),
    ("POST", f"/v1/admin/services/{LIEGE}/verify", "verify", (401, 200, 403, 200)),
    ("POST", f"/v1/admin/services/{LIEGE}/archive", None, (401, 200, 403, 200)),
    ("PUT", f"/v1/admin/services/{REGIONAL}", "record", (401, 403, 403, 200)),
    ("POST", f"/v1/admin/services/{REGIONAL}/archive", None, (401, 403, 403, 200)),
    ("POST", "/v1/admin/services", "new-in-liege", (401, 201, 403, 201)),
    ("POST", "/v1/admin/services", "new-national", (401, 403, 403, 201)),
    ("POST", f"/v1/admin/services/{LIEGE}/restore", None, (401, 200, 403, 200)),
    ("POST", f"/v1/admin/services/{LIEGE}/revert", "revert", (401, 404, 404, 404)),
    ("GET", "/v1/admin/export?format=ndjson", None, (401, 200, 200, 200)),
    ("POST", "/v1/admin/import?format=ndjson", "import", (401, 200, 200, 200)),
    ("POST", "/v1/admin/import/no-such-batch/revert", None, (401, 404, 404, 404)),
    ("GET", "/v1/admin/suggestions", None, (401, 200, 200, 200)),
    ("POST", "/v1/admin/suggestions/999999/reject", "reject", (401, 404, 404, 404)),
    ("POST", "/v1/admin/logout", None, (401, 204, 204, 204)),
]
WHO = ["anonymous", "editor_liege", "editor_gent", "admin"]


def _body(kind: str | None, record: dict[str, object]) -> dict[str, object] | None:
    new = {
        "id": "matrix-new",
        "name_fr": "Nouveau",
        "kind": "other",
        "audiences": ["victim"],
        "source_urls": ["https://example.org/"],
    }
    return {
        None: None,
        "record": {**record, "notes": "edited in the authorization test"},
        "verify": {"method": "website"},
        "new-in-liege": {**new, "coverage": ["Liège"]},
        "new-national": {**new, "coverage": ["national"]},
        "revert": {"change_id": 999999},
        "import": None,
        "reject": {"note": "not a real suggestion"},
    }[kind]


@pytest.mark.parametrize(("method", "path", "kind", "expected"), MATRIX, ids=lambda v: str(v))
@pytest.mark.parametrize("who", range(4), ids=WHO)
def test_matrix(
    client: TestClient,
    request: pytest.FixtureRequest,
    admin: Headers,
    method: str,
    path: str,
    kind: str | None,
    expected: tuple[int, int, int, int],
    who: int,
) -> None:
    headers: Headers = {} if who == 0 else request.getfixturevalue(WHO[who])
    parts = path.split("?")[0].split("/")
    service_id = parts[4] if len(parts) > 4 and parts[3] == "services" else None
    record, etag = read(client, service_id, admin) if service_id else ({}, '"0"')
    body = _body(kind, record)
    content = b"" if kind == "import" else None
    response = client.request(
        method,
        path,
        json=body if content is None else None,
        content=content,
        headers={**headers, "If-Match": etag},
    )
    assert response.status_code == expected[who], response.text
    if who == 0:
        assert response.headers.get("WWW-Authenticate") == "Bearer"


def test_login_failures_are_throttled(client: TestClient, admin: Headers) -> None:
    for _ in range(3):
        wrong = client.post("/v1/admin/login", json={"email": "admin@example.org", "password": "x"})
        assert wrong.status_code == 401
    blocked = client.post(
        "/v1/admin/login",
        json={"email": "Admin@Example.org ", "password": "correct horse battery staple"},
    )
    assert blocked.status_code == 429  # the same account however it is typed
    # A delay, not a lock-out: a few seconds after three failures.
    assert 0 < int(blocked.headers["Retry-After"]) <= 2


def test_login_gives_a_working_token(client: TestClient, editor_gent: Headers) -> None:
    response = client.post(
        "/v1/admin/login",
        json={"email": "GENT@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/v1/admin/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["areas"] == [{"scope": "municipality", "code": "44021"}]


def test_openapi_declares_the_bearer_scheme(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


def test_every_admin_route_refuses_anonymous_callers(client: TestClient) -> None:
    """Routes added later are covered too: whatever the method, no token means 401."""
    paths = client.get("/openapi.json").json()["paths"]
    checked = 0
    for path, operations in paths.items():
        if not path.startswith("/v1/admin/") or path == "/v1/admin/login":
            continue
        concrete = path.replace("{service_id}", LIEGE).replace("{suggestion_id}", "1")
        concrete = concrete.replace("{batch_id}", "x")
        for method in operations:
            response = client.request(method.upper(), concrete, json={})
            assert response.status_code == 401, (method, path, response.status_code)
            checked += 1
    assert checked >= 17
