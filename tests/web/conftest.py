"""Browser tests: Debian's Chromium driven by Playwright, against the real app on a free port.

The app serves the session's seeded SQLite test database; the chat relays to the real assistant
(tests/bot/conftest.py). Each test gets a fresh browser context (a fresh profile: no storage,
no cookies) and leaves a screenshot in test-output/web/. `make test` installs Chromium
(apt) and axe-core (npm) before pytest; without them these tests are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import Engine

from api.main import create_app
from bot import stack
from bot.stack import free_port
from infra.config import get_settings

OUTPUT = Path(os.environ.get("PASSERELLE_TEST_OUTPUT", "test-output")).resolve() / "web"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
AXE = stack.cache_dir() / "npm" / "node_modules" / "axe-core" / "axe.min.js"
CLOSED_PORT_URL = "http://127.0.0.1:9"  # nothing listens there: the assistant is "down"


class LiveServer:
    def __init__(self, app: Any, port: int) -> None:
        self.app, self.url = app, f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline:
                raise TimeoutError("the test server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def assistant_at(self, url: str) -> None:
        """Point the chat at another Rasa (a closed port simulates an outage)."""
        self.app.state.settings = self.app.state.settings.model_copy(update={"rasa_url": url})


@pytest.fixture(scope="session")
def live_server(engines: dict[str, Engine | str]) -> Iterator[LiveServer]:
    """The app on a free port; the assistant is "down" unless a test takes `chat_server`."""
    engine = engines["sqlite"]
    assert isinstance(engine, Engine)
    # Rate limits off: one browser session types faster than any person (they have own tests).
    settings = get_settings().model_copy(
        update={"rasa_url": CLOSED_PORT_URL, "rate_limit_search": 0, "rate_limit_chat": 0}
    )
    server = LiveServer(create_app(settings=settings, engine=engine), free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def chat_server(live_server: LiveServer, assistant: stack.Stack) -> Iterator[LiveServer]:
    """The live server with the real assistant behind its chat (Rasa + actions, see tests/bot)."""
    live_server.assistant_at(assistant.rasa_url)
    yield live_server
    live_server.assistant_at(CLOSED_PORT_URL)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
        )
        yield launched
        launched.close()


def _page(browser: Any, request: pytest.FixtureRequest, **options: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="fr-BE", viewport={"width": 1280, "height": 900}, **options
    )
    opened = context.new_page()
    yield opened
    OUTPUT.mkdir(parents=True, exist_ok=True)
    name = request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
    try:
        opened.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh profile per test; a screenshot of the final state goes to test-output/web/."""
    yield from _page(browser, request)


@pytest.fixture
def axe_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """For accessibility checks only: axe-core is injected as a script, which the pages' strict
    CSP rightly refuses, so this context bypasses CSP (every other test keeps it)."""
    yield from _page(browser, request, bypass_csp=True)


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical accessibility violations on the current page."""
    if not AXE.exists():
        pytest.skip(f"axe-core not found at {AXE} (make test installs it with npm)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
