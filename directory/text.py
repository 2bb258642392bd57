"""Text analysis shared by indexing and querying, identical for SQLite and PostgreSQL.

Both databases receive the same analysed terms: lower-cased, lemmatised with spaCy's lookup
tables (French lemma table; Dutch noun exceptions plus lemma table), accents removed, stop words
dropped, and Dutch compounds split into their parts. Each database then applies the same Snowball
stemmer (PostgreSQL through its text search configurations, SQLite through `stem()` here).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import snowballstemmer
from spacy.lookups import Table, load_lookups

from directory.vocab import Lang

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LINKS = ("er", "en", "e", "s", "")  # Dutch linking morphemes, tried in this order
_MIN_PART = 3


def fold(text: str) -> str:
    """Lower case without accents: "Liège" → "liege"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def lexicon(name: str) -> frozenset[str]:
    """A word list of `directory/lexicon/`, folded; lines starting with # are comments."""
    return _lexicon(name)


@cache
def _lexicon(name: str) -> frozenset[str]:
    raw = resources.files("directory.lexicon").joinpath(name).read_text(encoding="utf-8")
    return frozenset(
        fold(line.strip()) for line in raw.splitlines() if line.strip() and line[0] != "#"
    )


@cache
def stopwords(lang: Lang) -> frozenset[str]:
    return _lexicon(f"{lang.value}_stopwords.txt") | _lexicon(f"{lang.value}_stopwords_extra.txt")


@cache
def _lemma_tables(lang: Lang) -> tuple[Table, ...]:
    if lang is Lang.NL:
        # spaCy's Dutch lookup table is thin; its noun exceptions hold the irregular plurals.
        lookups = load_lookups("nl", ["lemma_exc", "lemma_lookup"])
        return (lookups.get_table("lemma_exc")["noun"], lookups.get_table("lemma_lookup"))
    return (load_lookups(lang.value, ["lemma_lookup"]).get_table("lemma_lookup"),)


def lemma(word: str, lang: Lang) -> str:
    for table in _lemma_tables(lang):
        found = table.get(word)
        if found:
            return str(found[0] if isinstance(found, list) else found)
    return word


def decompound(word: str) -> list[str]:
    """Split a Dutch compound into known parts; [] when it is not one."""
    return list(_decompound(word, _lexicon("nl_compound_parts.txt")))


@lru_cache(maxsize=65536)
def _decompound(word: str, lexicon: frozenset[str]) -> tuple[str, ...]:
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head, rest = word[:cut], word[cut:]
        if head not in lexicon:
            continue
        for link in _LINKS:
            if not rest.startswith(link):
                continue
            tail = rest[len(link) :]
            if len(tail) < _MIN_PART:
                continue
            if tail in lexicon:
                return (head, tail)
            deeper = _decompound(tail, lexicon)
            if deeper:
                return (head, *deeper)
    return ()


def term(word: str, lang: Lang) -> str | None:
    """A word as the index holds it in `lang` (before stemming); None for a stop word."""
    return _term(word, lang)


@lru_cache(maxsize=65536)
def _term(word: str, lang: Lang) -> str | None:
    folded = fold(lemma(word, lang))
    if folded in stopwords(lang) or fold(word) in stopwords(lang):
        return None
    return folded


def analyze(text: str | None, lang: Lang) -> list[str]:
    """Terms of a text for the index: lemmas, then compound parts appended (Dutch)."""
    return list(_analyze(text, lang)) if text else []


@lru_cache(maxsize=8192)  # seed texts repeat (kind labels, shared descriptions)
def _analyze(text: str, lang: Lang) -> tuple[str, ...]:
    terms: list[str] = []
    for word in words(text):
        term = _term(word, lang)
        if term is None:
            continue
        terms.append(term)
        if lang is Lang.NL:
            terms.extend(decompound(term))
    return tuple(terms)


@dataclass(frozen=True)
class QueryWord:
    """One word of a query, as each language would index it.

    `alternatives` are single terms (French and Dutch readings); `parts` is the Dutch compound
    split, matched when all parts occur. A word read as a thesaurus concept (`concept`) also
    matches any of `phrases`, each a set of index terms that must all occur.
    """

    text: str
    alternatives: dict[Lang, str]
    parts: tuple[str, ...] = ()
    phrases: tuple[tuple[tuple[Lang, str], ...], ...] = ()
    concept: str | None = None


def analyze_query(text: str) -> list[QueryWord]:
    """A free-text query as words that must all match (in either language).

    A stop word of either language is dropped: the query's language is unknown, and "la" in
    "la violence" must not be required of a Dutch text.
    """
    result: list[QueryWord] = []
    for word in words(text):
        readings = {lang: _term(word, lang) for lang in (Lang.FR, Lang.NL)}
        if None in readings.values():
            continue
        alternatives = {lang: term for lang, term in readings.items() if term}
        result.append(QueryWord(word, alternatives, tuple(decompound(alternatives[Lang.NL]))))
    return result


_STEMMERS = {Lang.FR: "french", Lang.NL: "dutch_porter", Lang.DE: "german", Lang.EN: "english"}


@cache
def _stemmer(lang: Lang) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(_STEMMERS[lang])


@lru_cache(maxsize=131072)
def stem(term: str, lang: Lang) -> str:
    return str(_stemmer(lang).stemWord(term))
