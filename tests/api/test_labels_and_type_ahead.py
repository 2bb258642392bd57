"""GET /v1/labels (the filter codes' labels for the search page) and the resolver's type-ahead
(GET /v1/municipalities?complete=true)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from directory.vocab import Audience, Channel, Kind, SpokenLanguage, ViolenceType


def test_labels_in_french_and_dutch(client: TestClient) -> None:
    fr = client.get("/v1/labels", params={"lang": "fr"}).json()
    nl = client.get("/v1/labels", params={"lang": "nl"}).json()
    assert fr["lang"] == "fr" and nl["lang"] == "nl"
    for name, vocabulary in (
        ("kind", Kind),
        ("audience", Audience),
        ("violence_type", ViolenceType),
        ("channel", Channel),
    ):
        assert [item["code"] for item in fr[name]] == [code.value for code in vocabulary]
        assert [item["code"] for item in nl[name]] == [code.value for code in vocabulary]
    assert fr["language"] == [code.value for code in SpokenLanguage]
    violence_fr = {item["code"]: item["label"] for item in fr["violence_type"]}
    violence_nl = {item["code"]: item["label"] for item in nl["violence_type"]}
    assert violence_fr["partner"] == "Violence conjugale, entre partenaires"
    assert violence_nl["partner"] == "Partnergeweld"


def test_labels_follow_accept_language(client: TestClient) -> None:
    body = client.get("/v1/labels", headers={"Accept-Language": "nl-BE,nl;q=0.9"}).json()
    assert body["lang"] == "nl"
    assert client.get("/v1/labels").json()["lang"] == "fr"


def test_type_ahead_is_asked_for(client: TestClient) -> None:
    plain = client.get("/v1/municipalities", params={"q": "Jupil"}).json()
    assert plain["status"] == "not_found"
    typed = client.get("/v1/municipalities", params={"q": "Jupil", "complete": "true"}).json()
    best = typed["candidates"][0]
    assert (best["nis_code"], best["name"], best["match"], best["matched"]) == (
        "62063",
        "Liège",
        "completion",
        "Jupille-sur-Meuse",
    )
    dutch = client.get(
        "/v1/municipalities", params={"q": "Jupil", "complete": "true", "lang": "nl"}
    ).json()
    assert dutch["candidates"][0]["name"] == "Luik"
    # A search never completes a fragment.
    assert client.get("/v1/services", params={"municipality": "Jupil"}).status_code == 422
