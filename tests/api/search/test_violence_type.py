"""The `violence_type` filter: services for any of the given types of intrafamily violence.

A service for "any" form of intrafamily violence matches every violence type filter.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from directory.vocab import ViolenceType
from tests.api.search.helpers import MARKER, all_ids, lists_values, names_parameter, rejected
from tests.factories import create_service

SPECIFIC = [t for t in ViolenceType if t is not ViolenceType.ANY]


@pytest.mark.parametrize("violence_type", SPECIFIC)
def test_violence_type_keeps_services_for_it(
    client: TestClient, session: Session, violence_type: ViolenceType
) -> None:
    other = next(t for t in SPECIFIC if t is not violence_type)
    wanted = create_service(session, description_fr=MARKER, violence_types=[violence_type])
    unwanted = create_service(session, description_fr=MARKER, violence_types=[other])
    found = all_ids(client, {"q": MARKER, "violence_type": violence_type.value})
    assert found == [wanted.id]
    assert unwanted.id in all_ids(client, {"q": MARKER})


@pytest.mark.parametrize("violence_type", SPECIFIC)
def test_service_for_any_violence_matches_every_type(
    client: TestClient, session: Session, violence_type: ViolenceType
) -> None:
    general = create_service(session, description_fr=MARKER, violence_types=["any"])
    found = all_ids(client, {"q": MARKER, "violence_type": violence_type.value})
    assert found == [general.id]


def test_several_violence_types_match_any_of_them(client: TestClient, session: Session) -> None:
    partner = create_service(session, description_fr=MARKER, violence_types=["partner"])
    sexual = create_service(session, description_fr=MARKER, violence_types=["sexual"])
    create_service(session, description_fr=MARKER, violence_types=["elder_abuse"])
    found = all_ids(client, {"q": MARKER, "violence_type": ["partner", "sexual"]})
    assert sorted(found) == sorted([partner.id, sexual.id])


def test_violence_type_works_on_the_seed(client: TestClient) -> None:
    found = all_ids(client, {"violence_type": "elder_abuse"})
    # Respect Seniors is for elder abuse; 112 is for any violence.
    assert {"respect-seniors", "emergency-112"} <= set(found)


def test_unknown_violence_type_is_rejected_listing_the_types(client: TestClient) -> None:
    body = rejected(client, {"violence_type": "verbal"})
    assert names_parameter(body, "violence_type")
    assert lists_values(body, [t.value for t in ViolenceType])
