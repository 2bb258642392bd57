"""Pages in the HSDS shape: total_items, total_pages, page_number, size, first_page, last_page,
empty and contents. `per_page` is 1 to 100 (20 by default); a page beyond the last is an error
that gives the accepted range, except that an empty result still has its (empty) page 1.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from directory.search import MAX_PER_PAGE
from tests.api.search.helpers import MARKER, ids, names_parameter, rejected, search
from tests.factories import create_service

HSDS_PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


@pytest.fixture
def five(session: Session) -> list[str]:
    """Five services found by MARKER, in their rank order (by name)."""
    return [
        create_service(session, id=f"page-{n}", name_fr=f"{MARKER} {n}", name_nl=f"{MARKER} {n}").id
        for n in range(1, 6)
    ]


def page(client: TestClient, number: int, per_page: int = 2) -> dict[str, Any]:
    body = search(client, {"q": MARKER, "page": number, "per_page": per_page})
    return {key: body[key] for key in HSDS_PAGE_KEYS - {"contents"}} | {"ids": ids(body)}


def test_response_has_the_hsds_page_fields(client: TestClient) -> None:
    assert set(search(client, {})) >= HSDS_PAGE_KEYS


def test_first_page(client: TestClient, five: list[str]) -> None:
    assert page(client, 1) == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
        "ids": five[0:2],
    }


def test_middle_page(client: TestClient, five: list[str]) -> None:
    assert page(client, 2) == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 2,
        "size": 2,
        "first_page": False,
        "last_page": False,
        "empty": False,
        "ids": five[2:4],
    }


def test_last_page_may_be_short(client: TestClient, five: list[str]) -> None:
    assert page(client, 3) == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 3,
        "size": 1,
        "first_page": False,
        "last_page": True,
        "empty": False,
        "ids": five[4:],
    }


def test_single_page_is_first_and_last(client: TestClient, five: list[str]) -> None:
    body = page(client, 1, per_page=5)
    assert (body["first_page"], body["last_page"], body["total_pages"]) == (True, True, 1)
    assert body["ids"] == five


def test_pages_cover_every_hit_once(client: TestClient, five: list[str]) -> None:
    seen = [service_id for n in (1, 2, 3) for service_id in page(client, n)["ids"]]
    assert seen == five


def test_default_page_size_is_twenty(client: TestClient) -> None:
    body = search(client, {})
    assert (body["page_number"], body["size"], len(body["contents"])) == (1, 20, 20)
    assert body["total_pages"] == -(-body["total_items"] // 20)


def test_largest_page_size_is_accepted(client: TestClient) -> None:
    body = search(client, {"per_page": MAX_PER_PAGE})
    assert body["size"] == min(MAX_PER_PAGE, body["total_items"])


def test_empty_result_has_an_empty_first_page(client: TestClient) -> None:
    body = search(client, {"q": f"{MARKER}{MARKER}"})
    assert {key: body[key] for key in HSDS_PAGE_KEYS} == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


@pytest.mark.parametrize("per_page", ["0", "-1", str(MAX_PER_PAGE + 1), "ten"])
def test_per_page_out_of_bounds_is_rejected_naming_per_page(
    client: TestClient, per_page: str
) -> None:
    body = rejected(client, {"per_page": per_page})
    assert names_parameter(body, "per_page")


@pytest.mark.parametrize("number", ["0", "-3", "first"])
def test_page_below_one_is_rejected_naming_page(client: TestClient, number: str) -> None:
    body = rejected(client, {"page": number})
    assert names_parameter(body, "page")


@pytest.mark.usefixtures("five")
def test_page_beyond_the_last_is_rejected_with_the_range(client: TestClient) -> None:
    body = rejected(client, {"q": MARKER, "page": 4, "per_page": 2})
    assert names_parameter(body, "page")
    assert "1 to 3" in body["message"]


def test_page_two_of_an_empty_result_is_rejected(client: TestClient) -> None:
    body = rejected(client, {"q": f"{MARKER}{MARKER}", "page": 2})
    assert names_parameter(body, "page")
    assert "1 to 1" in body["message"]
