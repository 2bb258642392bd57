"""The real assistant for tests lives in tests/conftest.py (one Rasa stack per test session,
shared by tests/bot and the browser tests in tests/web); `free_port` is kept here for imports."""

from bot.stack import free_port

__all__ = ["free_port"]
