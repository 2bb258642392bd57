"""What every action needs: the database, the place resolver, the turn's language and text.

The action server is a long-lived process of the main app's environment: one engine, one place
resolver (built once, it holds the 565 municipalities and 2,724 postal rows in memory).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rasa_sdk import Tracker
from sqlalchemy.orm import Session, sessionmaker

from directory.places import PlaceResolver
from directory.vocab import Lang
from infra.config import get_settings
from infra.db import make_engine, make_session_factory, transaction


class _Database:
    """The action server's database, opened on first use (tests point it elsewhere)."""

    factory: sessionmaker[Session] | None = None
    resolver: PlaceResolver | None = None


_db = _Database()


@contextmanager
def session() -> Iterator[Session]:
    if _db.factory is None:
        _db.factory = make_session_factory(make_engine(get_settings().database_url))
    with transaction(_db.factory) as s:
        yield s


def resolver() -> PlaceResolver:
    if _db.resolver is None:
        with session() as s:
            _db.resolver = PlaceResolver.from_session(s)
    return _db.resolver


def use_database(
    factory: sessionmaker[Session] | None, places: PlaceResolver | None = None
) -> None:
    """Point the actions at another database (tests)."""
    _db.factory, _db.resolver = factory, places


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def lang(tracker: Tracker) -> Lang:
    """The language of this turn: what the app sent with the message, else the conversation's."""
    for value in (metadata(tracker).get("lang"), tracker.get_slot("language")):
        if value in {lang.value for lang in Lang}:
            return Lang(value)
    return Lang.FR


def metadata(tracker: Tracker) -> dict[str, Any]:
    """The metadata the app sent with the latest message (page language, default municipality)."""
    latest = tracker.latest_message or {}
    found = latest.get("metadata")
    if isinstance(found, dict) and found:
        return found
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            data = event.get("metadata")
            return data if isinstance(data, dict) else {}
    return {}


def intent(tracker: Tracker) -> str | None:
    latest = tracker.latest_message or {}
    name = (latest.get("intent") or {}).get("name")
    return str(name) if name else None


def text(tracker: Tracker) -> str:
    """The latest user text, unless it is a button payload (which carries entities instead)."""
    value = (tracker.latest_message or {}).get("text") or ""
    return "" if value.startswith("/") else str(value)


def entities(tracker: Tracker) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for entity in (tracker.latest_message or {}).get("entities") or []:
        value = entity.get("value")
        values = value if isinstance(value, list) else [value]
        found.setdefault(str(entity.get("entity")), []).extend(str(v) for v in values if v)
    return found
