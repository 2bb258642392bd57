"""The HSDS 3.0 read API at /hsds/: every answer over the whole seeded directory validates against
the official OpenAPI document and schemas (tests/hsds_conformance.py), with format checks on;
ids, paging and `modified_after` behave as the specification says."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from directory.hsds.objects import service_id
from directory.models import Service
from directory.search import MAX_PER_PAGE
from tests.factories import create_organization, create_service
from tests.hsds_conformance import object_validator, openapi, problems, response_validator

LISTS = ("/services", "/service_at_locations", "/organizations", "/taxonomies", "/taxonomy_terms")
LIST_VARIANTS: dict[str, list[dict[str, Any]]] = {
    "/services": [{}, {"full": True}, {"minimal": True}],
    "/service_at_locations": [{}, {"full": True}],
    "/organizations": [{}, {"full": True}, {"full_service": True}],
}


@pytest.fixture
def organizations(session: Session) -> list[str]:
    """The seed records no organizations: two, each offering services, one in two languages."""
    asbl = create_organization(
        session, id="asbl-test", description_fr="Une ASBL.", website="https://example.org"
    )
    vzw = create_organization(session, id="vzw-test", name_fr=None, name_nl="Test vzw")
    for n in range(3):
        create_service(session, id=f"asbl-service-{n}", organization=asbl, phones=["+3225550000"])
    create_service(
        session, id="vzw-service", organization=vzw, schedules=[("MO", "09:00", "00:00")]
    )
    return ["asbl-test", "vzw-test"]


def pages(client: TestClient, path: str, **params: Any) -> Iterator[dict[str, Any]]:
    """Every page of a list, following `last_page`."""
    number = 1
    while True:
        answer = client.get(f"/hsds{path}", params={**params, "page": number, "per_page": 100})
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        yield body
        if body["last_page"]:
            return
        number += 1


def test_every_answer_of_every_endpoint_validates(
    client: TestClient, organizations: list[str]
) -> None:
    client.app.state.limits.search = None  # type: ignore[attr-defined]  # a thousand requests
    checked, found = 0, []
    root = client.get("/hsds/")
    found += problems(response_validator("/"), root.json(), "/")
    ids: dict[str, set[str]] = {path: set() for path in LISTS}
    for lang in ("fr", "nl"):
        for path in LISTS:
            for variant in LIST_VARIANTS.get(path, [{}]):
                for body in pages(client, path, lang=lang, **variant):
                    found += problems(response_validator(path), body, f"{path} {variant}")
                    ids[path] |= {item["id"] for item in body["contents"]}
                    checked += 1
        for path, item_path in (
            ("/services", "/services/{id}"),
            ("/organizations", "/organizations/{id}"),
            ("/taxonomies", "/taxonomies/{id}"),
            ("/taxonomy_terms", "/taxonomy_terms/{id}"),
        ):
            for ident in ids[path]:
                body = client.get(f"/hsds{path}/{ident}", params={"lang": lang}).json()
                found += problems(response_validator(item_path), body, f"{path}/{ident}")
                checked += 1
        # The official document names the service schema for this path, whose objects are
        # services at a location: they are checked against service_at_location.json.
        for ident in ids["/service_at_locations"]:
            body = client.get(f"/hsds/service_at_locations/{ident}", params={"lang": lang}).json()
            found += problems(object_validator("service_at_location.json"), body, ident)
            assert body["service"]["id"] and body["location"]["id"]
            checked += 1
    assert found == []
    assert len(ids["/services"]) > 170 and len(ids["/organizations"]) == 2
    assert len(ids["/service_at_locations"]) > 80 and checked > 600


def test_ndjson_streams_every_item_without_pages(
    client: TestClient, organizations: list[str]
) -> None:
    for path, schema in (
        ("/services", "compiled/service_list.json"),
        ("/service_at_locations", "compiled/service_at_location_list.json"),
        ("/organizations", "compiled/organization_list.json"),
        ("/taxonomy_terms", "taxonomy_term.json"),
    ):
        answer = client.get(f"/hsds{path}", params={"format": "ndjson"})
        assert answer.headers["content-type"] == "application/x-ndjson"
        items = [json.loads(line) for line in answer.text.splitlines()]
        total = client.get(f"/hsds{path}").json()["total_items"]
        assert len(items) == total > 1
        assert [p for item in items for p in problems(object_validator(schema), item)] == []


def test_the_api_takes_the_official_documents_parameters(client: TestClient) -> None:
    ours = client.get("/openapi.json").json()["paths"]
    official = openapi()
    shared = official["components"]["parameters"]
    for path, operations in official["paths"].items():
        mine = ours.get(f"/hsds{path}" if path != "/" else "/hsds/")
        assert mine is not None, path
        expected = {
            (shared[p["$ref"].rsplit("/", 1)[1]] if "$ref" in p else p)["name"]
            for p in [*operations.get("parameters", []), *operations["get"].get("parameters", [])]
        }
        given = {p["name"] for p in mine["get"].get("parameters", [])}
        assert expected <= given, (path, expected - given)


def test_ids_are_stable_uuids_from_ours(client: TestClient) -> None:
    items = client.get("/hsds/services", params={"per_page": 100, "search": "CAW"}).json()
    again = client.get("/hsds/services", params={"per_page": 100, "search": "CAW"}).json()
    assert [i["id"] for i in items["contents"]] == [i["id"] for i in again["contents"]]
    first = items["contents"][0]
    assert uuid.UUID(first["id"]).version == 5
    detail = client.get(f"/hsds/services/{first['id']}").json()
    [ours] = [a["value"] for a in detail["attributes"] if a["link_type"] == "passerelle:id"]
    assert service_id(ours) == first["id"]
    assert client.get(f"/hsds/services/{ours}").status_code == 404  # our slug is not an HSDS id
    missing = client.get(f"/hsds/services/{uuid.uuid4()}")
    assert missing.status_code == 404 and "id" in missing.json()["message"]


def test_pages_cover_the_list_once(client: TestClient) -> None:
    seen: list[str] = []
    number, per_page = 1, 7
    while True:
        body = client.get("/hsds/services", params={"page": number, "per_page": per_page}).json()
        assert body["page_number"] == number and body["size"] == len(body["contents"])
        assert body["first_page"] is (number == 1) and body["empty"] is (not body["contents"])
        seen += [item["id"] for item in body["contents"]]
        if body["last_page"]:
            break
        assert body["size"] == per_page
        number += 1
    assert number == body["total_pages"] and len(seen) == len(set(seen)) == body["total_items"]
    late = client.get("/hsds/services", params={"page": number + 1, "per_page": per_page})
    assert late.status_code == 422 and "page" in late.json()["message"]
    big = client.get("/hsds/services", params={"per_page": MAX_PER_PAGE + 1})
    assert big.status_code == 422 and "per_page" in big.text


def test_modified_after_is_on_or_after(client: TestClient, session: Session) -> None:
    changed = create_service(session, id="changed-later")
    moment = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    session.execute(
        update(Service)
        .where(Service.id == changed.id)
        .values(updated_at=moment, revision=Service.revision + 1)
    )
    session.flush()

    def found(value: str) -> list[str]:
        body = client.get("/hsds/services", params={"modified_after": value, "per_page": 100})
        assert body.status_code == 200, body.text
        return [item["id"] for item in body.json()["contents"]]

    assert found("2030-01-02T03:04:05Z") == [service_id(changed.id)]  # on: included
    assert found("2030-01-02T04:04:05+01:00") == [service_id(changed.id)]
    assert found("2030-01-02T03:04:05") == [service_id(changed.id)]  # no zone: UTC
    assert found("2030-01-02T03:04:06Z") == []
    assert len(found("2000-01-01T00:00:00Z")) == 100
    latest = {"minimal": True, "modified_after": "2030-01-01"}  # a date: from its midnight
    [item] = client.get("/hsds/services", params=latest).json()["contents"]
    assert item["last_modified"] == "2030-01-02T03:04:05Z"
    for wrong in ("yesterday", "0.5", "2030-13-01"):
        bad = client.get("/hsds/services", params={"modified_after": wrong})
        assert bad.status_code == 422 and "modified_after" in bad.json()["message"], wrong


def test_filters_name_the_parameter_they_cannot_use(client: TestClient) -> None:
    for params, field in (
        ({"taxonomy_term_id": "nothing"}, "taxonomy_term_id"),
        ({"taxonomy_id": "nothing"}, "taxonomy_id"),
        ({"organization_id": str(uuid.uuid4())}, "organization_id"),
        ({"postcode": "0000"}, "postcode"),
        ({"postcode": "Liège"}, "postcode"),
    ):
        answer = client.get("/hsds/services", params=params)
        assert answer.status_code == 422, params
        assert field in answer.json()["message"], (params, answer.text)
    proximity = client.get("/hsds/service_at_locations", params={"proximity": "500"})
    assert proximity.status_code == 422 and "proximity" in proximity.text


def test_a_taxonomy_term_finds_what_the_search_finds(client: TestClient) -> None:
    terms = client.get("/hsds/taxonomy_terms", params={"search": "CPVS"}).json()["contents"]
    [centre] = [t for t in terms if t["code"] == "service.sexual_violence_centre"]
    by_term = client.get(
        "/hsds/services", params={"taxonomy_term_id": centre["id"], "postcode": "4000"}
    ).json()
    by_kind = client.get(
        "/v1/services", params={"kind": "sexual_violence_centre", "postcode": "4000"}
    ).json()
    assert by_term["total_items"] == by_kind["total_items"] > 0
    names = [s["name"] for s in by_term["contents"]]
    assert names == [s["name"] for s in by_kind["contents"]]
    taxonomy = client.get("/hsds/taxonomies").json()["contents"][0]["id"]
    everything = client.get("/hsds/services", params={"taxonomy_id": taxonomy}).json()
    assert everything["total_items"] == client.get("/hsds/services").json()["total_items"]


def test_postcode_answers_in_the_places_language_like_v1(client: TestClient) -> None:
    hsds = client.get("/hsds/services", params={"postcode": "9000", "search": "CAW"}).json()
    v1 = client.get("/v1/services", params={"postcode": "9000", "q": "CAW"}).json()
    assert [s["name"] for s in hsds["contents"]] == [s["name"] for s in v1["contents"]]
    assert hsds["total_items"] == v1["total_items"] > 0


def test_an_organization_lists_its_services(client: TestClient, organizations: list[str]) -> None:
    [asbl] = client.get("/hsds/organizations", params={"search": "organisation"}).json()["contents"]
    assert asbl["description"] == "Une ASBL." and asbl["website"] == "https://example.org"
    one = client.get(f"/hsds/organizations/{asbl['id']}").json()
    assert len(one["services"]) == 3 and "phones" not in one["services"][0]
    full = client.get(f"/hsds/organizations/{asbl['id']}", params={"full_service": True}).json()
    assert full["services"][0]["phones"][0]["number"] == "+3225550000"
    offered = client.get("/hsds/services", params={"organization_id": asbl["id"]}).json()
    assert {s["organization_id"] for s in offered["contents"]} == {asbl["id"]}
    assert offered["total_items"] == 3
    vzw = client.get("/hsds/organizations", params={"search": "vzw", "lang": "fr"}).json()
    assert vzw["contents"][0]["name"] == "Test vzw" and vzw["contents"][0]["description"] == ""
