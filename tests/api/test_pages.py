"""The web faces' stable addresses: /widget.js, /demo/, /static/*; their types and headers.

The widget is embedded by municipalities' pages on their own origins, so its script, stylesheet
and two endpoints may be used cross-origin; every page we serve keeps the strict CSP.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.main import create_app
from api.security import CSP

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Content-Security-Policy": CSP,
}


FORBIDDEN = ("<style", "style=", "onclick=", "onload=", "eval(", "localStorage.", "document.cookie")


@pytest.fixture(scope="module")
def pages(engines: dict[str, Engine | str]) -> Iterator[TestClient]:
    """The app as it is served (the pages need no test data, so no per-test transaction)."""
    engine = engines["sqlite"]
    assert isinstance(engine, Engine)
    with TestClient(create_app(engine=engine)) as client:
        yield client


def assert_secured(response: httpx.Response) -> None:
    headers = response.headers
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value, name
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "script-src 'self';" in headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("path", "content_type", "contains"),
    [
        ("/widget.js", "text/javascript", "document.currentScript"),
        ("/static/widget.js", "text/javascript", "sessionStorage"),
        ("/static/widget.css", "text/css", ".pw-exit"),
        ("/demo/", "text/html", "Commune de <strong>Passerelle-lez-Exemple</strong>"),
        ("/demo/index.html", "text/html", 'src="/widget.js"'),
        ("/demo/nl.html", "text/html", 'data-lang="nl"'),
        ("/demo/demo.css", "text/css", "body"),
    ],
)
def test_web_files(pages: TestClient, path: str, content_type: str, contains: str) -> None:
    response = pages.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == content_type
    assert contains in response.text
    assert_secured(response)


def test_demo_redirects_to_the_folder(pages: TestClient) -> None:
    response = pages.get("/demo", follow_redirects=False)
    assert response.status_code in (302, 307)
    assert response.headers["location"] == "/demo/"


def test_the_widget_may_be_embedded_by_other_sites(pages: TestClient) -> None:
    for path in ("/widget.js", "/static/widget.css"):
        assert pages.get(path).headers["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_the_pages_load_nothing_from_elsewhere(pages: TestClient) -> None:
    for path in ("/demo/", "/demo/nl.html", "/widget.js", "/static/widget.css"):
        text = pages.get(path).text
        # Nothing the strict CSP would refuse, and no storage but sessionStorage.
        for forbidden in FORBIDDEN:
            assert forbidden not in text, (path, forbidden)
        if path.endswith((".html", "/")):
            assert "https://" not in text and "http://" not in text, path


@pytest.mark.parametrize(
    "path",
    [
        "/static/%2e%2e/main.py",  # the app sees /static/../main.py
        "/static/..%2fmain.py",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/%2e%2e/web",
        "/demo/%2e%2e/%2e%2e/pyproject.toml",
        "/demo/..%2f..%2fpasserelle.db",
        "/static/",
        "/static/nothing.js",
    ],
)
def test_path_traversal_and_missing_files_are_404(pages: TestClient, path: str) -> None:
    response = pages.get(path)
    assert response.status_code == 404, (path, response.text[:200])
    assert "import" not in response.text
    assert_secured(response)


def test_a_json_endpoint_has_the_same_headers(client: TestClient) -> None:
    response = client.get("/v1/chat/fallback", params={"lang": "nl", "municipality": "21013"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["Cache-Control"] == "no-store"
    assert_secured(response)
    assert response.json()["degraded"] is True
    # The widget runs on a municipality's origin: its endpoints answer any origin, no cookies.
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    search = client.get("/v1/services", params={"q": "aide"})
    assert_secured(search)
    assert "Access-Control-Allow-Origin" not in search.headers


def test_the_chat_answers_a_preflight_from_another_origin(client: TestClient) -> None:
    response = client.options(
        "/v1/chat",
        headers={
            "Origin": "https://www.passerelle-lez-exemple.be",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Allow-Headers"].lower() == "content-type"
    assert_secured(response)
    # Admin endpoints do not take part.
    admin = client.options("/v1/admin/login", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in admin.headers
