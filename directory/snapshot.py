"""The public search, answered from a per-process snapshot of the directory.

`directory.search` answers a query in the database (full text in FTS5 or tsvector) for 10–17 ms
of CPU; a search page shared by frontline workers across the country needs well under a
millisecond to serve many people at once on two cores. A snapshot holds every active service's
card and an index of its analysed terms, codes and areas, and answers the same `SearchQuery`
with the same hits in the same order: the same terms (`directory.text`, stemmed as the index
stems them), the same filters, the same ranking. A test compares the two on both databases.

Each service has a number (its ordinal) and every index entry is the set of those numbers as a
Roaring bitmap (pyroaring): compact, and its intersections and unions run in C. At Belgian
scale (34,000 services) Python sets of ids took about 110 MB per process; the bitmaps about a
tenth of that (bench/README.md, issue 17). A service's terms are not kept beside the index:
they are computed again from its card when it changes.

It follows the database: triggers count every change to a service in `directory_version`
(migration 0007); `build` reloads only the services whose revision changed, and
`directory.snapshot_holder.Snapshots` keeps each process's current snapshot.
"""

from __future__ import annotations

import datetime as dt
import heapq
import logging
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from pyroaring import AbstractBitMap, BitMap
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.cards import ServiceCard, Shared, load_cards
from directory.models import Municipality, Service
from directory.search import BRUSSELS, PageOutOfRange, SearchHit, SearchPage, SearchQuery, is_open
from directory.snapshot_index import Postings, index_keys, words_of
from directory.vocab import SPECIFICITY, Lang, Scope, ViolenceType

logger = logging.getLogger(__name__)

_LOAD_CHUNK = 2000
_PLACES_KEPT = 2048  # the levels of a place's services, at most one per municipality in practice
_PARTIAL_SORT = 8  # below this many rows per row shown, sorting them all is as quick
_DENSE = 4  # from a quarter of all services, walking the ranking is quicker than sorting

# Arrondissement, province, region, police zone, judicial district of a municipality.
Places = tuple[str | None, str | None, str | None, str | None, str | None]
# A place's services by level, most specific first: (level, ordinals at exactly that level).
Levels = tuple[tuple[int, BitMap], ...]


@dataclass(frozen=True, slots=True)
class _Entry:
    """A service as the search sees it."""

    card: ServiceCard
    ordinal: int  # its number in the index's bitmaps, kept while the service stays


class _Order:
    """Every service in the order of a search without words or place, in one language:
    urgent first, then the name, then the id (`_base_key`)."""

    __slots__ = ("rank", "ranked")

    def __init__(self, entries: dict[str, _Entry], lang: Lang, size: int) -> None:
        ordered = sorted(entries.values(), key=lambda e: _base_key(e.card, lang))
        self.ranked = [e.ordinal for e in ordered]
        self.rank = array("l", bytes(8 * size))  # ordinal → rank
        for rank, ordinal in enumerate(self.ranked):
            self.rank[ordinal] = rank

    def first(self, ids: AbstractBitMap, count: int) -> list[int]:
        """The first `count` of `ids` in this order."""
        if len(ids) * _DENSE >= len(self.ranked):
            return list(islice((o for o in self.ranked if o in ids), count))
        if len(ids) > _PARTIAL_SORT * count:
            return heapq.nsmallest(count, ids, key=self.rank.__getitem__)
        return sorted(ids, key=self.rank.__getitem__)[:count]


class Opening:
    """Whether each service is open, for one epoch (`SearchSnapshot.epoch`): the same answer
    for any moment of it, so computed once per service and epoch."""

    __slots__ = ("_entries", "_known", "_now", "epoch")

    def __init__(self, epoch: tuple[dt.date, int], entries: dict[str, _Entry], now: dt.datetime):
        self.epoch = epoch
        self._entries = entries
        self._now = now
        self._known: dict[str, bool | None] = {}

    def __call__(self, service_id: str) -> bool | None:
        try:
            return self._known[service_id]
        except KeyError:
            known = is_open(self._entries[service_id].card.schedules, self._now)
            self._known[service_id] = known
            return known


class SearchSnapshot:
    """An immutable, indexed copy of the active services at one directory version.

    A query narrows the candidates with bitmap operations, as a database would with its
    indexes: the place, each filter, then each word through the term postings; then it takes
    the first page in the ranking's order. A place search touches a few hundred services.
    """

    def __init__(
        self,
        version: int,
        entries: dict[str, _Entry],
        ids: list[str | None],
        places: dict[str, Places],
        index: Postings,
        follows: int | None = None,
        changed_places: frozenset[str] | None = None,
    ) -> None:
        self.version = version
        # The version this snapshot was derived from, and the municipalities whose services
        # changed since (None: not known, or a service covering all of them changed).
        self.follows = follows
        self.changed_places = changed_places
        self._entries = entries
        self._ids = ids  # ordinal → service id (None where a service left)
        self._places = places  # NIS code → the areas it lies in
        self._index = index  # ("with", field, value), ("area", scope, code), ("term", t)…
        self._all = BitMap(e.ordinal for e in entries.values())
        # Every time of day at which some schedule opens or closes (see `epoch`).
        self._turns = sorted(key[1] for key, ids in index.sets.items() if key[0] == "turn" and ids)
        self._places_kept: dict[tuple[str, ...], tuple[AbstractBitMap, Levels]] = {}
        self._orders: dict[Lang, _Order] = {}  # made at a language's first search
        self._opening: Opening | None = None

    @classmethod
    def of(
        cls,
        version: int,
        cards: Iterable[ServiceCard],
        places: dict[str, Places],
    ) -> SearchSnapshot:
        entries: dict[str, _Entry] = {}
        postings: dict[Any, list[int]] = {}
        for ordinal, card in enumerate(cards):
            entries[card.id] = _Entry(card, ordinal)
            for key in index_keys(card):
                postings.setdefault(key, []).append(ordinal)
        index = Postings({key: BitMap(ordinals) for key, ordinals in postings.items()})
        ids: list[str | None] = list(entries)
        return cls(version, entries, ids, places, index)

    def updated(
        self, version: int, changed: Iterable[ServiceCard], removed: Iterable[str]
    ) -> SearchSnapshot:
        """This snapshot with some services replaced, added or removed."""
        index = self._index.derive()
        entries = dict(self._entries)
        ids = list(self._ids)
        changed = list(changed)
        touched = [*changed]
        for service_id in [*removed, *(card.id for card in changed)]:
            old = entries.pop(service_id, None)
            if old is not None:
                touched.append(old.card)
                for key in index_keys(old.card):
                    index.discard(key, old.ordinal)
                ids[old.ordinal] = None
        for card in changed:
            previous = self._entries.get(card.id)
            ordinal = previous.ordinal if previous is not None else len(ids)
            if ordinal == len(ids):
                ids.append(card.id)
            ids[ordinal] = card.id
            entries[card.id] = _Entry(card, ordinal)
            for key in index_keys(card):
                index.add(key, ordinal)
        places = self._municipalities_of(touched)
        return SearchSnapshot(version, entries, ids, self._places, index, self.version, places)

    def _municipalities_of(self, cards: Iterable[ServiceCard]) -> frozenset[str] | None:
        """The municipalities these services cover; None when one covers the whole country."""
        found: set[str] = set()
        position = {  # where a scope's code is in `Places`
            Scope.ARRONDISSEMENT.value: 0,
            Scope.PROVINCE.value: 1,
            Scope.REGION.value: 2,
            Scope.POLICE_ZONE.value: 3,
            Scope.JUDICIAL_DISTRICT.value: 4,
        }
        for card in cards:
            for area in card.areas:
                if area.scope == Scope.NATIONAL.value:
                    return None
                if area.scope == Scope.MUNICIPALITY.value and area.code:
                    found.add(area.code)
                elif area.scope in position and area.code:
                    at = position[area.scope]
                    found.update(n for n, p in self._places.items() if p[at] == area.code)
        return frozenset(found)

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
        words = words_of(query.text) if query.text else ()
        placed = bool(query.municipalities)
        levels: Levels | None = None
        candidates: AbstractBitMap = self._all
        if placed:
            candidates, levels = self._place(tuple(sorted(set(query.municipalities))))
        ids = self._narrow(candidates, query, now)
        for word in words:
            ids = word.among(ids, self._index, "term")
        page = SearchPage(len(ids), query.page, query.per_page, [])
        if query.page > page.total_pages:
            raise PageOutOfRange(query.page, page.total_pages)
        start = (query.page - 1) * query.per_page
        end = start + query.per_page
        order = self._order(query.lang)
        in_names = ids
        if words:
            # The database's order: services with the words in their name first (the name
            # tier matters among the matches only), each tier in the ranking's order.
            for word in words:
                in_names = word.among(in_names, self._index, "name")
            rows = _first(in_names, levels, order, end)
            if len(rows) < end:
                rows += _first(ids - in_names, levels, order, end - len(rows))
        else:
            rows = _first(ids, levels, order, end)
        for ordinal, level in rows[start:end]:
            service_id = self._ids[ordinal]
            assert service_id is not None
            page.hits.append(
                SearchHit(
                    service_id=service_id,
                    revision=self._entries[service_id].card.revision,
                    relevance=(0 if ordinal in in_names else 1) if words else None,
                    specificity=level if placed else None,
                )
            )
        return page

    def opening(self, now: dt.datetime) -> Opening:
        """Whether each service is open at `now`, kept for the epoch `now` falls in."""
        epoch = self.epoch(now)
        opening = self._opening
        if opening is None or opening.epoch != epoch:
            opening = self._opening = Opening(epoch, self._entries, now)
        return opening

    def _order(self, lang: Lang) -> _Order:
        order = self._orders.get(lang)
        if order is None:
            order = self._orders[lang] = _Order(self._entries, lang, len(self._ids))
        return order

    def _narrow(self, ids: AbstractBitMap, query: SearchQuery, now: dt.datetime) -> AbstractBitMap:
        """The candidates that pass every filter: unions of a filter's values, intersected."""
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
            matching = BitMap()
            for value in values:
                code = value if isinstance(value, bool) else str(value)
                matching |= self._index.get(("with", field, code))
            ids = ids & matching
        if query.open_now:
            is_open_now = self.opening(now)
            service_ids = self._ids
            ids = BitMap(o for o in ids if is_open_now(service_ids[o]) is True)  # type: ignore[arg-type]
        return ids

    def covering(self, nis_code: str) -> list[SearchHit]:
        """Every active service covering a municipality, most specific first, then by id."""
        found = sorted(
            (level, self._ids[o])
            for level, at_level in self._place((nis_code,))[1]
            for o in at_level
        )
        return [
            SearchHit(i, self._entries[i].card.revision, None, level)
            for level, i in found
            if i is not None
        ]

    def _place(self, nis_codes: tuple[str, ...]) -> tuple[AbstractBitMap, Levels]:
        """The services covering these municipalities, all and by level."""
        place = self._places_kept.get(nis_codes)
        if place is None:
            if len(self._places_kept) >= _PLACES_KEPT:
                self._places_kept.clear()
            levels = self._covering(nis_codes)
            every = BitMap()
            for _, at_level in levels:
                every |= at_level
            place = self._places_kept[nis_codes] = (every, levels)
        return place

    def _covering(self, nis_codes: Sequence[str]) -> Levels:
        """The services covering one of the municipalities, by the most specific level at which
        they do."""
        codes: dict[Scope, set[str]] = {scope: set() for scope in SPECIFICITY}
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
                    codes[scope].add(code)
        by_level: dict[int, BitMap] = {}
        for scope, scope_codes in codes.items():
            at_level = by_level.setdefault(SPECIFICITY[scope], BitMap())
            if scope is Scope.NATIONAL:
                at_level |= self._index.get(("area", scope.value, None))
            for code in scope_codes:
                at_level |= self._index.get(("area", scope.value, code))
        levels: list[tuple[int, BitMap]] = []
        seen = BitMap()
        for level in sorted(by_level):
            only_here = by_level[level] - seen
            seen |= by_level[level]
            if only_here:
                levels.append((level, only_here))
        return tuple(levels)


def _first(
    ids: AbstractBitMap, levels: Levels | None, order: _Order, count: int
) -> list[tuple[int, int]]:
    """The first `count` of `ids` with their level: the most specific level first, each in the
    order's ranking (all at level 0 without a place)."""
    if levels is None:
        return [(o, 0) for o in order.first(ids, count)]
    rows: list[tuple[int, int]] = []
    for level, at_level in levels:
        here = ids & at_level
        if here:
            rows += [(o, level) for o in order.first(here, count - len(rows))]
            if len(rows) >= count:
                break
    return rows


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
    loaded: dict[str, ServiceCard] = {}
    shared = Shared()
    for start in range(0, len(missing), _LOAD_CHUNK):
        for card in load_cards(session, missing[start : start + _LOAD_CHUNK], shared).values():
            if card.status == "active":
                loaded[card.id] = card
    if previous is None:
        return SearchSnapshot.of(version, loaded.values(), _places(session))
    removed = [i for i in old if i not in current or (i in missing and i not in loaded)]
    return previous.updated(version, loaded.values(), removed)


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
