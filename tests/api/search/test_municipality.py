"""The place filter, `municipality`: NIS code, name in French or Dutch, or postal code.

A place search returns the services covering it (the municipality itself, its arrondissement,
province and region, and national services), most specific first. Seed services used here:
"ecoute-violences-conjugales" (0800 30 030) covers regions WAL and BRU, "hulplijn-1712" covers
region VLG, "emergency-112" is national, "espace-vif-namur" covers the municipality of Namur.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from directory.vocab import Scope
from tests.api.search.helpers import MARKER, all_ids, hit, names_parameter, rejected, search
from tests.factories import create_service

LIEGE, NAMUR, IXELLES = "62063", "92094", "21009"
SAINT_GILLES, SINT_GILLIS_WAAS = "21013", "46020"
LIEGE_ARRONDISSEMENT, LIEGE_PROVINCE, VERVIERS_ARRONDISSEMENT = "62000", "60000", "63000"
WALLONIA_HELPLINE, FLEMISH_HELPLINE, NATIONAL = (
    "ecoute-violences-conjugales",
    "hulplijn-1712",
    "emergency-112",
)


@pytest.mark.parametrize("place", [LIEGE, "Liège", "Liege", "Luik", "4000"])
def test_place_resolves_to_the_municipality(client: TestClient, place: str) -> None:
    body = search(client, {"municipality": place})
    assert [p["nis_code"] for p in body["places"]] == [LIEGE]


def test_places_name_the_municipality_in_the_response_language(client: TestClient) -> None:
    body = search(client, {"municipality": LIEGE, "lang": "nl"})
    assert body["places"] == [{"nis_code": LIEGE, "name": "Luik", "region": "WAL"}]


def test_no_place_means_no_places(client: TestClient) -> None:
    assert search(client, {})["places"] == []


@pytest.mark.parametrize("place", [LIEGE, "Liège", "Luik"])
def test_place_includes_regional_and_national_services(client: TestClient, place: str) -> None:
    found = all_ids(client, {"municipality": place})
    assert {WALLONIA_HELPLINE, NATIONAL} <= set(found)


def test_place_excludes_services_of_another_region(client: TestClient) -> None:
    assert FLEMISH_HELPLINE not in all_ids(client, {"municipality": "Liège"})


def test_place_excludes_services_of_another_municipality(client: TestClient) -> None:
    assert "espace-vif-namur" in all_ids(client, {"municipality": "Namur"})
    assert "espace-vif-namur" not in all_ids(client, {"municipality": "Liège"})


@pytest.mark.parametrize("place", ["Ixelles", "Elsene", IXELLES])
def test_brussels_place_gets_services_of_the_brussels_region(
    client: TestClient, place: str
) -> None:
    found = set(all_ids(client, {"municipality": place}))
    # Brussels-region services in French and in Dutch, and the FR/NL helplines covering BRU.
    assert {"casg-bruxelles", "meldpunt-ouderenmisbehandeling-brussel", WALLONIA_HELPLINE} <= found
    assert {FLEMISH_HELPLINE, "respect-seniors"}.isdisjoint(found)


def test_flemish_place_gets_flemish_services(client: TestClient) -> None:
    found = set(all_ids(client, {"municipality": "Gent"}))
    assert {FLEMISH_HELPLINE, NATIONAL} <= found
    assert WALLONIA_HELPLINE not in found


def test_services_of_other_areas_are_excluded(client: TestClient, session: Session) -> None:
    elsewhere = [
        create_service(session, description_fr=MARKER, areas=[(scope, code)])
        for scope, code in [
            (Scope.MUNICIPALITY, NAMUR),
            (Scope.ARRONDISSEMENT, VERVIERS_ARRONDISSEMENT),
            (Scope.PROVINCE, "90000"),
            (Scope.REGION, "VLG"),
            (Scope.AREA, None),
        ]
    ]
    found = all_ids(client, {"q": MARKER, "municipality": LIEGE})
    assert found == []
    assert {s.id for s in elsewhere} <= set(all_ids(client, {"q": MARKER}))


def test_more_specific_services_rank_first(client: TestClient, session: Session) -> None:
    # Most specific first; names and urgency both point the other way, so only specificity
    # can put them in this order.
    levels = [
        (Scope.MUNICIPALITY, LIEGE, "e"),
        (Scope.ARRONDISSEMENT, LIEGE_ARRONDISSEMENT, "d"),
        (Scope.PROVINCE, LIEGE_PROVINCE, "c"),
        (Scope.REGION, "WAL", "b"),
        (Scope.NATIONAL, None, "a"),
    ]
    expected = [
        create_service(
            session,
            id=f"{MARKER}-{scope.value}",
            name_fr=f"{letter} {MARKER}",
            name_nl=f"{letter} {MARKER}",
            areas=[(scope, code)],
            urgent=scope is Scope.NATIONAL,
        ).id
        for scope, code, letter in levels
    ]
    body = search(client, {"municipality": LIEGE, "per_page": 100})
    ranked = [h for h in body["contents"] if h["id"] in expected]
    assert [h["id"] for h in ranked] == expected
    assert [h["specificity"] for h in ranked] == [0, 1, 2, 3, 4]


def test_service_covering_several_levels_takes_the_most_specific(
    client: TestClient, session: Session
) -> None:
    service = create_service(
        session, areas=[(Scope.NATIONAL, None), (Scope.MUNICIPALITY, LIEGE), (Scope.REGION, "WAL")]
    )
    body = search(client, {"municipality": LIEGE, "per_page": 100})
    assert hit(body, service.id)["specificity"] == 0


def test_without_place_specificity_is_null(client: TestClient) -> None:
    body = search(client, {"per_page": 5})
    assert {h["specificity"] for h in body["contents"]} == {None}


@pytest.mark.parametrize("place", ["Nulle-Part-sur-Meuse", "99999", "9999", "x"])
def test_unknown_place_is_rejected_naming_municipality(client: TestClient, place: str) -> None:
    body = rejected(client, {"municipality": place})
    assert names_parameter(body, "municipality")
    assert "a municipality name, a postal code or a 5-digit NIS code" in body["message"]


def test_ambiguous_place_is_rejected_with_candidates(client: TestClient) -> None:
    body = rejected(client, {"municipality": "Sint-Gillis"})
    assert names_parameter(body, "municipality")
    candidates = {c["nis_code"] for c in body["detail"][0]["candidates"]}
    assert {SAINT_GILLES, SINT_GILLIS_WAAS} <= candidates


def test_ambiguous_place_is_settled_by_its_nis_code(client: TestClient) -> None:
    body = search(client, {"municipality": SAINT_GILLES})
    assert [p["nis_code"] for p in body["places"]] == [SAINT_GILLES]
    assert "saint-gilles-mediation" in all_ids(client, {"municipality": SAINT_GILLES})


def test_overlong_place_is_rejected_naming_municipality(client: TestClient) -> None:
    body = rejected(client, {"municipality": "x" * 101})
    assert names_parameter(body, "municipality")
