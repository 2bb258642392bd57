"""GET /v1/taxonomies and /v1/taxonomy_terms: the search vocabulary, valid HSDS 3.0."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

SCHEMAS = Path(__file__).resolve().parents[2] / "vendor" / "hsds-3.0" / "schema"


def validator(name: str) -> Draft7Validator:
    registry: Registry = Registry()
    for path in SCHEMAS.glob("*.json"):
        resource = Resource.from_contents(
            json.loads(path.read_text()), default_specification=DRAFT7
        )
        registry = registry.with_resource(path.name, resource)
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    return Draft7Validator(schema, registry=registry, format_checker=FormatChecker())


def problems(name: str, items: list[dict[str, Any]]) -> list[str]:
    check = validator(name)
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
