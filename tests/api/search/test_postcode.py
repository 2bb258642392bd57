"""The postal code filter, `postcode`: four digits; a code may span several municipalities.

Postal code 1030 covers Schaerbeek and part of the City of Brussels, so it searches both.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from directory.vocab import Scope
from tests.api.search.helpers import MARKER, all_ids, names_parameter, rejected, search
from tests.factories import create_service

LIEGE, BRUSSELS, SCHAERBEEK, IXELLES = "62063", "21004", "21015", "21009"


def place_codes(client: TestClient, params: dict[str, str]) -> list[str]:
    return sorted(p["nis_code"] for p in search(client, params)["places"])


def test_postcode_resolves_to_its_municipality(client: TestClient) -> None:
    assert place_codes(client, {"postcode": "4000"}) == [LIEGE]


def test_postcode_spanning_two_municipalities_resolves_to_both(client: TestClient) -> None:
    assert place_codes(client, {"postcode": "1030"}) == [BRUSSELS, SCHAERBEEK]


def test_postcode_spanning_two_municipalities_finds_the_union(
    client: TestClient, session: Session
) -> None:
    in_schaerbeek, in_brussels, in_ixelles = (
        create_service(session, description_fr=MARKER, areas=[(Scope.MUNICIPALITY, nis)])
        for nis in (SCHAERBEEK, BRUSSELS, IXELLES)
    )
    found = set(all_ids(client, {"q": MARKER, "postcode": "1030"}))
    assert found == {in_schaerbeek.id, in_brussels.id}
    assert in_ixelles.id not in found


def test_postcode_includes_regional_and_national_services(client: TestClient) -> None:
    found = set(all_ids(client, {"postcode": "4000"}))
    assert {"ecoute-violences-conjugales", "emergency-112"} <= found
    assert "hulplijn-1712" not in found


def test_postcode_and_municipality_that_agree_narrow_the_place(client: TestClient) -> None:
    params = {"postcode": "1030", "municipality": "Schaerbeek"}
    assert place_codes(client, params) == [SCHAERBEEK]


def test_postcode_and_municipality_that_disagree_are_rejected(client: TestClient) -> None:
    body = rejected(client, {"postcode": "1030", "municipality": "Liège"})
    assert names_parameter(body, "postcode")
    assert "municipality" in body["message"]


@pytest.mark.parametrize("postcode", ["12", "12345", "abcd", "1 30", ""])
def test_badly_formed_postcode_is_rejected_naming_postcode(
    client: TestClient, postcode: str
) -> None:
    body = rejected(client, {"postcode": postcode})
    assert names_parameter(body, "postcode")
    assert r"\d{4}" in body["message"]


def test_unknown_postcode_is_rejected_naming_postcode(client: TestClient) -> None:
    body = rejected(client, {"postcode": "9999"})
    assert names_parameter(body, "postcode")
    assert body["detail"][0]["candidates"] == []
