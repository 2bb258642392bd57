"""The `audience` filter: services for any of the given audiences."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from directory.vocab import Audience
from tests.api.search.helpers import (
    MARKER,
    all_ids,
    lists_values,
    names_parameter,
    rejected,
    search,
)
from tests.factories import create_service


@pytest.mark.parametrize("audience", list(Audience))
def test_audience_keeps_only_services_for_it(
    client: TestClient, session: Session, audience: Audience
) -> None:
    other = next(a for a in Audience if a is not audience)
    wanted = create_service(session, description_fr=MARKER, audiences=[audience, other])
    unwanted = create_service(session, description_fr=MARKER, audiences=[other])
    assert all_ids(client, {"q": MARKER, "audience": audience.value}) == [wanted.id]
    assert unwanted.id in all_ids(client, {"q": MARKER})


def test_several_audiences_match_any_of_them(client: TestClient, session: Session) -> None:
    children = create_service(session, description_fr=MARKER, audiences=["child"])
    elderly = create_service(session, description_fr=MARKER, audiences=["elderly"])
    create_service(session, description_fr=MARKER, audiences=["perpetrator"])
    found = all_ids(client, {"q": MARKER, "audience": ["child", "elderly"]})
    assert sorted(found) == sorted([children.id, elderly.id])


def test_audience_hits_show_their_audiences(client: TestClient, session: Session) -> None:
    create_service(session, description_fr=MARKER, audiences=["witness", "victim"])
    body = search(client, {"q": MARKER, "audience": "witness", "lang": "fr"})
    codes = [a["code"] for a in body["contents"][0]["audiences"]]
    assert sorted(codes) == ["victim", "witness"]


def test_audience_works_on_the_seed(client: TestClient) -> None:
    found = all_ids(client, {"audience": "perpetrator"})
    assert "praxis" in found
    assert "emergency-112" not in found


def test_unknown_audience_is_rejected_listing_the_audiences(client: TestClient) -> None:
    body = rejected(client, {"audience": "alien"})
    assert names_parameter(body, "audience")
    assert lists_values(body, [a.value for a in Audience])
