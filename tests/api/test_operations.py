"""/health (liveness) and /ready (the database, Rasa and the action server)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from infra.config import Settings
from infra.db import make_engine

Handler = Callable[[httpx.Request], httpx.Response]


def assistant(rasa_up: bool, actions_up: bool) -> httpx.AsyncClient:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.port == 5005 and rasa_up:
            return httpx.Response(200, text="Hello from Rasa: 3.6.21")
        if request.url.path == "/health" and actions_up:
            return httpx.Response(200, json={"status": "ok"})
        raise httpx.ConnectError("refused", request=request)

    return httpx.AsyncClient(transport=httpx.MockTransport(answer))


def test_health_is_liveness_only(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize(
    ("rasa_up", "actions_up", "status"),
    [(True, True, "ready"), (False, True, "degraded"), (True, False, "degraded")],
)
def test_ready_checks_the_database_rasa_and_the_action_server(
    client: TestClient, rasa_up: bool, actions_up: bool, status: str
) -> None:
    client.app.state.http = assistant(rasa_up, actions_up)  # type: ignore[attr-defined]
    response = client.get("/ready")
    # The assistant being down does not make the API unready: the chat's fallback still works.
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == status
    assert body["checks"]["database"] == {"ok": True, "detail": "up"}
    assert body["checks"]["rasa"]["ok"] is rasa_up
    assert body["checks"]["actions"]["ok"] is actions_up
    assert response.headers["Cache-Control"] == "no-store"


def test_ready_is_503_without_the_database() -> None:
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    app = create_app(settings=Settings(), engine=engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        client.app.state.http = assistant(True, True)  # type: ignore[attr-defined]
        response = client.get("/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is False
    # The error's kind, never its message (which could carry a host name or data).
    assert body["checks"]["database"]["detail"] == "OperationalError"
    assert "127.0.0.1" not in response.text


def test_ready_needs_every_rasa_server(client: TestClient) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.port == 5006:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(200, text="ok")

    app = client.app
    app.state.settings = app.state.settings.model_copy(  # type: ignore[attr-defined]
        update={"rasa_url": "http://127.0.0.1:5005,http://127.0.0.1:5006"}
    )
    app.state.http = httpx.AsyncClient(transport=httpx.MockTransport(answer))  # type: ignore[attr-defined]
    body = client.get("/ready").json()
    assert body["status"] == "degraded"
    assert body["checks"]["rasa"] == {"ok": False, "detail": "1 of 2 servers: ConnectError"}
