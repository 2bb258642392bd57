"""POST /v1/chat: the relay to Rasa, the emergency net in front of it, the fallback behind it.

Rasa is replaced here by a stub transport that records what reaches it; the real assistant is
exercised end to end in tests/bot/test_conversation.py.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

SENDER = "tab-3f9c2a71"
LIEGE, GENT = "62063", "44021"


class StubRasa:
    def __init__(self, reply: list[dict[str, Any]] | None = None, status: int = 200) -> None:
        self.received: list[dict[str, Any]] = []
        self.reply = reply if reply is not None else [{"recipient_id": SENDER, "text": "ok"}]
        self.status = status

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.received.append(json.loads(request.content))
        return httpx.Response(self.status, json=self.reply)


@pytest.fixture
def rasa(client: TestClient) -> Iterator[StubRasa]:
    stub = StubRasa()
    client.app.state.http = httpx.AsyncClient(transport=httpx.MockTransport(stub))  # type: ignore[attr-defined]
    yield stub


@pytest.fixture
def rasa_down(client: TestClient) -> None:
    client.app.state.settings = client.app.state.settings.model_copy(  # type: ignore[attr-defined]
        update={"rasa_url": "http://127.0.0.1:9", "chat_timeout": 2.5}
    )
    client.app.state.http = None  # type: ignore[attr-defined]


def post(client: TestClient, message: str, **extra: Any) -> httpx.Response:
    return client.post("/v1/chat", json={"sender": SENDER, "message": message, **extra})


def test_messages_are_relayed_with_the_language_and_the_page_municipality(
    client: TestClient, rasa: StubRasa
) -> None:
    rasa.reply = [
        {
            "recipient_id": SENDER,
            "text": "Pour qui ?",
            "buttons": [{"title": "Pour moi", "payload": '/inform{"who":"me"}'}],
        },
        {"recipient_id": SENDER, "custom": {"question": "who", "multiple": False}},
    ]
    response = post(client, "bonjour", lang="fr", municipality="Liège")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body == {
        "lang": "fr",
        "degraded": False,
        "messages": [
            {
                "type": "text",
                "text": "Pour qui ?",
                "buttons": [{"title": "Pour moi", "payload": '/inform{"who":"me"}'}],
                "question": "who",
                "multiple": False,
            }
        ],
    }
    assert rasa.received == [
        {"sender": SENDER, "message": "bonjour", "metadata": {"lang": "fr", "municipality": LIEGE}}
    ]


def test_someone_writing_dutch_on_a_french_page_is_answered_in_dutch(
    client: TestClient, rasa: StubRasa
) -> None:
    body = post(client, "mijn man slaat mij soms als hij gedronken heeft", lang="fr").json()
    assert body["lang"] == "nl"
    assert rasa.received[0]["metadata"]["lang"] == "nl"


@pytest.mark.parametrize(
    "message", ["il a un couteau", "hij gaat me vermoorden", "AIDEZ MOI VITE il me frappe"]
)
def test_an_emergency_reaches_rasa_as_an_intent_never_as_words(
    client: TestClient, rasa: StubRasa, message: str
) -> None:
    post(client, message, lang="fr")
    assert rasa.received[0]["message"] == "/emergency"


def test_button_payloads_are_relayed_as_they_are(client: TestClient, rasa: StubRasa) -> None:
    post(client, '/inform{"happening":["physical","threats"]}')
    assert rasa.received[0]["message"] == '/inform{"happening":["physical","threats"]}'


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"sender": "x", "message": "bonjour"}, "sender"),
        ({"sender": "a b c d e f g h", "message": "bonjour"}, "sender"),
        ({"sender": SENDER, "message": ""}, "message"),
        ({"sender": SENDER, "message": "x" * 1001}, "message"),
        ({"sender": SENDER, "message": "bonjour", "lang": "it"}, "lang"),
        ({"sender": SENDER, "message": '/inform{"emergency":false}'}, "message"),
        ({"sender": SENDER, "message": "/session_start"}, "message"),
        ({"sender": SENDER, "message": "bonjour", "municipality": "Atlantis"}, "municipality"),
        ({"sender": SENDER, "message": "bonjour", "extra": 1}, "extra"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(
    client: TestClient, rasa: StubRasa, body: dict[str, Any], field: str
) -> None:
    response = client.post("/v1/chat", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["message"].startswith(field)
    assert rasa.received == []


@pytest.mark.usefixtures("rasa_down")
def test_when_the_assistant_is_down_the_numbers_and_the_regional_helpline_come_within_3_s(
    client: TestClient,
) -> None:
    started = time.perf_counter()
    response = post(client, "bonjour", lang="nl", municipality=GENT)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200 and elapsed < 3
    body = response.json()
    assert body["degraded"] is True
    referral = next(m for m in body["messages"] if m["type"] == "referral")
    phones = [
        line["phone"]["display"]
        for line in referral["emergency_card"]["lines"]
        if line.get("phone")
    ]
    assert {"101", "112"} <= set(phones)
    assert referral["cards"][0]["service_id"] == "hulplijn-1712"
    assert any(m["type"] == "link" and m["href"] == "/search" for m in body["messages"])


@pytest.mark.usefixtures("rasa_down")
def test_an_emergency_while_the_assistant_is_down_gets_the_emergency_card(
    client: TestClient,
) -> None:
    body = post(client, "il va me tuer", lang="fr", municipality=LIEGE).json()
    referral = next(m for m in body["messages"] if m["type"] == "referral")
    assert referral["emergency"] is True and referral["cards"] == []
    assert "101" in body["messages"][0]["text"]


def test_an_error_inside_rasa_falls_back_too(client: TestClient, rasa: StubRasa) -> None:
    rasa.reply = []  # what Rasa answers when an action failed
    assert post(client, "bonjour").json()["degraded"] is True
    rasa.status, rasa.reply = 500, [{"error": "boom"}]
    assert post(client, "bonjour").json()["degraded"] is True


def test_nothing_of_the_message_is_logged(
    client: TestClient, rasa: StubRasa, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    post(client, "mon voisin Zorglub me menace", lang="fr")
    assert "Zorglub" not in caplog.text


def test_the_fallback_card_can_be_fetched_ahead(client: TestClient) -> None:
    response = client.get("/v1/chat/fallback", params={"lang": "fr", "municipality": "Liège"})
    assert response.status_code == 200
    body = response.json()
    referral = next(m for m in body["messages"] if m["type"] == "referral")
    assert referral["cards"][0]["service_id"] == "ecoute-violences-conjugales"
    assert client.get("/v1/chat/fallback", params={"municipality": "Atlantis"}).status_code == 422


def test_several_rasa_servers_share_the_conversations_each_staying_with_one(
    client: TestClient,
) -> None:
    seen: dict[str, set[int | None]] = {}

    def answer(request: httpx.Request) -> httpx.Response:
        sender = json.loads(request.content)["sender"]
        seen.setdefault(sender, set()).add(request.url.port)
        return httpx.Response(200, json=[{"recipient_id": sender, "text": "ok"}])

    app = client.app
    app.state.settings = app.state.settings.model_copy(  # type: ignore[attr-defined]
        update={"rasa_url": "http://127.0.0.1:5005, http://127.0.0.1:5006"}
    )
    app.state.http = httpx.AsyncClient(transport=httpx.MockTransport(answer))  # type: ignore[attr-defined]
    senders = [f"tab-{n:08d}" for n in range(20)]
    for _ in range(3):
        for sender in senders:
            assert (
                client.post("/v1/chat", json={"sender": sender, "message": "ok"}).status_code == 200
            )
    assert all(len(ports) == 1 for ports in seen.values())  # one server per conversation
    assert set().union(*seen.values()) == {5005, 5006}  # and both servers get some


# -- German and English (B.4a.6): the essentials from the app, for every region ------------------
EUPEN, GENT_NIS, SAINT_GILLES_NIS = "63023", "44021", "21013"
HELPLINES_OF = {
    EUPEN: {"ecoute-violences-conjugales"},
    GENT_NIS: {"hulplijn-1712"},
    SAINT_GILLES_NIS: {"hulplijn-1712", "ecoute-violences-conjugales"},
}


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("Mein Freund bedroht mich, was kann ich tun?", "de"),
        ("My boyfriend threatens me, what can I do?", "en"),
    ],
)
@pytest.mark.parametrize("place", [EUPEN, GENT_NIS, SAINT_GILLES_NIS])
def test_german_and_english_get_the_essentials_in_their_language(
    client: TestClient, rasa: StubRasa, message: str, lang: str, place: str
) -> None:
    response = post(client, message, lang="fr", municipality=place)
    assert response.status_code == 200
    body = response.json()
    assert body["lang"] == lang and body["degraded"] is False
    messages = body["messages"]
    assert "101" in messages[0]["text"] and "112" in messages[0]["text"]
    card = next(m for m in messages if m["type"] == "referral")
    assert {c["service_id"] for c in card["cards"]} & HELPLINES_OF[place]
    wrong = {"hulplijn-1712", "ecoute-violences-conjugales"} - HELPLINES_OF[place]
    assert not {c["service_id"] for c in card["cards"]} & wrong
    payloads = [b["payload"] for b in messages[-1]["buttons"]]
    assert payloads == ['/inform{"language":"fr"}', '/inform{"language":"nl"}']
    assert not rasa.received, "German and English are answered by the app itself"


def test_german_without_a_place_still_gives_112_and_101(client: TestClient, rasa: StubRasa) -> None:
    body = post(client, "Ich habe Angst vor meinem Mann, er schlägt mich").json()
    assert body["lang"] == "de"
    assert "101" in body["messages"][0]["text"] and "112" in body["messages"][0]["text"]
    assert "Französisch und Niederländisch" in body["messages"][-1]["text"]


def test_choosing_a_language_goes_on_in_it(client: TestClient, rasa: StubRasa) -> None:
    assert post(client, '/inform{"language":"nl"}', lang="de").json()["lang"] == "nl"
