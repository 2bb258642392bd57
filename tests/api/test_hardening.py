"""The widget's origin allow-list, request size limits and per-client rate limits."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from infra.config import Settings
from infra.ratelimit import WindowLimit, memory_storage
from tests.api.conftest import ClientWith

GENT_SITE = "https://www.gent.be"
SENDER = "tab-0123456789"


def echo_rasa(client: TestClient) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=[{"recipient_id": SENDER, "text": "Bonjour"}])

    client.app.state.http = httpx.AsyncClient(transport=httpx.MockTransport(answer))  # type: ignore[attr-defined]


# -- the widget's origins -----------------------------------------------------------------------


def test_only_listed_sites_may_embed_the_widget(client_with: ClientWith) -> None:
    with client_with(PASSERELLE_WIDGET_ORIGINS=f"{GENT_SITE}, https://www.liege.be") as client:
        echo_rasa(client)
        chat = {"sender": SENDER, "message": "bonjour"}
        allowed = client.post("/v1/chat", json=chat, headers={"Origin": GENT_SITE})
        assert allowed.status_code == 200
        assert allowed.headers["Access-Control-Allow-Origin"] == GENT_SITE
        assert allowed.headers["Vary"] == "Origin"

        preflight = client.options(
            "/v1/chat",
            headers={"Origin": GENT_SITE, "Access-Control-Request-Method": "POST"},
        )
        assert preflight.status_code == 204
        assert preflight.headers["Access-Control-Allow-Origin"] == GENT_SITE

        for method in ("options", "post"):
            refused = client.request(
                method, "/v1/chat", json=chat, headers={"Origin": "https://evil.example"}
            )
            assert refused.status_code == 403
            assert "Access-Control-Allow-Origin" not in refused.headers
            assert "PASSERELLE_WIDGET_ORIGINS" in refused.json()["message"]
            assert refused.headers["X-Content-Type-Options"] == "nosniff"

        # The server's own pages (the demo, the search page) and non-browser clients still work.
        same_site = client.post("/v1/chat", json=chat, headers={"Origin": "http://testserver"})
        assert same_site.status_code == 200
        assert client.post("/v1/chat", json=chat).status_code == 200
        fallback = client.get("/v1/chat/fallback", headers={"Origin": "https://www.liege.be"})
        assert fallback.status_code == 200


def test_production_refuses_an_open_origin_list() -> None:
    with pytest.raises(ValueError, match="PASSERELLE_WIDGET_ORIGINS"):
        Settings(
            PASSERELLE_ENV="production",
            DATABASE_URL="postgresql://passerelle:s3cure-Pa55@db/passerelle",
            REDIS_URL="redis://redis:6379/0",
        )
    with pytest.raises(ValueError, match="not an origin"):
        Settings(PASSERELLE_WIDGET_ORIGINS="https://www.gent.be/chat")


# -- request sizes ------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_refused_whether_declared_or_streamed(
    client_with: ClientWith,
) -> None:
    with client_with(PASSERELLE_MAX_BODY=2048) as client:
        big = b'{"sender": "tab-0123456789", "message": "' + b"a" * 4000 + b'"}'
        declared = client.post(
            "/v1/chat", content=big, headers={"Content-Type": "application/json"}
        )
        assert declared.status_code == 413
        assert declared.json()["message"].startswith("body: ")
        assert "2 KiB" in declared.json()["message"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer
            for start in range(0, len(big), 500):
                yield big[start : start + 500]

        streamed = client.post(
            "/v1/referrals", content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert streamed.status_code == 413
        # Below the limit nothing changes.
        assert client.post("/v1/referrals", json={"lang": "fr"}).status_code == 200


# -- rate limits --------------------------------------------------------------------------------


def test_searches_are_limited_per_client_with_retry_after(client: TestClient) -> None:
    client.app.state.limits.search = WindowLimit(memory_storage(), "search", 3, 60.0)  # type: ignore[attr-defined]
    for _ in range(3):
        assert client.get("/v1/services", params={"q": "aide"}).status_code == 200
    refused = client.get("/v1/services", params={"q": "aide"})
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    body = refused.json()
    assert "112" in body["message"] and body["retry_after"] == int(refused.headers["Retry-After"])
    assert refused.headers["X-Content-Type-Options"] == "nosniff"
    # Pages, the widget's fallback and the admin API are not counted with searches.
    assert client.get("/search").status_code == 200
    assert client.get("/v1/chat/fallback").status_code == 200


def test_the_chat_limit_never_holds_back_an_emergency(client: TestClient) -> None:
    echo_rasa(client)
    client.app.state.limits.chat = WindowLimit(memory_storage(), "chat", 2, 60.0)  # type: ignore[attr-defined]
    chat = {"sender": SENDER, "lang": "fr"}
    for _ in range(2):
        assert client.post("/v1/chat", json={**chat, "message": "bonjour"}).status_code == 200
    refused = client.post("/v1/chat", json={**chat, "message": "bonjour"})
    assert refused.status_code == 429
    assert refused.headers["Retry-After"].isdigit()
    assert "112" in refused.json()["message"]
    # Danger goes through regardless of the count.
    danger = client.post("/v1/chat", json={**chat, "message": "il a un couteau, il va me tuer"})
    assert danger.status_code == 200


def test_limits_can_be_turned_off(client_with: ClientWith) -> None:
    with client_with(PASSERELLE_RATE_LIMIT_SEARCH=0, PASSERELLE_RATE_LIMIT_CHAT=0) as client:
        assert client.app.state.limits.search is None  # type: ignore[attr-defined]
        assert client.app.state.limits.chat is None  # type: ignore[attr-defined]


def test_a_redis_outage_does_not_refuse_anyone(client_with: ClientWith) -> None:
    with client_with(REDIS_URL="redis://127.0.0.1:1/0") as client:
        responses = [client.get("/v1/services", params={"q": "aide"}) for _ in range(3)]
        assert [r.status_code for r in responses] == [200, 200, 200]


def test_limits_are_shared_through_redis(client_with: ClientWith) -> None:
    env = {"REDIS_URL": "redis://127.0.0.1:6379/15", "PASSERELLE_RATE_LIMIT_SEARCH": 2}
    name = f"test-{uuid.uuid4().hex[:8]}"  # this run's own counts
    with client_with(**env) as one, client_with(**env) as two:
        for client in (one, two):  # two API workers
            limiter = client.app.state.limits.search  # type: ignore[attr-defined]
            assert isinstance(limiter, WindowLimit)
            limiter.name = name
        statuses = [
            c.get("/v1/services", params={"q": "aide"}).status_code for c in (one, two, one)
        ]
    if statuses == [200, 200, 200]:
        pytest.skip("Redis not reachable at 127.0.0.1:6379: the limit failed open")
    assert statuses == [200, 200, 429]
