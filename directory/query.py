"""A search query as words to match, its phrases read with the thesaurus.

« verkrachting » becomes the concept "sexual violence": the word matches a service whose text
holds any of the concept's French or Dutch words (« viol », « seksueel geweld », « ZSG », the
label every coded service is indexed with…), and those of its broader concepts. The other words
match as typed (`directory.text.analyze_query`). Both search backends take the same words.
"""

from __future__ import annotations

from functools import lru_cache

from directory.text import QueryWord, analyze_query, fold, lexicon, stem, term, words
from directory.thesaurus import thesaurus
from directory.vocab import Lang

_INDEXED = (Lang.FR, Lang.NL)  # the languages the index holds (directory.search_index)
# The groups whose codes the index holds as labels (directory.search_index.document_of).
_INDEXED_GROUPS = ("violence", "audience", "service")


def read_query(text: str) -> list[QueryWord]:
    return list(_read(text))


@lru_cache(maxsize=4096)
def _read(text: str) -> tuple[QueryWord, ...]:
    found_words = thesaurus().read(text)
    fillers = lexicon("query_fillers.txt")
    telling = [
        f
        for f in found_words
        if (f.concept is None and fold(f.text) not in fillers)
        # A channel is a filter, not words of the index: « appeler la police » is the police.
        or (f.concept is not None and f.concept.group != "channel")
    ]
    result: list[QueryWord] = []
    for found in telling or found_words:
        if found.concept is None or found.concept.group == "channel":
            result += analyze_query(found.text)
            continue
        typed = analyze_query(found.text)
        # One typed word keeps its own readings (a misspelling matches itself too).
        alternatives = typed[0].alternatives if len(typed) == 1 else {}
        result.append(
            QueryWord(
                found.text,
                alternatives,
                phrases=_phrases(found.concept.id),
                concept=found.concept.id,
            )
        )
    return tuple(result)


@lru_cache(maxsize=256)
def _phrases(concept_id: str) -> tuple[tuple[tuple[Lang, str], ...], ...]:
    """The concept's French and Dutch wordings and those of its broader concepts, as index terms.

    A concept with a directory code is indexed by its label on every service with that code, so
    its label, abbreviations and one-word terms suffice; the longer terms only add work per
    query. A concept without a code keeps all its wordings. Any wording that holds another one
    is left out: a service holding it holds the shorter one too.
    """
    book = thesaurus()
    found: dict[tuple[tuple[Lang, str], ...], None] = {}
    for concept in book.related(book.concepts[concept_id]):
        coded = concept.code is not None and concept.group in _INDEXED_GROUPS
        for lang in _INDEXED:
            for phrase in concept.words(lang):
                terms = tuple((lang, t) for w in words(phrase) if (t := term(w, lang)))
                if terms and (not coded or len(terms) == 1 or phrase == concept.label[lang]):
                    found.setdefault(terms)
    return tuple(_without_longer(list(found)))


def _without_longer(
    phrases: list[tuple[tuple[Lang, str], ...]],
) -> list[tuple[tuple[Lang, str], ...]]:
    """The phrases that hold no shorter phrase, as stemmed terms; one of each same set."""
    stemmed = [frozenset(stem(t, lang) for lang, t in phrase) for phrase in phrases]
    kept: list[tuple[tuple[Lang, str], ...]] = []
    seen: set[frozenset[str]] = set()
    for phrase, terms in zip(phrases, stemmed, strict=True):
        if terms in seen or any(other < terms for other in stemmed):
            continue
        seen.add(terms)
        kept.append(phrase)
    return kept
