"""The real assistant for tests: the trained model, Rasa and the action server on free ports.

Training is cached outside the checkout (bot/stack.py), so only a change of the bot's data or
configuration costs a training run. The action server reads the session's seeded SQLite test
database, so the referral cards come from the same data as every other test.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot import stack

OUTPUT = Path(os.environ.get("PASSERELLE_TEST_OUTPUT", "test-output")).resolve() / "bot"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT


@pytest.fixture(scope="session")
def rasa_model() -> Path:
    model, _ = stack.train()
    return model


@pytest.fixture(scope="session")
def sqlite_url(engines: dict[str, Engine | str]) -> str:
    engine = engines["sqlite"]
    assert isinstance(engine, Engine)
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def assistant(rasa_model: Path, sqlite_url: str, output_dir: Path) -> Iterator[stack.Stack]:
    """Rasa and the action server, up for the whole session; their logs go to the output folder."""
    with (
        (output_dir / "assistant.log").open("wb") as log,
        stack.running(
            rasa_model,
            rasa_port=free_port(),
            actions_port=free_port(),
            log=log.fileno(),
            database_url=sqlite_url,
        ) as running,
    ):
        yield running
