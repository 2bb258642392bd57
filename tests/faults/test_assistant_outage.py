"""Rasa killed, Rasa hung, the action server gone: the chat still answers, safely, within 3 s.

A Rasa and an action server of this module's own (free ports, the cached model, the session's
seeded SQLite database) sit behind the app's `POST /v1/chat`, so that killing them leaves the
session-wide `assistant` of tests/bot alone. When Rasa cannot answer, the next turn gets the
fallback within 3 s: the emergency numbers (112, 101) and the regional helpline of the page's
municipality (1712 for Gent, 0800 30 030 for Liège), as `GET /v1/chat/fallback` shows it. When
Rasa is back (restarted, or continued after SIGSTOP) the same app answers again.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from bot import stack
from infra.config import get_settings
from infra.db import make_engine
from tests.faults.conftest import copy_sqlite

FALLBACK_WITHIN = 3.0
GENT, LIEGE = "44021", "62063"
HELPLINE = {GENT: "1712", LIEGE: "0800 30 030"}
SAFE = '/inform{"safety":"ok"}'
ME = '/inform{"who":"me"}'


def _started(pid: int) -> str | None:
    """When the process started (clock ticks since boot): with the id, who it is."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _children(pid: int) -> list[int]:
    """Every process below `pid` (Sanic's worker manager runs the action server in a child)."""
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found + [grandchild for child in found for grandchild in _children(child)]


@dataclass
class OwnAssistant:
    """Rasa and the action server for this module; processes are only ever signalled by id."""

    model: Path
    database_url: str
    log: BinaryIO
    rasa_port: int = field(default_factory=stack.free_port)
    actions_port: int = field(default_factory=stack.free_port)
    rasa: subprocess.Popen[bytes] | None = None
    actions: subprocess.Popen[bytes] | None = None
    # Everything started, children included, with its start time: a leftover is only killed
    # if its id still names the same process.
    started: dict[int, str | None] = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"

    def start_actions(self) -> float:
        started = time.monotonic()
        self.actions = stack.start_actions(
            self.actions_port, log=self.log.fileno(), database_url=self.database_url
        )
        stack.wait_until_up(f"{self.actions_url}/health", self.actions, timeout=60)
        self._remember(self.actions.pid)
        return time.monotonic() - started

    def start_rasa(self) -> float:
        started = time.monotonic()
        self.rasa = stack.start_rasa(
            self.model, self.rasa_port, self.actions_url, log=self.log.fileno()
        )
        stack.wait_until_up(f"{self.rasa_url}/", self.rasa, timeout=180)
        self._remember(self.rasa.pid)
        return time.monotonic() - started

    def _remember(self, pid: int) -> None:
        for one in (pid, *_children(pid)):
            self.started[one] = _started(one)

    def kill(self, process: subprocess.Popen[bytes] | None) -> None:
        """SIGKILL a server and every process under it: the server is gone, as in a crash."""
        assert process is not None
        for pid in [*_children(process.pid), process.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=10)

    def signal(self, process: subprocess.Popen[bytes] | None, number: int) -> None:
        assert process is not None
        for pid in [process.pid, *_children(process.pid)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, number)

    def stop(self) -> None:
        for process in (self.rasa, self.actions):
            if process is not None and process.poll() is None:
                self.signal(process, signal.SIGCONT)
                process.terminate()
        for process in (self.rasa, self.actions):
            if process is None:
                continue
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        # Whatever the servers left behind (a Sanic worker outlives a killed parent).
        for pid, started in self.started.items():
            if started is not None and _started(pid) == started:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        (stack.cache_dir() / f"endpoints-{self.rasa_port}.yml").unlink(missing_ok=True)

    def tail(self) -> str:
        self.log.flush()
        path = Path(self.log.name)
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


@pytest.fixture(scope="module")
def database(seeded_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the seeded database for the action server and the app (their usage counts
    and conversations stay out of every other test's database)."""
    return copy_sqlite(seeded_sqlite, tmp_path_factory.mktemp("assistant-db") / "chat.db")


@pytest.fixture(scope="module")
def own_assistant(
    rasa_model: Path, database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OwnAssistant]:
    path = tmp_path_factory.mktemp("assistant") / "assistant.log"
    with path.open("wb") as log:
        running = OwnAssistant(rasa_model, database, log)
        try:
            running.start_actions()
            seconds = running.start_rasa()
            print(f"\n[assistant] Rasa up in {seconds:.1f} s")
            yield running
        finally:
            running.stop()


@pytest.fixture(scope="module")
def chat(database: str, own_assistant: OwnAssistant) -> Iterator[TestClient]:
    engine = make_engine(database)
    # The production timeout (chat_timeout, 2.5 s by default): what these tests are about.
    settings = get_settings().model_copy(
        update={
            "rasa_url": own_assistant.rasa_url,
            "actions_url": own_assistant.actions_url,
            "rate_limit_chat": 0,
        }
    )
    try:
        with TestClient(create_app(settings=settings, engine=engine)) as client:
            yield client
    finally:
        engine.dispose()


@pytest.fixture
def healthy(own_assistant: OwnAssistant) -> OwnAssistant:
    """Each test starts with both servers up, whatever the previous one did to them."""
    if own_assistant.actions is None or own_assistant.actions.poll() is not None:
        own_assistant.start_actions()
    if own_assistant.rasa is None or own_assistant.rasa.poll() is not None:
        own_assistant.start_rasa()
    own_assistant.signal(own_assistant.rasa, signal.SIGCONT)
    own_assistant.signal(own_assistant.actions, signal.SIGCONT)
    return own_assistant


@dataclass
class Reply:
    seconds: float
    status: int
    body: dict[str, Any]

    @property
    def degraded(self) -> bool:
        return bool(self.body.get("degraded"))

    @property
    def text(self) -> str:
        return " ".join(m.get("text", "") for m in self.body.get("messages", []))

    def phones(self) -> set[str]:
        found = set()
        for message in self.body.get("messages", []):
            if message.get("type") != "referral":
                continue
            card = message.get("emergency_card") or {}
            found |= {line["phone"]["display"] for line in card.get("lines", [])}
            for service in message.get("cards", []):
                found |= {phone["display"] for phone in service.get("phones", [])}
        return found


def say(client: TestClient, sender: str, message: str, municipality: str, lang: str) -> Reply:
    body = {"sender": sender, "message": message, "lang": lang, "municipality": municipality}
    started = time.monotonic()
    response = client.post("/v1/chat", json=body)
    seconds = time.monotonic() - started
    return Reply(seconds, response.status_code, response.json())


def sender(name: str) -> str:
    return f"fault-{name}-{time.monotonic_ns():x}"[:60]


def assert_fallback(reply: Reply, municipality: str) -> None:
    assert reply.status == 200, reply.body
    assert reply.seconds <= FALLBACK_WITHIN, f"the fallback took {reply.seconds:.2f} s"
    assert reply.degraded, reply.body
    phones = reply.phones()
    assert {"112", "101", HELPLINE[municipality]} <= phones, phones
    assert "112" in reply.text and "101" in reply.text, reply.text


def assert_answered(reply: Reply) -> None:
    assert reply.status == 200, reply.body
    assert not reply.degraded, reply.body
    assert reply.body["messages"], reply.body


def conversation_start(client: TestClient, who: str, municipality: str, lang: str) -> None:
    hello = "bonjour" if lang == "fr" else "hallo"
    assert_answered(say(client, who, hello, municipality, lang))
    assert_answered(say(client, who, SAFE, municipality, lang))


def test_rasa_killed_mid_conversation(chat: TestClient, healthy: OwnAssistant) -> None:
    gent, liege = sender("killed-nl"), sender("killed-fr")
    conversation_start(chat, gent, GENT, "nl")
    conversation_start(chat, liege, LIEGE, "fr")
    healthy.kill(healthy.rasa)
    replies = [say(chat, gent, ME, GENT, "nl"), say(chat, liege, ME, LIEGE, "fr")]
    assert_fallback(replies[0], GENT)
    assert_fallback(replies[1], LIEGE)
    # The widget keeps the fallback it loads at start: the two must agree.
    loaded = chat.get("/v1/chat/fallback", params={"municipality": "Gent", "lang": "nl"})
    assert loaded.json()["messages"] == replies[0].body["messages"]

    seconds = healthy.start_rasa()
    # The same app, its pooled connection to the killed Rasa now dead: a new turn is answered.
    again = say(chat, gent, "hallo", GENT, "nl")
    print(
        f"\n[rasa killed] fallback in {replies[0].seconds:.2f} s (Gent), "
        f"{replies[1].seconds:.2f} s (Liège); Rasa restarted in {seconds:.1f} s; "
        f"first turn after: degraded={again.degraded} in {again.seconds:.2f} s"
    )
    assert_answered(again)


def test_rasa_hung(chat: TestClient, healthy: OwnAssistant) -> None:
    gent = sender("hung")
    conversation_start(chat, gent, GENT, "nl")
    healthy.signal(healthy.rasa, signal.SIGSTOP)
    try:
        replies = [
            say(chat, gent, ME, GENT, "nl"),
            say(chat, sender("hung-new"), "hallo", GENT, "nl"),
        ]
    finally:
        healthy.signal(healthy.rasa, signal.SIGCONT)
    for reply in replies:
        assert_fallback(reply, GENT)
    again = say(chat, sender("hung-after"), "hallo", GENT, "nl")
    print(
        f"\n[rasa hung] fallback in {replies[0].seconds:.2f} s and {replies[1].seconds:.2f} s; "
        f"after SIGCONT: degraded={again.degraded} in {again.seconds:.2f} s"
    )
    assert_answered(again)


EMERGENCY = "hij slaat me nu, help"


def test_action_server_down(chat: TestClient, healthy: OwnAssistant) -> None:
    """Whatever Rasa manages without its actions is either a real answer or the fallback, in
    time; a message about danger always gets the emergency numbers."""
    conversation = sender("no-actions")
    conversation_start(chat, conversation, GENT, "nl")
    healthy.kill(healthy.actions)
    seen = []
    for who, message in (
        (conversation, ME),
        (sender("no-actions-new"), "hallo"),
        (sender("no-actions-danger"), EMERGENCY),
    ):
        reply = say(chat, who, message, GENT, "nl")
        seen.append((message, reply))
        assert reply.status == 200, reply.body
        assert reply.seconds <= FALLBACK_WITHIN, f"{message!r}: {reply.seconds:.2f} s"
        assert reply.body["messages"], reply.body
        if reply.degraded:
            assert {"112", "101", HELPLINE[GENT]} <= reply.phones() or message == EMERGENCY
        if message == EMERGENCY:
            assert {"112", "101"} <= reply.phones(), reply.body
    seconds = healthy.start_actions()
    again = say(chat, sender("actions-back"), "hallo", GENT, "nl")
    after = say(chat, sender("actions-back-2"), ME, GENT, "nl")
    print(
        "\n[actions killed] "
        + "; ".join(
            f"{m!r}: degraded={r.degraded} in {r.seconds:.2f} s, {r.text[:60]!r}" for m, r in seen
        )
        + f"; restarted in {seconds:.1f} s; after: degraded={again.degraded}/{after.degraded}"
    )
    assert_answered(again)
    assert_answered(after)
