"""GET /v1/admin/usage: the privacy-preserving counts, as the chat produced them."""

from __future__ import annotations

import datetime as dt

import httpx
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from infra.usage import DailyCount, Event
from tests.api.admin.conftest import Headers


def chat_reply(*messages: dict[str, object]) -> httpx.AsyncClient:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=list(messages))

    return httpx.AsyncClient(transport=httpx.MockTransport(answer))


SAFETY = (
    {"recipient_id": "x", "text": "Pouvez-vous parler en sécurité ?"},
    {"recipient_id": "x", "custom": {"question": "safety", "multiple": False}},
)
REFERRAL = {
    "recipient_id": "x",
    "custom": {
        "type": "referral",
        "emergency": False,
        "cards": [{"kind": "helpline", "id": "a"}, {"kind": "caw", "id": "b"}],
    },
}
EMERGENCY = {"recipient_id": "x", "custom": {"type": "referral", "emergency": True, "cards": []}}


def test_chat_answers_are_counted_per_day_without_anything_personal(
    client: TestClient, session: Session, admin: Headers, now: dt.datetime
) -> None:
    app = client.app
    chat = {"sender": "tab-0123456789", "lang": "fr"}
    app.state.http = chat_reply(*SAFETY)  # type: ignore[attr-defined]
    assert client.post("/v1/chat", json={**chat, "message": "bonjour"}).status_code == 200
    app.state.http = chat_reply(REFERRAL)  # type: ignore[attr-defined]
    assert client.post("/v1/chat", json={**chat, "message": "oui"}).status_code == 200
    app.state.http = chat_reply(EMERGENCY)  # type: ignore[attr-defined]
    assert client.post("/v1/chat", json={**chat, "message": "il a un couteau"}).status_code == 200

    response = client.get("/v1/admin/usage", headers=admin)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["totals"] == {
        "conversation_started": 1,
        "referral": 2,
        "emergency_shown": 1,
    }
    day = now.date().isoformat()
    assert {"day": day, "event": "referral", "lang": "fr", "kind": "caw", "count": 1} in body[
        "rows"
    ]
    # What the table holds: a day, an event, a language, a kind, a number. Nothing else.
    stored = session.query(DailyCount).all()
    assert {c.name for c in DailyCount.__table__.columns} == {
        "day",
        "event",
        "lang",
        "kind",
        "count",
    }
    assert sum(row.count for row in stored) >= 4


def test_the_fallback_is_counted(client: TestClient, admin: Headers) -> None:
    client.app.state.settings = client.app.state.settings.model_copy(  # type: ignore[attr-defined]
        update={"rasa_url": "http://127.0.0.1:9"}
    )
    client.app.state.http = None  # type: ignore[attr-defined]
    response = client.post("/v1/chat", json={"sender": "tab-0123456789", "message": "bonjour"})
    assert response.json()["degraded"] is True
    totals = client.get("/v1/admin/usage", headers=admin).json()["totals"]
    assert totals[Event.ASSISTANT_UNAVAILABLE] == 1


def test_usage_needs_an_account_and_sensible_days(client: TestClient, editor_gent: Headers) -> None:
    assert client.get("/v1/admin/usage").status_code == 401
    assert client.get("/v1/admin/usage", headers=editor_gent).status_code == 200
    backwards = client.get(
        "/v1/admin/usage", params={"first": "2026-11-20", "last": "2026-11-01"}, headers=editor_gent
    )
    assert backwards.status_code == 422
    assert "first" in backwards.json()["message"]
    too_long = client.get(
        "/v1/admin/usage", params={"first": "2020-01-01", "last": "2026-11-01"}, headers=editor_gent
    )
    assert too_long.status_code == 422
