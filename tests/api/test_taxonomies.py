"""GET /v1/taxonomies and /v1/taxonomy_terms: the search vocabulary, valid HSDS 3.0."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.hsds_conformance import object_validator


def problems(name: str, items: list[dict[str, Any]]) -> list[str]:
    check = object_validator(f"{name}.json")
    return [f"{item.get('code')}: {e.message}" for item in items for e in check.iter_errors(item)]


def test_the_taxonomy_validates_in_every_language(client: TestClient) -> None:
    for lang in ("fr", "nl", "de", "en"):
        body = client.get("/v1/taxonomies", params={"lang": lang}).json()
        assert body["total_items"] == 1
        assert problems("taxonomy", body["contents"]) == []
        terms = client.get("/v1/taxonomy_terms", params={"lang": lang}).json()
        assert terms["total_items"] == len(terms["contents"]) > 40
        assert problems("taxonomy_term", terms["contents"]) == []
        assert {t["language"] for t in terms["contents"]} == {lang}


def test_a_term_carries_the_words_the_search_reads(client: TestClient) -> None:
    terms = client.get("/v1/taxonomy_terms", params={"lang": "nl"}).json()["contents"]
    sexual = next(t for t in terms if t["code"] == "violence.sexual")
    assert sexual["name"] == "Seksueel geweld"
    assert "verkrachting" in sexual["description"]
    assert "viol" in sexual["alternate_names"]["fr"]
    groups = client.get("/v1/taxonomy_terms", params={"top_only": True}).json()["contents"]
    assert [g["code"] for g in groups] == ["violence", "help", "audience", "service", "channel"]
    assert sexual["parent_id"] == groups[0]["id"]
    children = client.get("/v1/taxonomy_terms", params={"parent_id": groups[0]["id"]}).json()
    assert "violence.sexual" in [t["code"] for t in children["contents"]]


def test_terms_page_like_the_hsds_api(client: TestClient) -> None:
    first = client.get("/v1/taxonomy_terms", params={"per_page": 10}).json()
    assert (first["size"], first["first_page"], first["last_page"]) == (10, True, False)
    late = client.get("/v1/taxonomy_terms", params={"page": 99, "per_page": 10})
    assert late.status_code == 422
    assert "page" in late.text
