"""Editing through the admin API: If-Match, history, revert, archive, verify."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.admin.conftest import Headers, read

SERVICE = "cvfe-liege"  # covers Liège and Herstal


def test_login_logout(client: TestClient, admin: Headers) -> None:
    assert client.get("/v1/admin/me", headers=admin).json()["role"] == "admin"
    assert client.post("/v1/admin/logout", headers=admin).status_code == 204
    assert client.get("/v1/admin/me", headers=admin).status_code == 401


def test_update_with_if_match_then_stale_write_gets_412(client: TestClient, admin: Headers) -> None:
    record, etag = read(client, SERVICE, admin)
    first = client.put(
        f"/v1/admin/services/{SERVICE}",
        json={**record, "description_fr": "Texte corrigé."},
        headers={**admin, "If-Match": etag},
    )
    assert first.status_code == 200, first.text
    assert first.headers["ETag"] != etag
    second = client.put(
        f"/v1/admin/services/{SERVICE}",
        json={**record, "description_fr": "Autre texte."},
        headers={**admin, "If-Match": etag},
    )
    assert second.status_code == 412
    assert second.json()["current"]["description_fr"] == "Texte corrigé."
    assert second.headers["ETag"] == first.headers["ETag"]


def test_write_without_if_match_is_428(client: TestClient, admin: Headers) -> None:
    record, _ = read(client, SERVICE, admin)
    response = client.put(f"/v1/admin/services/{SERVICE}", json=record, headers=admin)
    assert response.status_code == 428
    assert response.json()["message"].startswith("If-Match")


def test_invalid_record_names_the_field(client: TestClient, admin: Headers) -> None:
    record, etag = read(client, SERVICE, admin)
    bad = {**record, "phones": [{"number": "02 555"}]}
    response = client.put(
        f"/v1/admin/services/{SERVICE}", json=bad, headers={**admin, "If-Match": etag}
    )
    assert response.status_code == 422
    assert "phones.0.number" in response.json()["message"]


def _put(client: TestClient, headers: Headers, record: dict[str, object], etag: str):  # type: ignore[no-untyped-def]
    return client.put(
        f"/v1/admin/services/{SERVICE}", json=record, headers={**headers, "If-Match": etag}
    )


def test_history_and_revert(client: TestClient, admin: Headers) -> None:
    record, etag = read(client, SERVICE, admin)
    original = record["description_fr"]
    two = _put(client, admin, {**record, "description_fr": "Version deux."}, etag)
    three = _put(client, admin, {**record, "description_fr": "Version trois."}, two.headers["ETag"])
    history = client.get(f"/v1/admin/services/{SERVICE}/history", headers=admin).json()
    second, first = history["contents"]
    assert second["after"]["description_fr"] == "Version trois."
    assert (first["action"], first["actor"]) == ("update", "admin@example.org")
    assert first["changed_fields"] == ["description_fr"]
    assert (first["before"]["description_fr"], first["after"]["description_fr"]) == (
        original,
        "Version deux.",
    )
    back = client.post(
        f"/v1/admin/services/{SERVICE}/revert",
        json={"change_id": first["id"]},
        headers={**admin, "If-Match": three.headers["ETag"]},
    )
    assert back.status_code == 200, back.text
    assert back.json()["record"]["description_fr"] == "Version deux."
    actions = [
        c["action"]
        for c in client.get(f"/v1/admin/services/{SERVICE}/history", headers=admin).json()[
            "contents"
        ]
    ]
    assert actions == ["revert", "update", "update"]


def test_archive_hides_from_the_public_and_restore_brings_back(
    client: TestClient, admin: Headers
) -> None:
    _, etag = read(client, SERVICE, admin)
    archived = client.post(
        f"/v1/admin/services/{SERVICE}/archive", headers={**admin, "If-Match": etag}
    )
    assert archived.json()["record"]["status"] == "archived"
    assert client.get(f"/v1/services/{SERVICE}").status_code == 404
    public = client.get("/v1/services", params={"municipality": "Liège", "per_page": 100}).json()
    assert SERVICE not in {s["id"] for s in public["contents"]}
    restored = client.post(
        f"/v1/admin/services/{SERVICE}/restore",
        headers={**admin, "If-Match": archived.headers["ETag"]},
    )
    assert restored.json()["record"]["status"] == "active"
    assert client.get(f"/v1/services/{SERVICE}").status_code == 200


def test_verify_records_who_when_how(client: TestClient, editor_liege: Headers) -> None:
    _, etag = read(client, SERVICE, editor_liege)
    response = client.post(
        f"/v1/admin/services/{SERVICE}/verify",
        json={"method": "phone", "note": "Called the reception."},
        headers={**editor_liege, "If-Match": etag},
    )
    record = response.json()["record"]
    assert record["verification_status"] == "verified"
    assert record["verified_by"] == "liege@example.org"
    assert record["verification_method"] == "phone"
    assert client.get(f"/v1/services/{SERVICE}").json()["verification"]["status"] == "verified"


def test_public_search_sees_an_edit_at_once(client: TestClient, admin: Headers) -> None:
    record, etag = read(client, SERVICE, admin)
    client.put(
        f"/v1/admin/services/{SERVICE}",
        json={**record, "description_fr": "Un mot neuf : xylophonique."},
        headers={**admin, "If-Match": etag},
    )
    found = client.get("/v1/services", params={"q": "xylophonique"}).json()
    assert [s["id"] for s in found["contents"]] == [SERVICE]
    assert found["contents"][0]["description"] == "Un mot neuf : xylophonique."


def test_create_service_in_own_area(client: TestClient, editor_liege: Headers) -> None:
    record = {
        "id": "test-new-service",
        "name_fr": "Nouveau service",
        "kind": "other",
        "audiences": ["victim"],
        "coverage": ["Herstal"],
        "source_urls": ["https://example.org/source"],
    }
    created = client.post("/v1/admin/services", json=record, headers=editor_liege)
    assert created.status_code == 201, created.text
    assert created.headers["ETag"] == '"1"'
    again = client.post("/v1/admin/services", json=record, headers=editor_liege)
    assert again.status_code == 409


def test_coverage_must_be_placeable(client: TestClient, admin: Headers) -> None:
    record, etag = read(client, SERVICE, admin)
    bad = {**record, "coverage": [*record["coverage"], "Atlantis"]}  # type: ignore[misc]
    response = client.put(
        f"/v1/admin/services/{SERVICE}", json=bad, headers={**admin, "If-Match": etag}
    )
    assert response.status_code == 422
    assert response.json()["message"].startswith("coverage:")
    named = {**record, "coverage": [*record["coverage"], "area:Basse-Meuse"]}  # type: ignore[misc]
    accepted = client.put(
        f"/v1/admin/services/{SERVICE}", json=named, headers={**admin, "If-Match": etag}
    )
    assert accepted.status_code == 200, accepted.text


def test_phone_numbers_are_stored_as_e164(client: TestClient, admin: Headers) -> None:
    record, etag = read(client, SERVICE, admin)
    typed = {**record, "phones": [{"number": "04 223 45 67", "label": "Accueil"}]}
    response = client.put(
        f"/v1/admin/services/{SERVICE}", json=typed, headers={**admin, "If-Match": etag}
    )
    assert response.json()["record"]["phones"] == [{"number": "+3242234567", "label": "Accueil"}]
