"""Suggest a correction: the public submission, its rate limit, and the editors' review queue."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from directory.models import Suggestion
from directory.vocab import Scope
from tests.api.admin.conftest import Headers, read
from tests.factories import create_service

LIEGE = "cvfe-liege"  # covers Liège and Herstal: inside the Liège editor's province
REGIONAL = "ecoute-violences-conjugales"  # region WAL + BRU: nobody but an admin


def _suggest(client: TestClient, service_id: str = LIEGE, **extra: object) -> int:
    body = {"service_id": service_id, "message": "Le numéro a changé.", **extra}
    response = client.post("/v1/suggestions", json=body)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _queue(client: TestClient, headers: Headers, status: str | None = None) -> list[dict[str, str]]:
    params = {"status": status} if status else {}
    response = client.get("/v1/admin/suggestions", params=params, headers=headers)
    assert response.status_code == 200, response.text
    contents: list[dict[str, str]] = response.json()["contents"]
    return contents


def test_submit_returns_only_the_id_and_stores_nothing_about_the_sender(
    client: TestClient, session: Session, now: dt.datetime
) -> None:
    response = client.post(
        "/v1/suggestions",
        json={"service_id": LIEGE, "message": "  Fermé le lundi.  ", "contact_email": "a@b.be"},
        headers={"User-Agent": "distinctive-agent/1.0"},
    )
    assert response.status_code == 201
    assert set(response.json()) == {"id"}
    stored = session.get(Suggestion, response.json()["id"])
    assert stored is not None
    assert (stored.service_id, stored.message, stored.contact_email, stored.status) == (
        LIEGE,
        "Fermé le lundi.",
        "a@b.be",
        "open",
    )
    assert stored.created_at == now
    columns = [getattr(stored, c.key) for c in Suggestion.__table__.columns]
    assert not any(
        "testclient" in str(value) or "distinctive-agent" in str(value) for value in columns
    )


def test_submit_without_contact_email(client: TestClient, session: Session) -> None:
    stored = session.get(Suggestion, _suggest(client))
    assert stored is not None and stored.contact_email is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"service_id": "no-such-service", "message": "x"}, "service_id"),
        ({"service_id": LIEGE, "message": ""}, "message"),
        ({"service_id": LIEGE, "message": "   "}, "message"),
        ({"service_id": LIEGE, "message": "x" * 2001}, "message"),
        ({"service_id": LIEGE, "message": "x", "contact_email": "not-an-address"}, "contact_email"),
        ({"service_id": LIEGE, "message": "x", "name": "Jeanne"}, "name"),
        ({"message": "x"}, "service_id"),
    ],
)
def test_bad_submissions_name_the_field(
    client: TestClient, body: dict[str, str], field: str
) -> None:
    response = client.post("/v1/suggestions", json=body)
    assert response.status_code == 422
    assert response.json()["message"].startswith(field)


def test_archived_service_takes_no_suggestions(client: TestClient, session: Session) -> None:
    archived = create_service(session, status="archived")
    response = client.post("/v1/suggestions", json={"service_id": archived.id, "message": "x"})
    assert response.status_code == 422
    assert response.json()["message"].startswith("service_id")


def test_rate_limited_per_client_with_retry_after(client: TestClient) -> None:
    for _ in range(5):
        _suggest(client)
    response = client.post("/v1/suggestions", json={"service_id": LIEGE, "message": "encore"})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0


def test_queue_shows_editors_only_their_areas(
    client: TestClient,
    session: Session,
    admin: Headers,
    editor_liege: Headers,
    editor_gent: Headers,
) -> None:
    gent = create_service(session, areas=[(Scope.MUNICIPALITY, "44021")]).id
    ids = {LIEGE: _suggest(client, LIEGE), REGIONAL: _suggest(client, REGIONAL)}
    ids[gent] = _suggest(client, gent)
    assert [s["id"] for s in _queue(client, admin)] == [ids[LIEGE], ids[REGIONAL], ids[gent]]
    assert [s["service_id"] for s in _queue(client, editor_liege, "open")] == [LIEGE]
    assert [s["service_id"] for s in _queue(client, editor_gent)] == [gent]
    assert _queue(client, admin, "accepted") == []
    assert client.get("/v1/admin/suggestions").status_code == 401
    assert (
        client.get("/v1/admin/suggestions", params={"status": "x"}, headers=admin).status_code
        == 422
    )


def test_accept_applies_the_correction_as_a_change(
    client: TestClient, editor_liege: Headers, now: dt.datetime
) -> None:
    suggestion = _suggest(client, message="La description est dépassée.")
    record, etag = read(client, LIEGE, editor_liege)
    corrected = {**record, "description_fr": "Description corrigée."}
    response = client.post(
        f"/v1/admin/suggestions/{suggestion}/accept",
        json=corrected,
        headers={**editor_liege, "If-Match": etag},
    )
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] != etag
    assert response.json()["record"]["description_fr"] == "Description corrigée."
    assert client.get(f"/v1/services/{LIEGE}").json()["description"] == "Description corrigée."
    change = client.get(f"/v1/admin/services/{LIEGE}/history", headers=editor_liege).json()[
        "contents"
    ][0]
    assert (change["action"], change["actor"], change["note"]) == (
        "suggestion",
        "liege@example.org",
        f"suggestion {suggestion}",
    )
    [decided] = _queue(client, editor_liege, "accepted")
    assert (decided["id"], decided["decided_by"], decided["decided_at"]) == (
        suggestion,
        "liege@example.org",
        now.isoformat(),
    )
    again = client.post(
        f"/v1/admin/suggestions/{suggestion}/accept",
        json=corrected,
        headers={**editor_liege, "If-Match": response.headers["ETag"]},
    )
    assert again.status_code == 409


def test_accept_needs_a_current_if_match_and_the_right_service(
    client: TestClient, admin: Headers
) -> None:
    suggestion = _suggest(client)
    record, etag = read(client, LIEGE, admin)
    path = f"/v1/admin/suggestions/{suggestion}/accept"
    assert client.post(path, json=record, headers=admin).status_code == 428
    stale = client.post(path, json=record, headers={**admin, "If-Match": '"999"'})
    assert stale.status_code == 412
    other, other_etag = read(client, REGIONAL, admin)
    wrong = client.post(path, json=other, headers={**admin, "If-Match": other_etag})
    assert wrong.status_code == 422
    assert wrong.json()["message"].startswith("id")
    assert [s["id"] for s in _queue(client, admin, "open")] == [suggestion]
    missing = client.post(
        "/v1/admin/suggestions/999999/accept", json=record, headers={**admin, "If-Match": etag}
    )
    assert missing.status_code == 404


def test_reject_keeps_the_note_and_who_decided(
    client: TestClient, editor_liege: Headers, editor_gent: Headers
) -> None:
    suggestion = _suggest(client)
    path = f"/v1/admin/suggestions/{suggestion}/reject"
    assert client.post(path, json={"note": "non"}).status_code == 401
    assert client.post(path, json={"note": "non"}, headers=editor_gent).status_code == 403
    response = client.post(
        path, json={"note": "Vérifié par téléphone: inchangé."}, headers=editor_liege
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["decided_by"], body["decision_note"]) == (
        "rejected",
        "liege@example.org",
        "Vérifié par téléphone: inchangé.",
    )
    assert _queue(client, editor_liege, "open") == []
    assert client.post(path, json={}, headers=editor_liege).status_code == 409


def test_editor_outside_the_area_may_not_accept(
    client: TestClient, editor_gent: Headers, admin: Headers
) -> None:
    suggestion = _suggest(client)
    record, etag = read(client, LIEGE, admin)
    response = client.post(
        f"/v1/admin/suggestions/{suggestion}/accept",
        json=record,
        headers={**editor_gent, "If-Match": etag},
    )
    assert response.status_code == 403
