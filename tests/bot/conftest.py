"""The real assistant for tests lives in tests/conftest.py (one Rasa stack per test session,
shared by tests/bot and the browser tests in tests/web); here, the chat endpoint in front of it.
`free_port` is kept here for imports."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.main import create_app
from bot import stack
from bot.stack import free_port
from infra.config import get_settings

__all__ = ["free_port"]


@pytest.fixture(scope="module")
def chat(engines: dict[str, Engine | str], assistant: stack.Stack) -> Iterator[TestClient]:
    """The app's chat endpoint in front of the real assistant, on the seeded SQLite database.
    Rate limits off: hundreds of conversations from one test client are not one person."""
    engine = engines["sqlite"]
    assert isinstance(engine, Engine)
    settings = get_settings().model_copy(
        update={
            "rasa_url": assistant.rasa_url,
            "chat_timeout": 10.0,
            "rate_limit_chat": 0,
            "rate_limit_search": 0,
        }
    )
    with TestClient(create_app(settings=settings, engine=engine)) as client:
        yield client
