"""Nothing a person typed is kept: after a whole conversation and a search through the real
processes (the API as `passerelle serve` runs it, Rasa and the action server), their words are
in no log and nowhere in the database files.

The API runs at DEBUG here, the most talkative it can be; Rasa and the action server at their
default INFO (tests/conftest.py `assistant`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot import stack
from bot.stack import free_port, wait_until_up

# Words nobody else uses, so that any trace of them can only come from this test.
NAME = "Zorglubix"
STREET = "Quetzalcoatlstraat"
CONVERSATION = [
    "bonjour",
    "oui je peux parler, il est parti travailler",
    f"mon compagnon {NAME} me frappe depuis des mois",
    f"j'habite {STREET} à Liège",
    "je voudrais parler à quelqu'un",
]
SEARCH_TERMS = f"{STREET} violence {NAME}"
SENDER = "tab-privacy-0001"


@pytest.fixture
def api(assistant: stack.Stack, sqlite_url: str, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`passerelle serve` on the seeded test database, with the real assistant behind it."""
    port = free_port()
    log = tmp_path / "api.log"
    env = {
        **os.environ,
        "DATABASE_URL": sqlite_url,
        "PASSERELLE_RASA_URL": assistant.rasa_url,
        "PASSERELLE_ACTIONS_URL": assistant.actions_url,
        "PASSERELLE_LOG_LEVEL": "DEBUG",
        "PASSERELLE_LOG_FORMAT": "json",
    }
    command = [str(Path(sys.executable).parent / "passerelle"), "serve", "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/health", process, timeout=60)
            yield f"http://127.0.0.1:{port}", log
        finally:
            process.terminate()  # a clean shutdown also writes the usage counts
            process.wait(timeout=20)


def test_no_trace_of_what_was_typed_or_searched(
    api: tuple[str, Path], sqlite_url: str, output_dir: Path
) -> None:
    url, api_log = api
    with httpx.Client(base_url=url, timeout=10) as client:
        answered = []
        for message in CONVERSATION:
            response = client.post(
                "/v1/chat", json={"sender": SENDER, "message": message, "lang": "fr"}
            )
            assert response.status_code == 200, response.text
            answered.append(response.json())
        assert not any(a["degraded"] for a in answered), "the real assistant answered"
        search = client.get("/v1/services", params={"q": SEARCH_TERMS, "municipality": "Liège"})
        assert search.status_code == 200
        referral = client.post("/v1/referrals", json={"lang": "fr", "municipality": "Liège"})
        assert referral.status_code == 200
        assert client.get("/ready").json()["status"] == "ready"

    logs = {
        "api": api_log.read_bytes(),
        "assistant": (output_dir / "assistant.log").read_bytes(),
    }
    assert b'"route":"/v1/chat"' in logs["api"], "the API did log (JSON, one line per request)"
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    files = [database, *database.parent.glob(database.name + "-*")]  # with -wal, -shm
    stored = {f.name: f.read_bytes() for f in files if f.exists()}
    assert stored[database.name], "the database file was read"

    secrets = [NAME, STREET, *CONVERSATION[1:]]
    for where, content in {**logs, **stored}.items():
        for secret in secrets:
            assert secret.encode() not in content, f"{secret!r} found in {where}"
            assert secret.encode("utf-16-le") not in content, f"{secret!r} found in {where}"
