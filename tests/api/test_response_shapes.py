"""Responses are built as plain dicts for speed; they must still match the documented schemas."""

from fastapi.testclient import TestClient
from pydantic import BaseModel

from api import schemas


def _valid(model: type[BaseModel], body: object) -> None:
    model.model_validate(body, strict=False)


def test_search_page_matches_its_schema(client: TestClient) -> None:
    body = client.get(
        "/v1/services", params={"municipality": "Saint-Gilles", "q": "violence", "per_page": 50}
    ).json()
    assert body["contents"]
    _valid(schemas.ServicePage, body)


def test_every_seed_service_matches_the_detail_schema(client: TestClient) -> None:
    page = client.get("/v1/services", params={"per_page": 100}).json()
    for hit in page["contents"]:
        _valid(schemas.ServiceHit, hit)
        _valid(schemas.ServiceDetail, client.get(f"/v1/services/{hit['id']}").json())


def test_municipality_matches_its_schema(client: TestClient) -> None:
    _valid(schemas.MunicipalityOut, client.get("/v1/municipalities/21004").json())
