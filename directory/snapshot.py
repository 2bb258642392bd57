"""The public search, answered from a per-process snapshot of the directory.

`directory.search` answers a query in the database (full text in FTS5 or tsvector) for 10–17 ms
of CPU; a search page shared by frontline workers across the country needs well under a
millisecond to serve many people at once on two cores. A snapshot holds every active service's
card and analysed terms, indexed by area, and answers the same `SearchQuery` with the same hits
in the same order: the same terms (`directory.text`, stemmed as the index stems them), the same
filters, the same ranking. A test compares the two on both databases.

It follows the database: triggers count every change to a service in `directory_version`
(migration 0007); `build` reloads only the services whose revision changed, and
`directory.snapshot_holder.Snapshots` keeps each process's current snapshot.
"""

from __future__ import annotations

import datetime as dt
import heapq
import logging
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory import search_index
from directory.cards import ServiceCard, load_cards
from directory.models import Municipality, Service
from directory.query import read_query
from directory.search import BRUSSELS, PageOutOfRange, SearchHit, SearchPage, SearchQuery, is_open
from directory.text import QueryWord, stem
from directory.vocab import SPECIFICITY, Lang, Scope, ViolenceType

logger = logging.getLogger(__name__)

_LOAD_CHUNK = 2000
_COVERING_CACHE = 2048
_NONE: frozenset[str] = frozenset()

# Arrondissement, province, region, police zone, judicial district of a municipality.
Places = tuple[str | None, str | None, str | None, str | None, str | None]


@dataclass(frozen=True, slots=True)
class _Entry:
    """A service as the search sees it."""

    card: ServiceCard
    name_terms: frozenset[str]  # stemmed, as in the index's "names" column
    terms: frozenset[str]  # names and everything else
    order: dict[Lang, tuple[int, str, str]]  # the last sort keys per response language


def _entry(card: ServiceCard, shared: dict[frozenset[str], frozenset[str]]) -> _Entry:
    document = search_index.document_of(
        card.id,
        names=card.names,
        descriptions=card.descriptions,
        kind=card.kind,
        audiences=card.audiences,
        violence_types=card.violence_types,
    )
    names = frozenset(search_index.stemmed_terms(document.names))
    terms = names | frozenset(search_index.stemmed_terms(document.body))
    # Many services share their text (one description per kind of service): keep one copy.
    return _Entry(
        card,
        shared.setdefault(names, names),
        shared.setdefault(terms, terms),
        {lang: _base_key(card, lang) for lang in Lang},
    )


@dataclass(frozen=True, slots=True)
class _Word:
    """A query word as index terms: any one option, or all the terms of one conjunction (the
    parts of a Dutch compound, a thesaurus phrase)."""

    options: frozenset[str]
    conjunctions: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, word: QueryWord) -> _Word:
        options = frozenset(stem(term, lang) for lang, term in word.alternatives.items())
        conjunctions = [tuple(stem(part, Lang.NL) for part in word.parts)] if word.parts else []
        conjunctions += [tuple(stem(t, lang) for lang, t in phrase) for phrase in word.phrases]
        single = {c[0] for c in conjunctions if len(c) == 1}
        return cls(options | single, tuple(c for c in conjunctions if len(c) > 1))

    def among(self, ids: AbstractSet[str], index: _Sets, column: str) -> set[str]:
        """The services of `ids` whose terms ("term") or names ("name") hold this word."""
        found: set[str] = set()
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


_PARTIAL_SORT = 8  # below this many rows per row shown, sorting them all is as quick


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[_Word, ...]:
    return tuple(_Word.of(word) for word in read_query(text))


class _Sets:
    """Named sets of service ids (a term's services, a filter value's), copied on write.

    A snapshot derived from another shares every set it does not change, so a refresh after
    one edit copies a few sets instead of rebuilding the whole index.
    """

    def __init__(self, sets: dict[Any, set[str]] | None = None) -> None:
        self.sets: dict[Any, set[str]] = dict(sets) if sets else {}
        self._own: set[Any] = set()  # keys whose set this copy made, so may change

    def derive(self) -> _Sets:
        return _Sets(self.sets)

    def get(self, key: Any) -> AbstractSet[str]:
        return self.sets.get(key, _NONE)

    def _writable(self, key: Any) -> set[str]:
        if key not in self._own:
            self.sets[key] = set(self.sets.get(key, ()))
            self._own.add(key)
        return self.sets[key]

    def add(self, key: Any, service_id: str) -> None:
        self._writable(key).add(service_id)

    def discard(self, key: Any, service_id: str) -> None:
        self._writable(key).discard(service_id)


def _keys(entry: _Entry) -> Iterator[tuple[Any, ...]]:
    """Where an entry is indexed: its codes, areas, terms, name terms and opening times."""
    card = entry.card
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
    for term in entry.terms:
        yield ("term", term)
    for term in entry.name_terms:
        yield ("name", term)
    for rule in card.schedules:
        yield ("turn", rule.opens_at)
        yield ("turn", rule.closes_at)


class SearchSnapshot:
    """An immutable, indexed copy of the active services at one directory version.

    A query narrows the candidates with set operations, as a database would with its indexes:
    the place, each filter, then each word through the term postings; then it sorts what is
    left. A place search touches a few hundred services.
    """

    def __init__(
        self,
        version: int,
        entries: dict[str, _Entry],
        places: dict[str, Places],
        index: _Sets,
    ) -> None:
        self.version = version
        self._entries = entries
        self._places = places  # NIS code → the areas it lies in
        self._index = index  # ("with", field, value), ("area", scope, code), ("term", t)…
        self._all = frozenset(entries)
        # Every time of day at which some schedule opens or closes (see `epoch`).
        self._turns = sorted(key[1] for key, ids in index.sets.items() if key[0] == "turn" and ids)
        self._covering_cache: dict[tuple[str, ...], dict[str, int]] = {}

    @classmethod
    def of(
        cls,
        version: int,
        entries: dict[str, _Entry],
        places: dict[str, Places],
    ) -> SearchSnapshot:
        index = _Sets()
        for service_id, entry in entries.items():
            for key in _keys(entry):
                index.add(key, service_id)
        return cls(version, entries, places, index)

    def updated(
        self, version: int, changed: dict[str, _Entry], removed: Iterable[str]
    ) -> SearchSnapshot:
        """This snapshot with some services replaced, added or removed."""
        index = self._index.derive()
        entries = dict(self._entries)
        for service_id in [*removed, *changed]:
            old = entries.pop(service_id, None)
            if old is not None:
                for key in _keys(old):
                    index.discard(key, service_id)
        for service_id, entry in changed.items():
            entries[service_id] = entry
            for key in _keys(entry):
                index.add(key, service_id)
        return SearchSnapshot(version, entries, self._places, index)

    def epoch(self, now: dt.datetime) -> tuple[dt.date, int]:
        """A name for the stretch of time around `now` in which no service opens or closes.

        Whether a service is open depends on the Brussels date and time of day only (see
        `directory.search.is_open`), so every answer of this snapshot is the same for any two
        moments with the same epoch: a cached answer may be kept until the epoch changes.
        """
        local = now.astimezone(BRUSSELS)
        return local.date(), bisect_right(self._turns, local.time())

    def card(self, service_id: str) -> ServiceCard:
        return self._entries[service_id].card

    def find(self, service_id: str) -> ServiceCard | None:
        """An active service's card, or None."""
        entry = self._entries.get(service_id)
        return entry.card if entry is not None else None

    def __len__(self) -> int:
        return len(self._entries)

    def cards(self) -> Iterator[ServiceCard]:
        return (entry.card for entry in self._entries.values())

    def places_of(self, nis_code: str) -> Places | None:
        """The arrondissement, province, region, police zone and judicial district of a
        municipality."""
        return self._places.get(nis_code)

    def search(self, query: SearchQuery, now: dt.datetime) -> SearchPage:
        """The page `directory.search.search_services` would return for this query."""
        words = _words(query.text) if query.text else ()
        placed = bool(query.municipalities)
        covering = self._covering_of(query.municipalities) if placed else {}
        ids = self._narrow(covering.keys() if placed else self._all, query, now)
        for word in words:
            ids = word.among(ids, self._index, "term")
        in_names: AbstractSet[str] = ids  # the name tier matters among the matches only
        for word in words:
            in_names = word.among(in_names, self._index, "name")
        entries = self._entries
        lang = query.lang
        rows = [  # (tier, specificity, (urgent, name, id)): the database's order
            (0 if i in in_names else 1, covering[i] if placed else 0, entries[i].order[lang])
            for i in ids
        ]
        page = SearchPage(len(rows), query.page, query.per_page, [])
        if query.page > page.total_pages:
            raise PageOutOfRange(query.page, page.total_pages)
        start = (query.page - 1) * query.per_page
        end = start + query.per_page
        # A first page of a long list needs its head only: a partial sort, same order.
        rows = heapq.nsmallest(end, rows) if len(rows) > _PARTIAL_SORT * end else sorted(rows)
        for tier, level, (_, _, service_id) in rows[start:end]:
            page.hits.append(
                SearchHit(
                    service_id=service_id,
                    revision=entries[service_id].card.revision,
                    relevance=tier if words else None,
                    specificity=level if placed else None,
                )
            )
        return page

    def _narrow(
        self, ids: AbstractSet[str], query: SearchQuery, now: dt.datetime
    ) -> AbstractSet[str]:
        """The candidates that pass every filter: set intersections, smallest side first."""
        wanted: list[tuple[str, Sequence[object]]] = [
            ("audiences", query.audiences),
            # A service for "any" form of intrafamily violence matches every violence type.
            (
                "violence_types",
                [*query.violence_types, ViolenceType.ANY] if query.violence_types else [],
            ),
            ("channels", query.channels),
            ("languages", query.languages),
            ("kinds", query.kinds),
            ("urgent", [] if query.urgent is None else [query.urgent]),
        ]
        for field, values in wanted:
            if not values:
                continue
            matching: set[str] = set()
            for value in values:
                code = value if isinstance(value, bool) else str(value)
                matching |= ids & self._index.get(("with", field, code))
            ids = matching
        if query.open_now:
            entries = self._entries
            ids = {i for i in ids if is_open(entries[i].card.schedules, now) is True}
        return ids

    def covering(self, nis_code: str) -> list[SearchHit]:
        """Every active service covering a municipality, most specific first, then by id."""
        found = self._covering_of((nis_code,))
        return [
            SearchHit(i, self._entries[i].card.revision, None, level)
            for level, i in sorted((level, i) for i, level in found.items())
        ]

    def _covering_of(self, nis_codes: Sequence[str]) -> dict[str, int]:
        key = tuple(sorted(set(nis_codes)))
        found = self._covering_cache.get(key)
        if found is None:
            if len(self._covering_cache) >= _COVERING_CACHE:
                self._covering_cache.clear()  # at most one per municipality in practice
            found = self._covering_cache[key] = self._covering(key)
        return found

    def _covering(self, nis_codes: Sequence[str]) -> dict[str, int]:
        """Service id → the most specific level at which it covers one of the municipalities."""
        levels: dict[Scope, set[str]] = {scope: set() for scope in SPECIFICITY}
        for nis in nis_codes:
            if nis not in self._places:
                continue
            arrondissement, province, region, zone, district = self._places[nis]
            for scope, code in (
                (Scope.MUNICIPALITY, nis),
                (Scope.POLICE_ZONE, zone),
                (Scope.ARRONDISSEMENT, arrondissement),
                (Scope.JUDICIAL_DISTRICT, district),
                (Scope.PROVINCE, province),
                (Scope.REGION, region),
            ):
                if code:
                    levels[scope].add(code)
        found: dict[str, int] = {}
        for scope, codes in levels.items():
            level = SPECIFICITY[scope]
            keys = (
                [(scope.value, None)]
                if scope is Scope.NATIONAL
                else [(scope.value, c) for c in codes]
            )
            for service_id in (i for key in keys for i in self._index.get(("area", *key))):
                if found.get(service_id, level + 1) > level:
                    found[service_id] = level
        return found


def _base_key(card: ServiceCard, lang: Lang) -> tuple[int, str, str]:
    """As the database orders them: urgent first, then the name in the response language (else
    French, else Dutch), then the id. Code point order: SQLite's BINARY, PostgreSQL's C."""
    name = next(
        (n for n in (card.names[lang], card.names[Lang.FR], card.names[Lang.NL]) if n is not None),
        "",
    )
    return (0 if card.urgent is True else 1, name, card.id)


def build(session: Session, version: int, previous: SearchSnapshot | None = None) -> SearchSnapshot:
    """A snapshot of the active services; from `previous`, only what changed is reloaded."""
    rows = session.execute(select(Service.id, Service.revision).where(Service.status == "active"))
    current: dict[str, int] = dict(rows.all())
    old = previous._entries if previous is not None else {}
    missing = [
        i for i, revision in current.items() if i not in old or old[i].card.revision != revision
    ]
    loaded: dict[str, _Entry] = {}
    shared: dict[frozenset[str], frozenset[str]] = {}
    for start in range(0, len(missing), _LOAD_CHUNK):
        for card in load_cards(session, missing[start : start + _LOAD_CHUNK]).values():
            if card.status == "active":
                loaded[card.id] = _entry(card, shared)
    if previous is None:
        return SearchSnapshot.of(version, loaded, _places(session))
    removed = [i for i in old if i not in current or (i in missing and i not in loaded)]
    return previous.updated(version, loaded, removed)


def _places(session: Session) -> dict[str, Places]:
    rows = session.execute(
        select(
            Municipality.nis_code,
            Municipality.arrondissement_code,
            Municipality.province_code,
            Municipality.region_code,
            Municipality.police_zone_code,
            Municipality.judicial_district_code,
        )
    )
    return {
        nis: (arr, province, region, zone, district)
        for nis, arr, province, region, zone, district in rows
    }
