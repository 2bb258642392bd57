"""The `language` filter: services where any of the given languages (ISO 639-1) is spoken.

Not to be confused with `lang`, the language of the response text (see test_lang.py).
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.api.search.helpers import (
    MARKER,
    all_ids,
    lists_values,
    names_parameter,
    rejected,
    search,
)
from tests.factories import create_service


def test_language_keeps_services_speaking_it(client: TestClient, session: Session) -> None:
    dutch = create_service(session, description_fr=MARKER, languages=["nl", "en"])
    french = create_service(session, description_fr=MARKER, languages=["fr"])
    assert all_ids(client, {"q": MARKER, "language": "nl"}) == [dutch.id]
    assert french.id in all_ids(client, {"q": MARKER})


def test_language_excludes_services_whose_languages_are_unknown(
    client: TestClient, session: Session
) -> None:
    unknown = create_service(session, description_fr=MARKER, languages=[])
    assert unknown.id not in all_ids(client, {"q": MARKER, "language": "fr"})


def test_several_languages_match_any_of_them(client: TestClient, session: Session) -> None:
    german = create_service(session, description_fr=MARKER, languages=["de"])
    arabic = create_service(session, description_fr=MARKER, languages=["ar", "fr"])
    create_service(session, description_fr=MARKER, languages=["nl"])
    found = all_ids(client, {"q": MARKER, "language": ["de", "ar"]})
    assert sorted(found) == sorted([german.id, arabic.id])


def test_language_does_not_change_the_response_text(client: TestClient, session: Session) -> None:
    create_service(
        session, name_fr="Accueil", name_nl="Opvang", description_fr=MARKER, languages=["nl"]
    )
    hit = search(client, {"q": MARKER, "language": "nl"})["contents"][0]
    assert (hit["name"], hit["text_language"], hit["languages"]) == ("Accueil", "fr", ["nl"])


def test_language_works_on_the_seed(client: TestClient) -> None:
    found = set(all_ids(client, {"language": "nl"}))
    assert "hulplijn-1712" in found
    assert "ecoute-violences-conjugales" not in found


@pytest.mark.parametrize("language", ["dutch", "n", "nl-BE", "1"])
def test_badly_formed_language_is_rejected_naming_language(
    client: TestClient, language: str
) -> None:
    body = rejected(client, {"language": language})
    assert names_parameter(body, "language")
    assert lists_values(body, ["fr", "nl", "de", "en"])


@pytest.mark.parametrize("language", ["zz", "xx"])
def test_unknown_language_code_is_rejected_listing_accepted_codes(
    client: TestClient, language: str
) -> None:
    response = client.get("/v1/services", params={"language": language})
    assert response.status_code == 422, response.text
    body = response.json()
    assert names_parameter(body, "language")
    assert "'fr'" in body["message"] and "'nl'" in body["message"]
