"""Shared helpers for the search API tests: one request, its ids, and the shape of a 4xx."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

Params = dict[str, Any]
Body = dict[str, Any]

# A word found in no seed service: factory services carry it so a query finds only them.
MARKER = "zorblax"


def search(client: TestClient, params: Params, headers: dict[str, str] | None = None) -> Body:
    """GET /v1/services and return the body of a successful answer."""
    response = client.get("/v1/services", params=params, headers=headers or {})
    assert response.status_code == 200, response.text
    body: Body = response.json()
    return body


def ids(body: Body) -> list[str]:
    return [hit["id"] for hit in body["contents"]]


def all_ids(client: TestClient, params: Params, headers: dict[str, str] | None = None) -> list[str]:
    """Every matching id in rank order, read page by page at the largest page size."""
    found: list[str] = []
    page = 1
    while True:
        body = search(client, {**params, "per_page": 100, "page": page}, headers)
        found += ids(body)
        if page >= body["total_pages"]:
            return found
        page += 1


def hit(body: Body, service_id: str) -> Body:
    found: list[Body] = [h for h in body["contents"] if h["id"] == service_id]
    assert len(found) == 1, f"{service_id} not on this page"
    return found[0]


def rejected(client: TestClient, params: Params) -> Body:
    """GET /v1/services expecting 422 Unprocessable Content; return its body."""
    response = client.get("/v1/services", params=params)
    assert response.status_code == 422, response.text
    body: Body = response.json()
    return body


def names_parameter(body: Body, parameter: str) -> bool:
    """Whether a 4xx body names `parameter` in its message and in a detail's location."""
    located = any(parameter in detail["loc"] for detail in body["detail"])
    return located and body["message"].startswith(f"{parameter}:")


def lists_values(body: Body, values: list[str]) -> bool:
    """Whether a 4xx body lists every one of `values` (in its message or `accepted`)."""
    text = body["message"] + " ".join(str(d.get("accepted", "")) for d in body["detail"])
    return all(f"'{value}'" in text for value in values)
