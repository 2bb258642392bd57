"""The response language: `lang`, else Accept-Language, else the place's language, else French.

Each text falls back to the other national language when missing; `text_language` tells which
language the `name` is in.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from directory.vocab import Lang
from tests.api.search.helpers import MARKER, lists_values, names_parameter, rejected, search
from tests.factories import create_service

FRENCH = {"name": f"Accueil {MARKER}", "description": "Écoute et accueil", "text_language": "fr"}
DUTCH = {"name": f"Opvang {MARKER}", "description": "Luisteren en opvang", "text_language": "nl"}


@pytest.fixture
def bilingual(session: Session) -> str:
    return create_service(
        session,
        name_fr=FRENCH["name"],
        name_nl=DUTCH["name"],
        description_fr=FRENCH["description"],
        description_nl=DUTCH["description"],
    ).id


def texts(
    client: TestClient, params: dict[str, str], headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """The name, description and text_language of the one test service found."""
    (hit,) = search(client, {"q": MARKER, **params}, headers)["contents"]
    return {key: hit[key] for key in ("name", "description", "text_language")}


@pytest.mark.usefixtures("bilingual")
@pytest.mark.parametrize(("lang", "expected"), [("fr", FRENCH), ("nl", DUTCH)])
def test_lang_chooses_the_text(client: TestClient, lang: str, expected: dict[str, str]) -> None:
    assert texts(client, {"lang": lang}) == expected


@pytest.mark.usefixtures("bilingual")
def test_french_is_the_default(client: TestClient) -> None:
    assert texts(client, {}) == FRENCH


@pytest.mark.usefixtures("bilingual")
@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("nl-BE,nl;q=0.9,fr;q=0.8", DUTCH),
        ("nl", DUTCH),
        ("fr-BE", FRENCH),
        ("fr;q=0.4, nl;q=0.9", DUTCH),
        ("es-ES, nl;q=0.5", DUTCH),
        ("es-ES", FRENCH),
        ("nl;q=0, fr;q=0.1", FRENCH),
        ("nl;q=oops, fr", FRENCH),
    ],
)
def test_accept_language_chooses_the_text(
    client: TestClient, header: str, expected: dict[str, str]
) -> None:
    assert texts(client, {}, {"Accept-Language": header}) == expected


@pytest.mark.usefixtures("bilingual")
def test_lang_wins_over_accept_language(client: TestClient) -> None:
    assert texts(client, {"lang": "fr"}, {"Accept-Language": "nl-BE"}) == FRENCH


def test_missing_dutch_text_falls_back_to_french(client: TestClient, session: Session) -> None:
    create_service(session, name_fr=FRENCH["name"], name_nl=None, description_fr="Écoute")
    assert texts(client, {"lang": "nl"}) == {
        "name": FRENCH["name"],
        "description": "Écoute",
        "text_language": "fr",
    }


def test_missing_french_text_falls_back_to_dutch(client: TestClient, session: Session) -> None:
    create_service(session, name_fr=None, name_nl=DUTCH["name"], description_nl="Luisteren")
    assert texts(client, {"lang": "fr"}) == {
        "name": DUTCH["name"],
        "description": "Luisteren",
        "text_language": "nl",
    }


def test_missing_description_falls_back_on_its_own(client: TestClient, session: Session) -> None:
    create_service(session, name_fr="Accueil", name_nl=f"Opvang {MARKER}", description_fr="Écoute")
    assert texts(client, {"lang": "nl"}) == {
        "name": f"Opvang {MARKER}",
        "description": "Écoute",
        "text_language": "nl",
    }


@pytest.mark.usefixtures("bilingual")
@pytest.mark.parametrize("lang", ["de", "en"])
def test_german_and_english_fall_back_to_french(client: TestClient, lang: str) -> None:
    assert texts(client, {"lang": lang}) == FRENCH


@pytest.mark.usefixtures("bilingual")
@pytest.mark.parametrize(
    "place", [{"municipality": "Gent"}, {"municipality": "Gand"}, {"postcode": "9000"}]
)
def test_flemish_place_defaults_to_dutch(client: TestClient, place: dict[str, str]) -> None:
    assert texts(client, place) == DUTCH


@pytest.mark.usefixtures("bilingual")
@pytest.mark.parametrize(
    "place",
    [{"municipality": "Liège"}, {"municipality": "Elsene"}, {"postcode": "1030"}],
    ids=["wallonia", "brussels-by-its-dutch-name", "brussels-postcode"],
)
def test_other_places_default_to_french(client: TestClient, place: dict[str, str]) -> None:
    assert texts(client, place) == FRENCH


@pytest.mark.usefixtures("bilingual")
def test_asked_language_wins_over_a_flemish_place(client: TestClient) -> None:
    assert texts(client, {"municipality": "Gent", "lang": "fr"}) == FRENCH
    assert texts(client, {"municipality": "Gent"}, {"Accept-Language": "fr-BE"}) == FRENCH


@pytest.mark.usefixtures("bilingual")
@pytest.mark.parametrize(("lang", "name"), [("fr", "Gand"), ("nl", "Gent")])
def test_places_are_named_in_the_response_language(
    client: TestClient, lang: str, name: str
) -> None:
    body = search(client, {"q": MARKER, "municipality": "44021", "lang": lang})
    assert [p["name"] for p in body["places"]] == [name]


@pytest.mark.parametrize(("lang", "label"), [("fr", "Belgique"), ("nl", "België")])
def test_service_areas_are_named_in_the_response_language(
    client: TestClient, session: Session, lang: str, label: str
) -> None:
    create_service(session, description_fr=MARKER)
    (hit,) = search(client, {"q": MARKER, "lang": lang})["contents"]
    assert [area["name"] for area in hit["service_areas"]] == [label]


def test_unknown_lang_is_rejected_listing_the_languages(client: TestClient) -> None:
    body = rejected(client, {"lang": "es"})
    assert names_parameter(body, "lang")
    assert lists_values(body, [lang.value for lang in Lang])
