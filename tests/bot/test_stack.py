"""The endpoints Rasa is started with: conversations in memory by default, in Redis with
REDIS_URL, forgotten after 30 minutes either way."""

from __future__ import annotations

import yaml

from bot.stack import BOT_DIR, endpoints_yaml

ACTIONS = "http://127.0.0.1:5055"


def test_by_default_conversations_stay_in_memory_and_expire() -> None:
    endpoints = yaml.safe_load(endpoints_yaml(ACTIONS))
    assert endpoints["action_endpoint"]["url"] == f"{ACTIONS}/webhook"
    assert endpoints["tracker_store"]["type"].endswith("ExpiringInMemoryTrackerStore")
    assert endpoints["tracker_store"]["expire_after"] == 1800
    assert "lock_store" not in endpoints  # one Rasa process: its own lock is enough


def test_redis_url_switches_to_the_production_stores() -> None:
    url = "redis://:s3cret%3Aword@cache.internal:6380/2"
    endpoints = yaml.safe_load(endpoints_yaml(ACTIONS, redis_url=url))
    tracker, lock = endpoints["tracker_store"], endpoints["lock_store"]
    assert (tracker["type"], tracker["url"], tracker["port"]) == ("redis", "cache.internal", 6380)
    assert tracker["password"] == "s3cret:word" and lock["password"] == "s3cret:word"
    assert tracker["record_exp"] == 1800
    # The same shape as the deployment's file, so that both behave alike.
    production = yaml.safe_load((BOT_DIR / "endpoints.production.yml").read_text("utf-8"))
    assert set(production["tracker_store"]) <= set(tracker)
    assert set(production["lock_store"]) <= set(lock)
    assert tracker["key_prefix"] == production["tracker_store"]["key_prefix"]
    assert (tracker["db"], lock["db"]) == (
        production["tracker_store"]["db"],
        production["lock_store"]["db"],
    )
