"""GET /v1/municipalities?q= (resolver) and GET /v1/municipalities/{nis}."""

from fastapi.testclient import TestClient


def test_resolver_returns_candidates_with_scores(client: TestClient) -> None:
    body = client.get("/v1/municipalities", params={"q": "Sint-Gillis"}).json()
    assert body["status"] == "ambiguous"
    codes = [c["nis_code"] for c in body["candidates"]]
    assert codes[:2] == ["21013", "46020"]
    assert body["candidates"][0]["score"] >= body["candidates"][1]["score"]


def test_resolver_names_follow_the_language(client: TestClient) -> None:
    body = client.get("/v1/municipalities", params={"q": "Luik", "lang": "fr"}).json()
    assert body["candidates"][0]["name"] == "Liège"


def test_postal_code_spanning_two_municipalities(client: TestClient) -> None:
    body = client.get("/v1/municipalities", params={"q": "1030"}).json()
    assert body["postal_code"] == "1030"
    assert {c["nis_code"] for c in body["candidates"]} == {"21004", "21015"}


def test_empty_query_is_refused_naming_q(client: TestClient) -> None:
    response = client.get("/v1/municipalities", params={"q": ""})
    assert response.status_code == 422
    assert response.json()["message"].startswith("q:")


def test_municipality_with_services_grouped_by_kind(client: TestClient) -> None:
    body = client.get("/v1/municipalities/62063").json()  # Liège
    assert (body["name"], body["region"]["code"], body["languages"]) == ("Liège", "WAL", ["fr"])
    assert any(p["postal_code"] == "4020" for p in body["postal_codes"])
    kinds = [group["kind"]["code"] for group in body["services_by_kind"]]
    assert kinds[0] == "emergency" and len(kinds) == len(set(kinds))
    ids = {s["id"] for group in body["services_by_kind"] for s in group["services"]}
    assert {"police-101", "ecoute-violences-conjugales"} <= ids
    assert "hulplijn-1712" not in ids  # a Flemish line


def test_flemish_municipality_speaks_dutch_by_default(client: TestClient) -> None:
    body = client.get("/v1/municipalities/44021").json()  # Gent
    assert body["name"] == "Gent"
    helplines = next(g for g in body["services_by_kind"] if g["kind"]["code"] == "helpline")
    assert "hulplijn-1712" in {s["id"] for s in helplines["services"]}


def test_unknown_nis_code_is_404_with_a_message(client: TestClient) -> None:
    response = client.get("/v1/municipalities/99999")
    assert response.status_code == 404
    assert "nis_code" in response.json()["message"]


def test_malformed_nis_code_is_422(client: TestClient) -> None:
    assert client.get("/v1/municipalities/Liege").status_code == 422
