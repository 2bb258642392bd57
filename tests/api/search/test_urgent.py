"""The `urgent` filter: services that take acute situations round the clock (or not)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from directory.vocab import Scope
from tests.api.search.helpers import MARKER, all_ids, names_parameter, rejected
from tests.factories import create_service

EUPEN = "63023"  # no seed service covers Eupen at municipality level


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_urgent_true_keeps_only_urgent_services(
    client: TestClient, session: Session, value: str
) -> None:
    urgent = create_service(session, description_fr=MARKER, urgent=True)
    create_service(session, description_fr=MARKER, urgent=False)
    create_service(session, description_fr=MARKER, urgent=None)
    assert all_ids(client, {"q": MARKER, "urgent": value}) == [urgent.id]


def test_urgent_false_keeps_only_services_known_not_urgent(
    client: TestClient, session: Session
) -> None:
    create_service(session, description_fr=MARKER, urgent=True)
    not_urgent = create_service(session, description_fr=MARKER, urgent=False)
    create_service(session, description_fr=MARKER, urgent=None)
    assert all_ids(client, {"q": MARKER, "urgent": "false"}) == [not_urgent.id]


def test_without_urgent_every_service_is_kept(client: TestClient, session: Session) -> None:
    created = {
        create_service(session, description_fr=MARKER, urgent=value).id
        for value in (True, False, None)
    }
    assert set(all_ids(client, {"q": MARKER})) == created


def test_urgent_services_rank_first_at_equal_specificity(
    client: TestClient, session: Session
) -> None:
    area = [(Scope.MUNICIPALITY, EUPEN)]
    later = create_service(session, id="a-not-urgent", name_fr="A", areas=area, urgent=False)
    first = create_service(session, id="z-urgent", name_fr="Z", areas=area, urgent=True)
    assert all_ids(client, {"municipality": EUPEN})[:2] == [first.id, later.id]


def test_urgent_works_on_the_seed(client: TestClient) -> None:
    found = set(all_ids(client, {"urgent": "true"}))
    assert {"emergency-112", "police-101"} <= found
    assert "hulplijn-1712" not in found


def test_unknown_urgent_value_is_rejected_naming_urgent(client: TestClient) -> None:
    body = rejected(client, {"urgent": "maybe"})
    assert names_parameter(body, "urgent")


def test_unknown_urgent_value_lists_the_accepted_values(client: TestClient) -> None:
    body = rejected(client, {"urgent": "maybe"})
    assert "true" in body["message"] and "false" in body["message"]
