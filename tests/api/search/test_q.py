"""Full-text search, `q`: accents, French lemmas, Dutch compounds, ranking, stop words."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.api.search.helpers import MARKER, all_ids, names_parameter, rejected, search
from tests.factories import create_service


def test_query_ignores_accents_in_the_query(client: TestClient, session: Session) -> None:
    service = create_service(session, description_fr=f"{MARKER} et médiation familiale")
    assert service.id in all_ids(client, {"q": f"{MARKER} mediation"})


def test_query_ignores_accents_in_the_text(client: TestClient, session: Session) -> None:
    service = create_service(session, description_fr=f"{MARKER} et mediation familiale")
    assert service.id in all_ids(client, {"q": f"{MARKER} médiation"})


def test_query_ignores_case(client: TestClient, session: Session) -> None:
    service = create_service(session, description_fr=f"{MARKER} accueil")
    assert service.id in all_ids(client, {"q": MARKER.upper()})


def test_french_plural_finds_the_singular(client: TestClient, session: Session) -> None:
    service = create_service(session, description_fr=f"{MARKER}: violence conjugale")
    assert service.id in all_ids(client, {"q": f"violences conjugales {MARKER}"})


def test_french_singular_finds_the_plural(client: TestClient, session: Session) -> None:
    service = create_service(session, description_fr=f"{MARKER}: violences conjugales")
    assert service.id in all_ids(client, {"q": f"violence conjugale {MARKER}"})


def test_dutch_irregular_plural_finds_the_singular(client: TestClient, session: Session) -> None:
    service = create_service(session, description_nl=f"{MARKER} voor kinderen")
    assert service.id in all_ids(client, {"q": f"{MARKER} kind"})


def test_dutch_compound_finds_its_parts_in_the_text(client: TestClient, session: Session) -> None:
    service = create_service(session, description_nl=f"{MARKER}: geweld tussen partners")
    assert service.id in all_ids(client, {"q": f"{MARKER} partnergeweld"})


def test_dutch_parts_find_the_compound_in_the_text(client: TestClient, session: Session) -> None:
    service = create_service(session, description_nl=f"{MARKER}: hulp bij partnergeweld")
    assert service.id in all_ids(client, {"q": f"{MARKER} partner geweld"})


def test_dutch_phrase_finds_the_compound_in_the_text(client: TestClient, session: Session) -> None:
    service = create_service(session, description_nl=f"{MARKER}: hulp bij partnergeweld")
    assert service.id in all_ids(client, {"q": f"{MARKER} geweld tussen partners"})


def test_every_word_of_the_query_must_match(client: TestClient, session: Session) -> None:
    service = create_service(session, description_fr=f"{MARKER} accueil")
    assert service.id not in all_ids(client, {"q": f"{MARKER} hébergement"})


def test_name_match_ranks_above_description_match(client: TestClient, session: Session) -> None:
    in_description = create_service(
        session,
        id="a-description-match",
        name_fr="Service d'accueil",
        name_nl="Opvangdienst",
        description_fr=f"Accueil {MARKER}",
    )
    in_name = create_service(
        session,
        id="z-name-match",
        name_fr=f"Accueil {MARKER}",
        name_nl=f"Opvang {MARKER}",
        description_fr="Service d'accueil",
    )
    assert all_ids(client, {"q": MARKER}) == [in_name.id, in_description.id]


def test_relevance_ranks_above_urgency(client: TestClient, session: Session) -> None:
    urgent = create_service(
        session, id="q-urgent", name_fr="Service", description_fr=MARKER, urgent=True
    )
    named = create_service(session, id="q-named", name_fr=f"{MARKER} aide", urgent=False)
    assert all_ids(client, {"q": MARKER}) == [named.id, urgent.id]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_french_text_is_searchable_whatever_lang(
    client: TestClient, session: Session, lang: str
) -> None:
    service = create_service(session, description_fr=MARKER, description_nl="Opvang")
    assert service.id in all_ids(client, {"q": MARKER, "lang": lang})


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_dutch_text_is_searchable_whatever_lang(
    client: TestClient, session: Session, lang: str
) -> None:
    service = create_service(session, description_fr="Accueil", description_nl=MARKER)
    assert service.id in all_ids(client, {"q": MARKER, "lang": lang})


def test_query_without_match_is_an_empty_page(client: TestClient) -> None:
    body = search(client, {"q": f"{MARKER}{MARKER}"})
    assert (body["total_items"], body["contents"]) == (0, [])


@pytest.mark.parametrize("q", ["le la les", "het voor een", "de", "  ", "?!"])
def test_query_without_search_words_behaves_like_no_query(client: TestClient, q: str) -> None:
    assert all_ids(client, {"q": q}) == all_ids(client, {})


@pytest.mark.parametrize(
    ("description_fr", "description_nl", "q"),
    [
        (f"Aide aux {MARKER}", None, f"aide aux {MARKER}"),
        (None, f"Hulp voor {MARKER}", f"hulp voor {MARKER}"),
        (None, f"Hulp voor {MARKER}", f"la {MARKER}"),
    ],
    ids=["french", "dutch", "french-stop-word-on-dutch-text"],
)
def test_stop_words_of_either_language_are_not_required(
    client: TestClient,
    session: Session,
    description_fr: str | None,
    description_nl: str | None,
    q: str,
) -> None:
    service = create_service(session, description_fr=description_fr, description_nl=description_nl)
    assert service.id in all_ids(client, {"q": q})


def test_overlong_query_is_rejected_naming_q(client: TestClient) -> None:
    body = rejected(client, {"q": "x" * 201})
    assert names_parameter(body, "q")


def test_lay_words_find_the_service_of_the_concept(client: TestClient) -> None:
    # Issue 15's first tries, at Gent: each found nothing before the vocabulary.
    for words, expected in [
        ("verkrachting", "zsg-gent"),
        ("viol", "zsg-gent"),
        ("holebi", "lumi-cavaria"),
        ("LGBT", "lumi-cavaria"),
        ("advocaat", "bjb-gent"),
    ]:
        assert expected in all_ids(client, {"q": words, "municipality": "Gent"}), words


def test_an_empty_search_says_what_exists_instead(client: TestClient) -> None:
    body = client.get("/v1/services", params={"q": "tandarts", "municipality": "Gent"}).json()
    assert body["contents"] == []
    (helpline,) = body["alternatives"]
    assert helpline["reason"] == "helpline"
    assert helpline["label"] == "De hulplijn voor Gent"  # the place's language
    assert [s["id"] for s in helpline["contents"]] == ["hulplijn-1712"]


def test_a_misspelt_search_offers_the_right_spelling(client: TestClient) -> None:
    body = client.get(
        "/v1/services",
        params={"q": "kindermishandelng", "municipality": "Gent"},
        headers={"Accept-Language": "nl"},
    ).json()
    spelling = body["alternatives"][0]
    assert spelling["label"] == "Bedoelde u “kindermishandeling”?"
    assert spelling["text"] == "kindermishandeling"
    assert spelling["contents"]


def test_a_search_that_finds_something_offers_no_alternatives(client: TestClient) -> None:
    body = client.get("/v1/services", params={"q": "viol", "municipality": "Liège"}).json()
    assert body["contents"] and body["alternatives"] == []
