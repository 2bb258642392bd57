"""A shelter's address never leaves through a public door: every public GET route and every
export format is walked, and none shows the confidential street, postal code or coordinates.
Editors still see the address in the admin record."""

from __future__ import annotations

import re
from typing import cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session
from starlette.routing import Route

from directory.accounts import Role
from directory.hsds.objects import organization_id, service_at_location_id, service_id
from directory.models import Location, Service
from directory.taxonomy import taxonomy_id, term_id
from directory.vocab import Scope
from tests.api.admin.conftest import Headers, _headers, read
from tests.factories import create_organization

SHELTER = "refuge-hirondelle"
STREET = "Rue Secrète 99"
POSTCODE = "4999"  # not a real Belgian postal code, so it can only come from this address
LATITUDE, LONGITUDE = 50.6123457, 5.5876543
SECRETS = ("Secrète", "Rue Secr", POSTCODE, "50.61234", "5.58765")
LIEGE = "62063"

# Query strings for the public routes that need some; any other route is called without.
QUERIES: dict[str, list[dict[str, str | int]]] = {
    "/v1/services": [
        {"municipality": "Liège", "per_page": 100},
        {"postcode": "4000", "per_page": 100},
        {"q": "hirondelle"},
        {"q": "refuge", "municipality": LIEGE, "lang": "nl"},
        {"q": "Rue Secrète"},
    ],
    "/v1/municipalities": [{"q": "Liège"}, {"q": "4000"}],
    "/hsds/services": [
        {"postcode": "4000", "per_page": 100, "full": "true"},
        {"search": "hirondelle", "full": "true"},
        {"format": "ndjson", "full": "true"},
    ],
    "/hsds/service_at_locations": [
        {"postcode": "4000", "per_page": 100, "full": "true"},
        {"format": "ndjson", "full": "true"},
    ],
    "/hsds/organizations": [{"full_service": "true"}, {"format": "ndjson", "full": "true"}],
    "/hsds/organizations/{id}": [{"full_service": "true"}],
}
PATH_PARAMETERS = {"service_id": SHELTER, "nis_code": LIEGE}
# Routes whose parameter is an HSDS id: the shelter's, its location's, its organization's.
HSDS_IDS = {
    "/hsds/services/{id}": service_id(SHELTER),
    "/hsds/service_at_locations/{id}": service_at_location_id(SHELTER, f"{SHELTER}-address"),
    "/hsds/organizations/{id}": organization_id("refuge-asbl"),
    "/hsds/taxonomies/{id}": taxonomy_id(),
    "/hsds/taxonomy_terms/{id}": term_id("service.shelter"),
}
FOUND_BY = ({"municipality": "Liège", "per_page": 100}, {"q": "hirondelle"})


@pytest.fixture
def admin_headers(session: Session) -> Headers:
    return _headers(session, "admin@example.org", Role.ADMIN, [])


@pytest.fixture
def liege_headers(session: Session) -> Headers:
    return _headers(session, "liege@example.org", Role.EDITOR, [(Scope.PROVINCE, "60000")])


@pytest.fixture
def shelter(client: TestClient, session: Session, admin_headers: Headers) -> str:
    return make_shelter(client, session, admin_headers)


def make_shelter(client: TestClient, session: Session, admin_headers: Headers) -> str:
    """A confidential shelter in Liège, its coordinates set as a geocoder would."""
    record = {
        "id": SHELTER,
        "name_fr": "Refuge Hirondelle",
        "kind": "shelter",
        "description_fr": "Hébergement d'urgence pour victimes de violences conjugales.",
        "audiences": ["victim"],
        "coverage": ["Liège"],
        "address": {
            "street": STREET,
            "postal_code": POSTCODE,
            "municipality": "Liège",
            "confidential": True,
        },
        "source_urls": ["https://example.org/refuge"],
    }
    response = client.post("/v1/admin/services", json=record, headers=admin_headers)
    assert response.status_code == 201, response.text
    location = session.get(Location, f"{SHELTER}-address")
    assert location is not None and location.confidential
    location.latitude, location.longitude = LATITUDE, LONGITUDE
    # Its organization, so that the HSDS organization routes show it too.
    organization = create_organization(session, id="refuge-asbl", name_fr="ASBL Hirondelle")
    session.execute(
        update(Service)
        .where(Service.id == SHELTER)
        .values(organization_id=organization.id, revision=Service.revision + 1)
    )
    session.flush()
    return SHELTER


def _get_routes(client: TestClient) -> set[str]:
    """Every GET route: the documented ones, and the app's own (OpenAPI document, docs)."""
    documented = client.get("/openapi.json").json()["paths"]
    app = cast(FastAPI, client.app)
    own = {r.path for r in app.routes if isinstance(r, Route) and "GET" in (r.methods or ())}
    return own | {path for path, methods in documented.items() if "get" in methods}


def _public_routes(client: TestClient) -> list[str]:
    return sorted(p for p in _get_routes(client) if not p.startswith("/v1/admin"))


# HSDS ids are UUIDs: their hex digits may spell "4999" without saying anything of a place.
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _assert_clean(where: str, body: str) -> None:
    text = UUID.sub("<uuid>", body)
    leaked = [secret for secret in SECRETS if secret in text]
    assert not leaked, f"{where} shows {leaked}"


def test_no_public_route_shows_the_confidential_address(
    client: TestClient, shelter: str, session: Session
) -> None:
    routes = _public_routes(client)
    assert {"/", "/v1/services", "/v1/services/{service_id}", "/openapi.json"} <= set(routes)
    for template in routes:
        names = re.findall(r"{(\w+)}", template)
        values = {"id": HSDS_IDS[template]} if template in HSDS_IDS else PATH_PARAMETERS
        unknown = set(names) - set(values)
        assert not unknown, f"add a value for {unknown} of the new public route {template}"
        path = template.format(**{n: values[n] for n in names})
        for params in QUERIES.get(template, [{}]):
            response = client.get(path, params=params)
            assert response.status_code == 200, f"{path} {params}: {response.text}"
            _assert_clean(f"{path} {params}", response.text)

    for params in FOUND_BY:  # the walk did meet the shelter in search results
        ids = [s["id"] for s in client.get("/v1/services", params=params).json()["contents"]]
        assert shelter in ids, params
    hsds = client.get("/hsds/services", params={"search": "hirondelle"}).json()["contents"]
    assert [s["id"] for s in hsds] == [service_id(shelter)]
    at = client.get(
        "/hsds/service_at_locations/" + HSDS_IDS["/hsds/service_at_locations/{id}"]
    ).json()
    assert at["location"]["name"] and at["location"]["addresses"] == []
    street_search = client.get("/v1/services", params={"q": "Rue Secrète"}).json()
    assert shelter not in [s["id"] for s in street_search["contents"]]
    [location] = client.get(f"/v1/services/{shelter}").json()["locations"]
    assert location["confidential"] is True
    assert (location["address_1"], location["postal_code"], location["city"]) == (None,) * 3


def test_editors_see_the_confidential_address(
    client: TestClient, shelter: str, admin_headers: Headers, liege_headers: Headers
) -> None:
    for headers in (admin_headers, liege_headers):
        record, _ = read(client, shelter, headers)
        assert record["address"] == {
            "street": STREET,
            "postal_code": POSTCODE,
            "municipality": "Liège",
            "confidential": True,
        }


@pytest.mark.parametrize("format", ["csv", "hsds", "ndjson"])
def test_exports_withhold_the_confidential_address(
    client: TestClient, shelter: str, admin_headers: Headers, format: str
) -> None:
    if "/v1/admin/export" not in _get_routes(client):
        pytest.skip("no export endpoint yet")
    response = client.get("/v1/admin/export", params={"format": format}, headers=admin_headers)
    assert response.status_code == 200, response.text
    assert shelter in response.text
    _assert_clean(f"export {format}", response.text)
