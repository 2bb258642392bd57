"""GET /v1/services/{id}: the full record with its sources and verification status."""

from fastapi.testclient import TestClient


def test_full_record(client: TestClient) -> None:
    body = client.get("/v1/services/hulplijn-1712", params={"lang": "nl"}).json()
    assert body["name"].startswith("Hulplijn 1712")
    assert body["phones"][0] | {"description": None} == {
        "number": "1712",
        "display": "1712",
        "uri": "tel:1712",
        "type": "voice",
        "description": None,
    }
    assert body["verification"]["status"] == "unverified"
    assert body["verification"]["label"] == "Uit openbare bronnen, nog niet geverifieerd"
    assert body["sources"] and all(url.startswith("http") for url in body["sources"])
    assert body["translations"]["name"]["fr"].startswith("1712")
    assert body["service_areas"] == [
        {"scope": "region", "code": "VLG", "name": "Vlaams Gewest", "raw": "region:VLG"}
    ]


def test_hours_notes_fall_back_to_english_and_say_so(client: TestClient) -> None:
    body = client.get("/v1/services/respect-seniors", params={"lang": "fr"}).json()
    assert body["hours_notes"].startswith("Monday")
    assert body["hours_notes_language"] == "en"
    assert body["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"


def test_open_now_follows_the_schedule(client: TestClient) -> None:
    # The test clock is a Tuesday at 10:30 in Brussels; Respect Seniors: Mon-Fri 9-17.
    assert client.get("/v1/services/respect-seniors").json()["open_now"] is True
    assert client.get("/v1/services/emergency-112").json()["open_now"] is None


def test_unknown_service_is_404(client: TestClient) -> None:
    response = client.get("/v1/services/no-such-service")
    assert response.status_code == 404
    assert "no-such-service" in response.json()["message"]


def test_openapi_documents_the_search(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    parameters = {p["name"] for p in schema["paths"]["/v1/services"]["get"]["parameters"]}
    assert {
        "q",
        "municipality",
        "postcode",
        "audience",
        "open_now",
        "page",
        "per_page",
    } <= parameters
    assert client.get("/docs").status_code == 200
