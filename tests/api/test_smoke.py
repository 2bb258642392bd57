from fastapi.testclient import TestClient


def test_root_is_hsds(client: TestClient) -> None:
    body = client.get("/").json()
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/openapi.json")


def test_search_by_place(client: TestClient) -> None:
    response = client.get("/v1/services", params={"municipality": "Liège"})
    assert response.status_code == 200, response.text
    ids = [s["id"] for s in response.json()["contents"]]
    assert "ecoute-violences-conjugales" in ids or response.json()["total_pages"] > 1
