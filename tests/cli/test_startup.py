"""What `make run` tells a newcomer: one clear line per missing prerequisite, the seed's notes
once, the addresses when ready (cli/startup.py). The whole first run: tests/deploy."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from rich.console import Console

from cli import startup


def test_a_taken_port_is_named_with_what_to_do() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        problem = startup.port_problem("127.0.0.1", port)
    assert problem is not None
    assert f"Port {port}" in problem and f"PORT={port + 1}" in problem
    assert startup.port_problem("127.0.0.1", port) is None  # free again


def test_an_unreachable_database_or_redis_is_one_line_with_what_to_do() -> None:
    assert startup.database_problem("sqlite:///somewhere.db") is None
    problem = startup.database_problem("postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert problem is not None and "127.0.0.1:1" in problem and "unset DATABASE_URL" in problem
    assert "\n" not in problem
    assert startup.redis_problem(None) is None
    problem = startup.redis_problem("redis://127.0.0.1:1/0")
    assert problem is not None and "unset REDIS_URL" in problem


def test_the_seed_notes_are_listed_once_until_they_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PASSERELLE_CACHE", str(tmp_path))
    notes = ["Coverage approximated: a", "Coverage not mapped: b"]
    assert startup.notes_are_new(notes)
    assert not startup.notes_are_new(notes)
    assert startup.notes_are_new([*notes, "Address place not resolved: c"])


def test_the_banner_gives_the_addresses_and_the_first_admin_command() -> None:
    console = Console(record=True, width=140)
    console.print(startup.banner("http://127.0.0.1:8000", assistant=True))
    text = console.export_text()
    for address in ("/demo", "/search", "/admin", "/docs"):
        assert f"http://127.0.0.1:8000{address}" in text
    assert "passerelle users create --email" in text
    console = Console(record=True, width=140)
    console.print(startup.banner("http://127.0.0.1:8000", assistant=False))
    assert "fallback" in console.export_text()
