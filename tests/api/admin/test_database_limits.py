"""What the database cannot hold is a 422 naming the field, never a 500: NUL characters (no
PostgreSQL text holds one), text longer than its column, ids beyond PostgreSQL integers.
Found by the Schemathesis run (tests/api/test_schemathesis.py) and by probing PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.admin.conftest import Headers, read

SERVICE = "cvfe-liege"
NEW = {
    "id": "limits-new",
    "name_fr": "Nouveau",
    "kind": "other",
    "audiences": ["victim"],
    "source_urls": ["https://example.org/"],
}


def _field(response_json: dict[str, object]) -> object:
    detail = response_json["detail"]
    assert isinstance(detail, list)
    return ".".join(str(part) for part in detail[0]["loc"][1:])


def test_nul_characters_are_refused_where_text_is_stored_or_looked_up(
    client: TestClient, admin: Headers
) -> None:
    record, etag = read(client, SERVICE, admin)
    writes = [
        ("PUT", f"/v1/admin/services/{SERVICE}", {**record, "notes": "a\x00b"}, "notes"),
        ("POST", "/v1/admin/services", {**NEW, "name_fr": "\x00"}, "name_fr"),
        (
            "POST",
            f"/v1/admin/services/{SERVICE}/verify",
            {"method": "phone", "note": "\x00"},
            "note",
        ),
        ("POST", "/v1/admin/suggestions/1/reject", {"note": "\x00"}, "note"),
        ("POST", "/v1/admin/login", {"email": "a\x00@example.org", "password": "x"}, "email"),
    ]
    for method, path, body, field in writes:
        response = client.request(method, path, json=body, headers={**admin, "If-Match": etag})
        assert response.status_code == 422, (path, response.text)
        assert _field(response.json()) == field
    for method, path in [
        ("GET", "/v1/admin/services/cvfe%00liege"),
        ("GET", "/v1/admin/services/cvfe%00liege/history"),
        ("POST", "/v1/admin/import/a%00b/revert"),
    ]:
        response = client.request(method, path, headers=admin)
        assert response.status_code == 422, (path, response.text)


def test_text_longer_than_its_column_is_refused(client: TestClient, admin: Headers) -> None:
    for field, value in [
        ("name_fr", "x" * 301),
        ("email", "x" * 250 + "@example.org"),
        ("website", "https://example.org/" + "x" * 500),
        ("verified_by", "x" * 201),
        ("address", {"street": "x" * 301}),
        ("address", {"municipality": "x" * 101}),
        ("phones", [{"number": "101", "label": "x" * 301}]),
        ("id", "x" * 93),  # the address's location id is `<id>-address`
    ]:
        response = client.post("/v1/admin/services", json={**NEW, field: value}, headers=admin)
        assert response.status_code == 422, (field, response.text)
        assert _field(response.json()).startswith(field)


def test_ids_beyond_postgresql_integers_are_refused(client: TestClient, admin: Headers) -> None:
    _, etag = read(client, SERVICE, admin)
    too_big = 2**31
    response = client.post(f"/v1/admin/suggestions/{too_big}/reject", json={}, headers=admin)
    assert response.status_code == 422, response.text
    response = client.post(
        f"/v1/admin/services/{SERVICE}/revert",
        json={"change_id": 2**63},
        headers={**admin, "If-Match": etag},
    )
    assert response.status_code == 422, response.text
    assert _field(response.json()) == "change_id"


def test_an_if_match_of_other_digits_is_refused(client: TestClient, admin: Headers) -> None:
    # "²".isdigit() is true, but int("²") fails: headers arrive as Latin-1.
    superscript_two = '"²"'.encode("latin-1")
    response = client.post(
        f"/v1/admin/services/{SERVICE}/archive", headers={**admin, "If-Match": superscript_two}
    )
    assert response.status_code == 422, response.text
