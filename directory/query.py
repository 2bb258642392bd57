"""A search query as words to match, its phrases read with the thesaurus.

« verkrachting » becomes the concept "sexual violence": the word matches a service whose text
holds any of the concept's French or Dutch words (« viol », « seksueel geweld », « ZSG », the
label every coded service is indexed with…), and those of its broader concepts. The other words
match as typed (`directory.text.analyze_query`). Both search backends take the same words.
"""

from __future__ import annotations

from functools import lru_cache

from directory.text import QueryWord, analyze_query, fold, lexicon, term, words
from directory.thesaurus import thesaurus
from directory.vocab import Lang

_INDEXED = (Lang.FR, Lang.NL)  # the languages the index holds (directory.search_index)


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
    """Each French or Dutch wording of the concept and its broader ones, as index terms."""
    book = thesaurus()
    found: dict[tuple[tuple[Lang, str], ...], None] = {}
    for concept in book.related(book.concepts[concept_id]):
        for lang in _INDEXED:
            for phrase in concept.words(lang):
                terms = tuple((lang, t) for w in words(phrase) if (t := term(w, lang)))
                if terms:
                    found.setdefault(terms)
    return tuple(found)
