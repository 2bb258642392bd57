"""The import/export API: attachments, dry runs, atomic applies, batch revert, no 500s."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.admin.conftest import Headers


def export(client: TestClient, headers: Headers, format: str = "csv") -> bytes:
    response = client.get("/v1/admin/export", params={"format": format}, headers=headers)
    assert response.status_code == 200, response.text
    return response.content


def test_export_needs_a_login(client: TestClient) -> None:
    assert client.get("/v1/admin/export").status_code == 401
    assert client.post("/v1/admin/import", content=b"").status_code == 401


def test_export_formats(client: TestClient, admin: Headers) -> None:
    for format, media, extension in [
        ("csv", "text/csv", "csv"),
        ("hsds", "application/json", "json"),
        ("ndjson", "application/x-ndjson", "ndjson"),
    ]:
        response = client.get("/v1/admin/export", params={"format": format}, headers=admin)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media)
        assert response.headers["content-disposition"].endswith(f'.{extension}"')
    rows = list(
        csv.DictReader(io.StringIO(export(client, admin).decode("utf-8-sig")), delimiter=";")
    )
    assert len(rows) >= 90 and rows[0]["id"] and "name_nl" in rows[0]
    bad = client.get("/v1/admin/export", params={"format": "xml"}, headers=admin)
    assert bad.status_code == 422


def test_dry_run_then_apply_then_nothing(client: TestClient, admin: Headers) -> None:
    text = export(client, admin).decode("utf-8-sig")
    header, first, *rest = text.splitlines()
    service_id = first.split(";", 1)[0]
    changed = "\n".join([header, first.replace(service_id, "aide-api-test", 1), *rest])
    dry = client.post("/v1/admin/import", content=changed.encode(), headers=admin)
    assert dry.status_code == 200, dry.text
    body = dry.json()
    assert body["applied"] is False and body["created"] == ["aide-api-test"]
    assert body["problems"] == [] and body["rows"] == len(rest) + 1

    applied = client.post(
        "/v1/admin/import", params={"apply": "true"}, content=changed.encode(), headers=admin
    )
    assert applied.status_code == 200, applied.text
    batch = applied.json()["batch_id"]
    assert applied.json()["applied"] is True
    history = client.get("/v1/admin/services/aide-api-test/history", headers=admin).json()
    assert [(c["action"], c["batch_id"]) for c in history["contents"]] == [("create", batch)]

    again = client.post(
        "/v1/admin/import", params={"apply": "true"}, content=changed.encode(), headers=admin
    )
    assert again.json()["created"] == again.json()["updated"] == []

    undone = client.post(f"/v1/admin/import/{batch}/revert", headers=admin)
    assert undone.status_code == 200, undone.text
    assert undone.json()["reverted"] == ["aide-api-test"]
    record = client.get("/v1/admin/services/aide-api-test", headers=admin).json()["record"]
    assert record["status"] == "archived"
    assert client.post("/v1/admin/import/nope/revert", headers=admin).status_code == 404


def test_a_bad_file_with_apply_is_a_422_naming_the_problems(
    client: TestClient, admin: Headers
) -> None:
    data = b"id;name_fr;kind;audiences;source_urls\nbon;Bon;helpline;victim;https://e.org/\nx;;;;\n"
    response = client.post(
        "/v1/admin/import", params={"apply": "true"}, content=data, headers=admin
    )
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert {(p["row"], p["field"]) for p in problems} >= {(3, "kind"), (3, "audiences")}
    assert response.json()["applied"] is False
    assert client.get("/v1/admin/services/bon", headers=admin).status_code == 404


def test_an_editor_cannot_import_outside_their_area(
    client: TestClient, editor_gent: Headers, admin: Headers
) -> None:
    data = export(client, admin, "ndjson")
    response = client.post(
        "/v1/admin/import",
        params={"format": "ndjson", "apply": "true"},
        content=data,
        headers=editor_gent,
    )
    assert response.status_code == 422
    assert {p["field"] for p in response.json()["problems"]} == {"coverage"}


def test_a_large_file_is_refused(client: TestClient, admin: Headers) -> None:
    response = client.post("/v1/admin/import", content=b"x" * (10 * 1024 * 1024 + 1), headers=admin)
    assert response.status_code == 413


def test_openapi_documents_the_endpoints_and_their_security(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, method in [
        ("/v1/admin/export", "get"),
        ("/v1/admin/import", "post"),
        ("/v1/admin/import/{batch_id}/revert", "post"),
    ]:
        assert paths[path][method]["security"] == [{"HTTPBearer": []}]
    assert "text/csv" in paths["/v1/admin/import"]["post"]["requestBody"]["content"]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=200)
    | st.text(max_size=200).map(lambda t: ("id;name_fr;kind\n" + t).encode()),
    format=st.sampled_from(["csv", "hsds", "ndjson"]),
    apply=st.booleans(),
)
def test_arbitrary_files_never_fail(
    client: TestClient, admin: Headers, data: bytes, format: str, apply: bool
) -> None:
    response = client.post(
        "/v1/admin/import",
        params={"format": format, "apply": str(apply).lower()},
        content=data,
        headers=admin,
    )
    assert response.status_code in (200, 422), response.text
    assert "problems" in response.json()
    assert not response.json()["applied"] or response.json()["problems"] == []
