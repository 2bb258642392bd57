"""Whatever people type, the public endpoints answer with 2xx or a clear 4xx, never a 5xx."""

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PRINTABLE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
TRICKY = st.sampled_from(
    ['"', "'", "*", "NEAR(a b)", "a:b", "^x", "-x", "OR", "AND NOT", "()", "%", "\\", "é̈", "🙂"]
)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(q=st.one_of(PRINTABLE, TRICKY), place=st.one_of(st.none(), PRINTABLE, TRICKY))
def test_search_never_fails(client: TestClient, q: str, place: str | None) -> None:
    params = {"q": q} | ({"municipality": place} if place is not None else {})
    response = client.get("/v1/services", params=params)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.json()["message"]


@SETTINGS
@given(q=st.one_of(PRINTABLE, TRICKY))
def test_resolver_never_fails(client: TestClient, q: str) -> None:
    response = client.get("/v1/municipalities", params={"q": q})
    assert response.status_code < 500, response.text


def test_nul_characters_are_refused_cleanly(client: TestClient) -> None:
    for params in ({"q": "viol\x00ence"}, {"municipality": "Li\x00ge"}):
        response = client.get("/v1/services", params=params)
        assert response.status_code < 500, response.text


def test_nul_characters_in_stored_or_looked_up_text_are_422(client: TestClient) -> None:
    """PostgreSQL text cannot hold NUL: before the check these were 500s there."""
    assert client.get("/v1/services/cvfe%00liege").status_code == 422
    response = client.post(
        "/v1/suggestions", json={"service_id": "cvfe-liege", "message": "a\x00b"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", "message"]
