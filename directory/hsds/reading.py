"""The HSDS 3.0 read API's questions, answered from the search snapshot.

The same snapshot as the rest of the public API (`directory.snapshot`): the same active services,
the same search (`search`, `postcode` → the services covering that place, most specific first),
the same order. HSDS ids are UUIDs derived from ours (`directory.hsds.objects`); each snapshot
gets, once, an index from those UUIDs back to its services, locations and organizations.

`taxonomy_term_id` names a term of the search vocabulary (`directory.taxonomy`): a concept with a
directory code filters on that code (a form of violence also finds the services for every form,
as the search does), a kind of help on its kinds of service, any other concept on its words; a
group term finds the services carrying any of its concepts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from threading import Lock
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from directory import errors
from directory.cards import LocationCard, OrganizationCard, ServiceCard
from directory.hsds import objects
from directory.search import PageOutOfRange, SearchQuery
from directory.snapshot import SearchSnapshot
from directory.taxonomy import taxonomy_id, term_id
from directory.text import fold
from directory.thesaurus import thesaurus
from directory.vocab import Audience, Channel, Kind, Lang, ViolenceType

T = TypeVar("T")


class UnknownId(LookupError):
    """A filter's id that names nothing here; `field` says which parameter held it. (An object
    asked for by its id is the domain's `NotFound`.)"""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Listing:
    """One HSDS list request: the search's own filters and those it has no index for."""

    query: SearchQuery
    organization: str | None = None  # our organization id
    modified_after: dt.datetime | None = None


@dataclass(frozen=True)
class Page:
    total_items: int
    page_number: int
    total_pages: int
    contents: list[Any]


@dataclass
class _Index:
    services: dict[str, str] = field(default_factory=dict)  # HSDS id → our id
    at_locations: dict[str, tuple[str, int]] = field(default_factory=dict)  # → (service, nth)
    organizations: dict[str, OrganizationCard] = field(default_factory=dict)  # HSDS id →
    offered_by: dict[str, list[str]] = field(default_factory=dict)  # organization → services


_indexes: WeakKeyDictionary[SearchSnapshot, _Index] = WeakKeyDictionary()
_lock = Lock()


def index(snapshot: SearchSnapshot) -> _Index:
    """The snapshot's UUID index, built on first use (about 3 µs a service)."""
    with _lock:
        found = _indexes.get(snapshot)
        if found is None:
            found = _indexes[snapshot] = _build(snapshot)
        return found


def _build(snapshot: SearchSnapshot) -> _Index:
    built = _Index()
    for card in snapshot.cards():
        built.services[objects.service_id(card.id)] = card.id
        for nth, loc in enumerate(card.locations):
            built.at_locations[objects.service_at_location_id(card.id, loc.id)] = (card.id, nth)
        if card.organization is not None:
            uid = objects.organization_id(card.organization.id)
            built.organizations[uid] = card.organization
            built.offered_by.setdefault(uid, []).append(card.id)
    return built


@cache
def _term_filters() -> dict[str, dict[str, Any]]:
    """Each term's id → the search filters or words it stands for."""
    book = thesaurus()
    fields = {"violence": "violence_types", "audience": "audiences", "service": "kinds"}
    fields["channel"] = "channels"
    types = {"violence_types": ViolenceType, "audiences": Audience, "kinds": Kind}
    types["channels"] = Channel
    found: dict[str, dict[str, Any]] = {}
    for group in book.groups:
        union: dict[str, set[Any]] = {}
        for concept in book.of_group(group):  # type: ignore[arg-type]
            name = fields.get(group)
            if name is not None and concept.code is not None:
                filters: dict[str, Any] = {name: (types[name](concept.code),)}
            elif concept.kinds:
                filters = {"kinds": tuple(concept.kinds)}
            else:
                filters = {"text": concept.label[Lang.FR]}
            found[term_id(concept.id)] = filters
            for key, values in filters.items():
                if key != "text":
                    union.setdefault(key, set()).update(values)
        found[term_id(group)] = {k: tuple(sorted(v)) for k, v in union.items()}
    return found


def with_term(query: SearchQuery, term: str | None, taxonomy: str | None) -> SearchQuery:
    """The query narrowed to a taxonomy term's services (`UnknownId` for another's id)."""
    if taxonomy is not None and taxonomy != taxonomy_id():
        raise UnknownId("taxonomy_id", f"no taxonomy {taxonomy!r}; see /hsds/taxonomies")
    if term is None:
        return query
    filters = _term_filters().get(term)
    if filters is None:
        raise UnknownId("taxonomy_term_id", f"no taxonomy term {term!r}; see /hsds/taxonomy_terms")
    words = filters.get("text")
    text = " ".join(w for w in (query.text, words) if w) or None
    return replace(query, **{k: v for k, v in filters.items() if k != "text"}, text=text)


def organization_slug(snapshot: SearchSnapshot, uid: str | None) -> str | None:
    if uid is None:
        return None
    org = index(snapshot).organizations.get(uid)
    if org is None:
        raise UnknownId("organization_id", f"no organization {uid!r} offers a service here")
    return org.id


def paged(items: list[T], page: int, per_page: int) -> tuple[list[T], int]:
    total_pages = max(1, math.ceil(len(items) / per_page))
    if page > total_pages:
        raise PageOutOfRange(page, total_pages)
    return items[(page - 1) * per_page : page * per_page], total_pages


def _kept(listing: Listing) -> Callable[[ServiceCard], bool]:
    after = listing.modified_after

    def keep(card: ServiceCard) -> bool:
        if listing.organization is not None and (
            card.organization is None or card.organization.id != listing.organization
        ):
            return False
        return after is None or (card.updated_at is not None and card.updated_at >= after)

    return keep


def _matching(snapshot: SearchSnapshot, listing: Listing, now: dt.datetime) -> list[ServiceCard]:
    """Every card the listing finds, in the search's order."""
    everything = replace(listing.query, page=1, per_page=max(1, len(snapshot)))
    hits = snapshot.search(everything, now).hits
    keep = _kept(listing)
    return [c for c in (snapshot.card(h.service_id) for h in hits) if keep(c)]


def services(snapshot: SearchSnapshot, listing: Listing, now: dt.datetime) -> Page:
    """A page of services' cards."""
    query = listing.query
    if listing.organization is None and listing.modified_after is None:
        found = snapshot.search(query, now)  # the search pages it: a partial sort
        cards = [snapshot.card(h.service_id) for h in found.hits]
        return Page(found.total_items, query.page, found.total_pages, cards)
    matching = _matching(snapshot, listing, now)
    cards, total_pages = paged(matching, query.page, query.per_page)
    return Page(len(matching), query.page, total_pages, cards)


def every_service(
    snapshot: SearchSnapshot, listing: Listing, now: dt.datetime
) -> list[ServiceCard]:
    """`format=ndjson`: every service the listing finds, without pages."""
    return _matching(snapshot, listing, now)


def at_locations(
    snapshot: SearchSnapshot, listing: Listing, now: dt.datetime, every: bool = False
) -> Page:
    """A page of (service, location) pairs, each located service once per location; `every`:
    all of them on one page."""
    pairs = [(c, loc) for c in _matching(snapshot, listing, now) for loc in c.locations]
    query = listing.query
    if every:
        return Page(len(pairs), 1, 1, pairs)
    contents, total_pages = paged(pairs, query.page, query.per_page)
    return Page(len(pairs), query.page, total_pages, contents)


def service(snapshot: SearchSnapshot, uid: str) -> ServiceCard:
    slug = index(snapshot).services.get(uid)
    if slug is None:
        raise errors.NotFound(f"no service {uid!r}", "id")
    return snapshot.card(slug)


def at_location(snapshot: SearchSnapshot, uid: str) -> tuple[ServiceCard, LocationCard]:
    found = index(snapshot).at_locations.get(uid)
    if found is None:
        raise errors.NotFound(f"no service at location {uid!r}", "id")
    card = snapshot.card(found[0])
    return card, card.locations[found[1]]


def organizations(
    snapshot: SearchSnapshot, search: str | None, lang: Lang, page: int, per_page: int
) -> Page:
    """A page of the organizations offering an active service, by name; `search` finds
    those whose names (in any language) hold every word."""
    built = index(snapshot)
    words = fold(search).split() if search else []
    found = [
        org
        for org in built.organizations.values()
        if all(any(w in fold(n) for n in org.names.values() if n) for w in words)
    ]
    found.sort(key=lambda org: (fold(_name(org, lang)), org.id))
    contents, total_pages = paged(found, page, per_page)
    return Page(len(found), page, total_pages, contents)


def _name(org: OrganizationCard, lang: Lang) -> str:
    return next((n for n in (org.names[lang], *org.names.values()) if n), org.id)


def organization(snapshot: SearchSnapshot, uid: str) -> tuple[OrganizationCard, list[ServiceCard]]:
    built = index(snapshot)
    org = built.organizations.get(uid)
    if org is None:
        raise errors.NotFound(f"no organization {uid!r}", "id")
    return org, [snapshot.card(slug) for slug in sorted(built.offered_by[uid])]
