"""The search snapshot's index (`directory.snapshot`): for each term, name term, filter value,
area and opening time, the services that have it, as a Roaring bitmap of their ordinals.

Roaring bitmaps (pyroaring) are compact and intersect and unite in C: at Belgian scale the index
takes about a tenth of what Python sets of service ids took (bench/README.md, issue 17).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyroaring import AbstractBitMap, BitMap, FrozenBitMap

from directory import search_index
from directory.cards import ServiceCard
from directory.query import read_query
from directory.text import QueryWord, stem
from directory.vocab import SPECIFICITY, Lang, Scope

_NONE = FrozenBitMap()


@dataclass(frozen=True, slots=True)
class Word:
    """A query word as index terms: any one option, or all the terms of one conjunction (the
    parts of a Dutch compound, a thesaurus phrase)."""

    options: frozenset[str]
    conjunctions: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, word: QueryWord) -> Word:
        options = frozenset(stem(term, lang) for lang, term in word.alternatives.items())
        conjunctions = [tuple(stem(part, Lang.NL) for part in word.parts)] if word.parts else []
        conjunctions += [tuple(stem(t, lang) for lang, t in phrase) for phrase in word.phrases]
        single = {c[0] for c in conjunctions if len(c) == 1}
        return cls(options | single, tuple(c for c in conjunctions if len(c) > 1))

    def among(self, ids: AbstractBitMap, index: Postings, column: str) -> AbstractBitMap:
        """The services of `ids` whose terms ("term") or names ("name") hold this word."""
        found: AbstractBitMap = BitMap()
        for option in self.options:
            postings = index.get((column, option))
            if postings:
                found |= ids & postings
        for conjunction in self.conjunctions:
            with_all = ids - found
            for part in conjunction:
                if not with_all:
                    break
                with_all = with_all & index.get((column, part))
            found |= with_all
        return found


@lru_cache(maxsize=4096)
def words_of(text: str) -> tuple[Word, ...]:
    return tuple(Word.of(word) for word in read_query(text))


class Postings:
    """Named sets of service ordinals (a term's services, a filter value's), copied on write.

    A snapshot derived from another shares every set it does not change, so a refresh after
    one edit copies a few bitmaps instead of rebuilding the whole index.
    """

    def __init__(self, sets: dict[Any, BitMap] | None = None) -> None:
        self.sets: dict[Any, BitMap] = dict(sets) if sets else {}
        self._own: set[Any] = set()  # keys whose set this copy made, so may change

    def derive(self) -> Postings:
        return Postings(self.sets)

    def get(self, key: Any) -> AbstractBitMap:
        return self.sets.get(key) or _NONE

    def _writable(self, key: Any) -> BitMap:
        if key not in self._own:
            self.sets[key] = BitMap(self.sets.get(key, _NONE))
            self._own.add(key)
        return self.sets[key]

    def add(self, key: Any, ordinal: int) -> None:
        self._writable(key).add(ordinal)

    def discard(self, key: Any, ordinal: int) -> None:
        self._writable(key).discard(ordinal)


def index_keys(card: ServiceCard) -> Iterator[tuple[Any, ...]]:
    """Where a service is indexed: its codes, areas, terms, name terms and opening times."""
    coded: list[tuple[str, tuple[str, ...]]] = [
        ("audiences", card.audiences),
        ("violence_types", card.violence_types),
        ("channels", card.channels),
        ("languages", card.languages),
        ("kinds", (card.kind,)),
    ]
    for field, values in coded:
        for value in values:
            yield ("with", field, value)
    yield ("with", "urgent", card.urgent)
    for area in card.areas:
        if area.scope == Scope.NATIONAL.value:
            yield ("area", Scope.NATIONAL.value, None)
        elif area.code is not None and area.scope in SPECIFICITY:
            yield ("area", area.scope, area.code)
    document = search_index.document_of(
        card.id,
        names=card.names,
        descriptions=card.descriptions,
        kind=card.kind,
        audiences=card.audiences,
        violence_types=card.violence_types,
    )
    names = set(search_index.stemmed_terms(document.names))
    for term in names | set(search_index.stemmed_terms(document.body)):
        yield ("term", term)
    for term in names:
        yield ("name", term)
    for rule in card.schedules:
        yield ("turn", rule.opens_at)
        yield ("turn", rule.closes_at)
