"""The `channel` filter: services reachable through any of the given channels."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from directory.vocab import Channel
from tests.api.search.helpers import MARKER, all_ids, lists_values, names_parameter, rejected
from tests.factories import create_service


@pytest.mark.parametrize("channel", list(Channel))
def test_channel_keeps_only_services_reachable_through_it(
    client: TestClient, session: Session, channel: Channel
) -> None:
    other = next(c for c in Channel if c is not channel)
    wanted = create_service(session, description_fr=MARKER, channels=[other, channel])
    unwanted = create_service(session, description_fr=MARKER, channels=[other])
    assert all_ids(client, {"q": MARKER, "channel": channel.value}) == [wanted.id]
    assert unwanted.id in all_ids(client, {"q": MARKER})


def test_several_channels_match_any_of_them(client: TestClient, session: Session) -> None:
    chat = create_service(session, description_fr=MARKER, channels=["chat"])
    email = create_service(session, description_fr=MARKER, channels=["email"])
    create_service(session, description_fr=MARKER, channels=["phone"])
    found = all_ids(client, {"q": MARKER, "channel": ["chat", "email"]})
    assert sorted(found) == sorted([chat.id, email.id])


def test_channel_combines_with_other_filters(client: TestClient, session: Session) -> None:
    wanted = create_service(session, description_fr=MARKER, channels=["chat"], kind="helpline")
    create_service(session, description_fr=MARKER, channels=["chat"], kind="shelter")
    create_service(session, description_fr=MARKER, channels=["phone"], kind="helpline")
    found = all_ids(client, {"q": MARKER, "channel": "chat", "kind": "helpline"})
    assert found == [wanted.id]


def test_unknown_channel_is_rejected_listing_the_channels(client: TestClient) -> None:
    body = rejected(client, {"channel": "pigeon"})
    assert names_parameter(body, "channel")
    assert lists_values(body, [c.value for c in Channel])
