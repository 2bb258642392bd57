"""POST /v1/referrals: answers in, the emergency card and at most three services out.

The body describes someone's situation: it must never reach a log, and the answer must not be
cached. Bad values are refused with the usual 422 shape naming the field.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.routes.referrals import ReferralOut

Body = dict[str, Any]

ME_PARTNER: Body = {"who": "me", "relationship": "partner"}


def post(client: TestClient, body: Body, headers: dict[str, str] | None = None) -> Body:
    response = client.post("/v1/referrals", json=body, headers=headers or {})
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    document: Body = response.json()
    ReferralOut.model_validate(document)
    return document


def refused(client: TestClient, body: Body) -> Body:
    response = client.post("/v1/referrals", json=body)
    assert response.status_code == 422, response.text
    document: Body = response.json()
    assert set(document) >= {"message", "detail"}
    return document


def names(document: Body, field: str) -> bool:
    located = any(field in detail["loc"] for detail in document["detail"])
    return located and document["message"].startswith(field)


def ids(document: Body) -> list[str]:
    return [card["service_id"] for card in document["cards"]]


def test_an_empty_body_gets_the_generalist_in_french(client: TestClient) -> None:
    document = post(client, {})
    assert next(iter(document)) == "emergency_card"
    assert document["lang"] == "fr" and document["region"] == "WAL"
    assert document["region_guessed"] and document["rules"] == ["R12"]
    assert ids(document) == ["ecoute-violences-conjugales"]
    lines = document["emergency_card"]["lines"]
    assert [line["phone"]["tel_uri"] for line in lines] == ["tel:101", "tel:112"]
    assert document["summary"].startswith("Résumé à copier")


@pytest.mark.parametrize("municipality", ["Gent", "44021", "9000", "gent"])
def test_the_municipality_may_be_a_name_a_nis_code_or_a_postal_code(
    client: TestClient, municipality: str
) -> None:
    document = post(client, {"municipality": municipality, **ME_PARTNER})
    assert (document["region"], document["region_guessed"]) == ("VLG", False)
    assert document["lang"] == "nl"  # the place's language when nothing else is asked
    assert ids(document)[:2] == ["hulplijn-1712", "caw-oost-vlaanderen"]
    assert document["rows"] == [4]


def test_the_language_comes_from_the_body_then_accept_language(client: TestClient) -> None:
    body = {"municipality": "Saint-Gilles", **ME_PARTNER}
    assert post(client, body)["lang"] == "fr"
    dutch = post(client, body, {"Accept-Language": "nl-BE,nl;q=0.9,fr;q=0.5"})
    assert dutch["lang"] == "nl" and ids(dutch)[0] == "hulplijn-1712"
    french = post(client, {**body, "lang": "fr"}, {"Accept-Language": "nl"})
    assert french["lang"] == "fr" and ids(french)[0] == "ecoute-violences-conjugales"
    assert "R11" in french["rules"]


def test_danger_now_returns_the_emergency_card_alone(client: TestClient) -> None:
    document = post(
        client,
        {"municipality": "Liège", "danger_now": True, **ME_PARTNER, "user_is_child": True},
    )
    assert document["emergency"] and document["urgent"]
    assert document["cards"] == [] and document["notices"] == []
    card = document["emergency_card"]
    assert [line["service_id"] for line in card["lines"]] == [
        "police-101",
        "emergency-112",
        "ecoute-enfants-103",
    ]
    assert card["texts"]


def test_a_full_answer(client: TestClient) -> None:
    document = post(
        client,
        {
            "municipality": "Liège",
            **ME_PARTNER,
            "happening": ["threats", "physical"],
            "red_flags": ["strangulation"],
            "needs": ["safe_place", "talk"],
            "undocumented": True,
        },
    )
    assert document["urgent"] and not document["emergency"]
    assert document["rows"] == [5, 18, 16]
    assert [n["code"] for n in document["notices"]] == ["urgency", "undocumented"]
    assert len(document["cards"]) == 3
    first = document["cards"][0]
    assert first["service_id"] == "ecoute-violences-conjugales"
    assert first["what_happens"] and first["what_happens_sources"] == [50, 51, 52]
    assert first["open_now"] is True and first["not_emergency"] is True


def test_professional_mode(client: TestClient) -> None:
    document = post(client, {"municipality": "21013", "who": "professional", "lang": "nl"})
    professional = document["professional"]
    assert professional["search_filters"] == {"violence_type": [], "municipality": "21013"}
    assert any("458bis" in line["text"] for line in professional["lines"])


@pytest.mark.parametrize("municipality", ["Sint-Gillis", "1030"])
def test_an_ambiguous_place_is_refused_with_candidates(
    client: TestClient, municipality: str
) -> None:
    document = refused(client, {"municipality": municipality})
    assert names(document, "municipality")
    assert document["detail"][0]["loc"] == ["body", "municipality"]
    assert len(document["detail"][0]["candidates"]) >= 2


def test_an_unknown_place_is_refused(client: TestClient) -> None:
    document = refused(client, {"municipality": "Zorblaxville"})
    assert names(document, "municipality")
    assert document["detail"][0]["candidates"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"who": "stranger"}, "who"),
        ({"relationship": "boss"}, "relationship"),
        ({"happening": ["hitting"]}, "happening"),
        ({"happening": "physical"}, "happening"),
        ({"sexual_recency": "yesterday"}, "sexual_recency"),
        ({"red_flags": ["knife"]}, "red_flags"),
        ({"needs": ["money"]}, "needs"),
        ({"danger_now": "yes"}, "danger_now"),
        ({"suicidal": 1}, "suicidal"),
        ({"lang": "es"}, "lang"),
        ({"municipality": ""}, "municipality"),
        ({"municipality": "x" * 101}, "municipality"),
        ({"name": "Marie"}, "name"),  # nothing beyond the answers is accepted
    ],
)
def test_bad_values_are_refused_naming_the_field(
    client: TestClient, body: Body, field: str
) -> None:
    document = refused(client, body)
    assert names(document, field)
    assert all(detail["loc"][0] == "body" for detail in document["detail"])


def test_an_enum_error_lists_the_accepted_values(client: TestClient) -> None:
    document = refused(client, {"who": "stranger"})
    assert "'own_behaviour'" in document["message"]


def test_the_body_never_reaches_a_log(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    body = {
        "municipality": "Saint-Gilles",
        "who": "adult_around_me",
        "relationship": "several_family",
        "happening": ["honour", "threats"],
        "sexual_recency": "under_3_days",
        "red_flags": ["threat_to_kill", "strangulation"],
        "needs": ["safe_place"],
        "undocumented": True,
    }
    post(client, body)
    refused(client, {**body, "municipality": "Zorblaxville"})
    refused(client, {**body, "who": "neighbour_mireille"})
    logged = caplog.text
    assert caplog.records, "the capture works: the test client logs each request"
    for value in [
        "Saint-Gilles",
        "Zorblaxville",
        "neighbour_mireille",
        "several_family",
        "under_3_days",
        "threat_to_kill",
        "strangulation",
        "safe_place",
        json.dumps(body),
    ]:
        assert value not in logged
