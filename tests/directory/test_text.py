"""Text analysis: what makes French and Dutch queries find their variants."""

import pytest

from directory.text import analyze, analyze_query, decompound, fold, stem
from directory.vocab import Lang


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Liège", "liege"), ("ÉCOUTE", "ecoute"), ("Sint-Genesius-Rode", "sint-genesius-rode")],
)
def test_fold_drops_case_and_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_french_plural_and_feminine_share_a_stem() -> None:
    query = [stem(t, Lang.FR) for t in analyze("violences conjugales", Lang.FR)]
    document = [stem(t, Lang.FR) for t in analyze("violence conjugale", Lang.FR)]
    assert query == document


def test_french_stop_words_are_dropped() -> None:
    assert analyze("la violence dans le couple", Lang.FR) == ["violence", "couple"]


def test_dutch_irregular_plural_is_lemmatised() -> None:
    assert analyze("kinderen", Lang.NL) == ["kind"]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("partnergeweld", ["partner", "geweld"]),
        ("kindermishandeling", ["kind", "mishandeling"]),
        ("ouderenmishandeling", ["ouder", "mishandeling"]),
        ("slachtofferhulp", ["slachtoffer", "hulp"]),
        ("hulplijn", ["hulp", "lijn"]),
        ("geweld", []),
        ("partner", []),
    ],
)
def test_dutch_compounds_split_into_known_parts(word: str, parts: list[str]) -> None:
    assert decompound(word) == parts


def test_index_carries_compound_parts() -> None:
    assert analyze("Partnergeweld", Lang.NL) == ["partnergeweld", "partner", "geweld"]


def test_query_word_offers_both_languages_and_parts() -> None:
    (word,) = analyze_query("partnergeweld")
    assert word.parts == ("partner", "geweld")
    assert set(word.alternatives) == {Lang.FR, Lang.NL}


def test_query_of_stop_words_is_empty() -> None:
    assert analyze_query("de la et van het") == []
