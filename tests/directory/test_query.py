"""A search query as words: thesaurus concepts, plain words, the words around them dropped."""

from __future__ import annotations

from directory.query import read_query
from directory.vocab import Lang


def concepts(text: str) -> list[str | None]:
    return [word.concept for word in read_query(text)]


def test_a_concept_word_matches_any_of_its_wordings() -> None:
    (word,) = read_query("verkrachting")
    assert word.concept == "violence.sexual"
    assert ((Lang.NL, "seksueel"), (Lang.NL, "geweld")) in word.phrases
    assert ((Lang.FR, "viol"),) in word.phrases
    assert word.alternatives  # and the typed word itself


def test_a_concept_matches_the_words_of_its_broader_concepts() -> None:
    (word,) = read_query("emprise")
    assert ((Lang.NL, "partnergeweld"),) in word.phrases
    # violence.any, by its label (every service coded "any" is indexed with it)
    assert any((Lang.NL, "intrafamiliaal") in phrase for phrase in word.phrases)


def test_a_coded_concept_matches_by_its_label_and_short_words_only() -> None:
    (word,) = read_query("verkrachting")
    longest = max(len(phrase) for phrase in word.phrases)
    assert longest <= 8  # the labels; « verkrachting in het huwelijk » is not searched for
    assert ((Lang.NL, "verkrachting"), (Lang.NL, "huwelijk")) not in word.phrases


def test_words_around_the_request_are_dropped() -> None:
    assert concepts("mijn vriend slaat mij") == ["violence.partner"]
    assert concepts("violée hier soir") == ["violence.sexual"]
    assert concepts("Anwalt kostenlos") == ["service.legal_aid"]


def test_a_query_of_such_words_only_keeps_them() -> None:
    assert [w.text for w in read_query("hulp")] == ["hulp"]


def test_a_channel_is_no_search_word() -> None:
    assert concepts("appeler la police") == ["service.police"]


def test_plain_words_stay_as_typed() -> None:
    assert [(w.text, w.concept) for w in read_query("Portavida")] == [("portavida", None)]
