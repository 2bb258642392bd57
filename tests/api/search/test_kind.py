"""The `kind` filter: services of any of the given kinds."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from directory.vocab import Kind
from tests.api.search.helpers import (
    MARKER,
    all_ids,
    lists_values,
    names_parameter,
    rejected,
    search,
)
from tests.factories import create_service


@pytest.mark.parametrize("kind", list(Kind))
def test_kind_keeps_only_services_of_that_kind(
    client: TestClient, session: Session, kind: Kind
) -> None:
    other = next(k for k in Kind if k is not kind)
    wanted = create_service(session, description_fr=MARKER, kind=kind.value)
    unwanted = create_service(session, description_fr=MARKER, kind=other.value)
    assert all_ids(client, {"q": MARKER, "kind": kind.value}) == [wanted.id]
    assert unwanted.id in all_ids(client, {"q": MARKER})


def test_several_kinds_match_any_of_them(client: TestClient, session: Session) -> None:
    shelter = create_service(session, description_fr=MARKER, kind="shelter")
    helpline = create_service(session, description_fr=MARKER, kind="helpline")
    create_service(session, description_fr=MARKER, kind="police")
    found = all_ids(client, {"q": MARKER, "kind": ["shelter", "helpline"]})
    assert sorted(found) == sorted([shelter.id, helpline.id])


@pytest.mark.parametrize(
    ("lang", "label"), [("fr", "Hébergement, maison d'accueil"), ("nl", "Opvang, vluchthuis")]
)
def test_kind_is_shown_with_a_label_in_the_response_language(
    client: TestClient, session: Session, lang: str, label: str
) -> None:
    create_service(session, description_fr=MARKER, kind="shelter")
    kind = search(client, {"q": MARKER, "lang": lang})["contents"][0]["kind"]
    assert kind == {"code": "shelter", "label": label}


def test_kind_works_on_the_seed(client: TestClient) -> None:
    found = set(all_ids(client, {"kind": "emergency"}))
    assert found >= {"emergency-112", "police-101"}
    assert "hulplijn-1712" not in found


def test_unknown_kind_is_rejected_listing_the_kinds(client: TestClient) -> None:
    body = rejected(client, {"kind": "hospital"})
    assert names_parameter(body, "kind")
    assert lists_values(body, [k.value for k in Kind])
