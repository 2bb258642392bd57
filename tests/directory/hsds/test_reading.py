"""HSDS questions over the snapshot: taxonomy terms as the search's filters, ids that name
nothing."""

from __future__ import annotations

import pytest

from directory.hsds import reading
from directory.search import SearchQuery
from directory.taxonomy import term_id
from directory.thesaurus import thesaurus
from directory.vocab import Audience, Kind, ViolenceType


def test_a_coded_concept_is_the_search_filter_of_its_code() -> None:
    query = SearchQuery(text="gent")
    sexual = reading.with_term(query, term_id("violence.sexual"), None)
    assert sexual.violence_types == (ViolenceType.SEXUAL,) and sexual.text == "gent"
    child = reading.with_term(query, term_id("audience.child"), None)
    assert child.audiences == (Audience.CHILD,)
    shelter = reading.with_term(query, term_id("service.shelter"), None)
    assert shelter.kinds == (Kind.SHELTER,)


def test_every_term_stands_for_something() -> None:
    book = thesaurus()
    for concept in book.concepts.values():
        query = reading.with_term(SearchQuery(), term_id(concept.id), None)
        assert query != SearchQuery(), concept.id
    group = reading.with_term(SearchQuery(), term_id("violence"), None)
    assert set(group.violence_types) == set(ViolenceType)


def test_ids_that_name_nothing_say_which_parameter() -> None:
    with pytest.raises(reading.UnknownId) as term:
        reading.with_term(SearchQuery(), "nothing", None)
    assert term.value.field == "taxonomy_term_id"
    with pytest.raises(reading.UnknownId) as taxonomy:
        reading.with_term(SearchQuery(), None, "nothing")
    assert taxonomy.value.field == "taxonomy_id"
