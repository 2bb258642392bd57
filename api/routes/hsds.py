"""The HSDS 3.0 read API at /hsds/: the paths, parameters and paging of the Open Referral
OpenAPI document, answered from the same search snapshot as /v1 (docs/hsds.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Path, Query, Request, Response

from api import presenters, responses, schemas
from api.deps import GeoDep, LangDep, NowDep, SnapshotDep
from api.errors import NotFound, ParameterError
from api.places import place_error, response_lang
from api.routes.root import api_info
from directory import taxonomy
from directory.hsds import objects, reading
from directory.places import AmbiguousPlace, UnknownPlace
from directory.search import MAX_PER_PAGE, PageOutOfRange, SearchQuery
from directory.vocab import Lang

router = APIRouter(prefix="/hsds", tags=["hsds"])

_SCHEMA = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"

Search = Annotated[str | None, Query(max_length=200, description="Full text search.")]
PageNumber = Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1.")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Results per page.")]
Format = Annotated[
    Literal["json", "ndjson"],
    Query(description="`ndjson`: every result, one JSON object a line, without pages."),
]
TermId = Annotated[
    str | None,
    Query(max_length=100, description="Services with this term of /hsds/taxonomy_terms."),
]
TaxonomyId = Annotated[
    str | None, Query(max_length=100, description="Services with any term of this taxonomy.")
]
OrganizationId = Annotated[
    str | None, Query(max_length=100, description="Services this organization provides.")
]
ModifiedAfter = Annotated[
    str | None,
    Query(
        pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$",
        description="Changed on or after this moment: an ISO 8601 date or date and time "
        "(without a zone, UTC).",
        examples=["2026-12-01T00:00:00Z"],
    ),
]
Postcode = Annotated[
    str | None,
    Query(pattern=r"^\d{4}$", description="Services whose service area covers this postcode."),
]
Full = Annotated[bool, Query(description="Fully nested objects instead of their own fields.")]
FullService = Annotated[bool, Query(description="The organization's services fully nested.")]
Id = Annotated[str, Path(max_length=100, description="The object's HSDS id (a UUID).")]


def _described(schema: str, one: bool = False) -> dict[int | str, dict[str, Any]]:
    """The statuses of an HSDS path; 200 names the official schema of its objects."""
    notes = {404: "No object with this id"} if one else {}
    found = schemas.problems(422, 429, notes=notes)
    what = "The object" if one else "Each item of `contents`"
    found[200] = {"description": f"{what} validates against HSDS 3.0 `{_SCHEMA}{schema}`."}
    if not one:  # format=ndjson: one item a line
        found[200]["content"] = {"application/x-ndjson": {}}
    return found


@router.get("/", response_model=schemas.Root, summary="This API and its HSDS version")
async def hsds_root(request: Request) -> schemas.Root:
    return api_info(request)


async def _listing(
    snapshot: SnapshotDep,
    geo: GeoDep,
    requested: LangDep,
    search: Search = None,
    postcode: Postcode = None,
    taxonomy_term_id: TermId = None,
    taxonomy_id: TaxonomyId = None,
    organization_id: OrganizationId = None,
    modified_after: ModifiedAfter = None,
    page: PageNumber = 1,
    per_page: PerPage = 20,
) -> reading.Listing:
    """The list parameters /services and /service_at_locations share, read as the search's
    query with the filters only HSDS has."""
    nis_codes: tuple[str, ...] = ()
    if postcode is not None:
        try:
            nis_codes = geo.resolver.municipalities_for(postcode)
        except (UnknownPlace, AmbiguousPlace) as error:
            raise place_error("postcode", error) from error
    after = _moment(modified_after) if modified_after is not None else None
    query = SearchQuery(
        text=search,
        municipalities=nis_codes,
        lang=response_lang(requested, nis_codes, geo),
        page=page,
        per_page=per_page,
    )
    try:
        return reading.Listing(
            reading.with_term(query, taxonomy_term_id, taxonomy_id),
            reading.organization_slug(snapshot, organization_id),
            after,
        )
    except reading.UnknownId as error:
        raise ParameterError(error.field, str(error)) from error


ListingDep = Annotated[reading.Listing, Depends(_listing)]


def _moment(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise ParameterError("modified_after", f"not a date: {error}") from error
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _page(found: reading.Page, contents: list[Any]) -> Response:
    envelope = presenters.page(
        found.total_items, found.page_number, found.total_pages, len(contents)
    )
    return responses.json({**envelope, "contents": contents})


def _lines(items: Iterable[Any]) -> Response:
    body = b"".join(orjson.dumps(item) + b"\n" for item in items)
    return Response(body, media_type="application/x-ndjson")


def _out_of_range(error: PageOutOfRange) -> ParameterError:
    return ParameterError("page", f"{error}; use 1 to {error.total_pages}")


@router.get(
    "/services",
    response_model=schemas.HsdsPage,
    summary="Services: one-to-one fields, or fully nested with `full`",
    responses=_described("compiled/service_list.json"),
)
async def hsds_services(
    snapshot: SnapshotDep,
    geo: GeoDep,
    now: NowDep,
    listing: ListingDep,
    format: Format = "json",
    minimal: Annotated[
        bool, Query(description="Only each service's id, name, status and last change.")
    ] = False,
    full: Full = False,
) -> Response:
    lang = listing.query.lang

    def item(card: Any) -> dict[str, Any]:
        if minimal:
            return objects.minimal_item(card, lang)
        if full:
            return objects.service(card, lang, geo.names, snapshot.places_of, now)
        return objects.service_item(card, lang)

    if format == "ndjson":
        return _lines(item(c) for c in reading.every_service(snapshot, listing, now))
    try:
        found = reading.services(snapshot, listing, now)
    except PageOutOfRange as error:
        raise _out_of_range(error) from error
    return _page(found, [item(c) for c in found.contents])


@router.get(
    "/services/{id}",
    summary="One service, fully nested",
    response_model=dict[str, Any],
    responses=_described("compiled/service.json", one=True),
)
async def hsds_service(
    snapshot: SnapshotDep, geo: GeoDep, now: NowDep, requested: LangDep, id: Id
) -> Response:
    card = reading.service(snapshot, id)
    lang = requested or Lang.FR
    return responses.json(objects.service(card, lang, geo.names, snapshot.places_of, now))


@router.get(
    "/service_at_locations",
    response_model=schemas.HsdsPage,
    summary="Each service at each of its locations",
    responses=_described("compiled/service_at_location_list.json"),
)
async def hsds_service_at_locations(
    snapshot: SnapshotDep,
    geo: GeoDep,
    now: NowDep,
    listing: ListingDep,
    format: Format = "json",
    full: Full = False,
    proximity: Annotated[
        str | None,
        Query(description="Not offered: the directory keeps no postcode centroids (422)."),
    ] = None,
) -> Response:
    if proximity is not None:
        raise ParameterError("proximity", "not supported: search by postcode coverage instead")
    lang, places = listing.query.lang, snapshot.places_of

    def item(pair: Any) -> dict[str, Any]:
        card, loc = pair
        body = objects.service_at_location(card, loc, lang, geo.names, places)
        if full:
            body["service"] = objects.service(card, lang, geo.names, places, now)
        return body

    try:
        found = reading.at_locations(snapshot, listing, now, every=format == "ndjson")
    except PageOutOfRange as error:
        raise _out_of_range(error) from error
    if format == "ndjson":
        return _lines(item(pair) for pair in found.contents)
    return _page(found, [item(pair) for pair in found.contents])


@router.get(
    "/service_at_locations/{id}",
    summary="One service at one location, fully nested",
    response_model=dict[str, Any],
    responses=_described("service_at_location.json", one=True),
)
async def hsds_service_at_location(
    snapshot: SnapshotDep, geo: GeoDep, now: NowDep, requested: LangDep, id: Id
) -> Response:
    card, loc = reading.at_location(snapshot, id)
    lang, places = requested or Lang.FR, snapshot.places_of
    body = objects.service_at_location(card, loc, lang, geo.names, places)
    body["service"] = objects.service(card, lang, geo.names, places, now)
    return responses.json(body)


@router.get(
    "/organizations",
    response_model=schemas.HsdsPage,
    summary="The organizations providing the directory's services",
    responses=_described("compiled/organization_list.json"),
)
async def hsds_organizations(
    snapshot: SnapshotDep,
    geo: GeoDep,
    now: NowDep,
    requested: LangDep,
    search: Search = None,
    full_service: FullService = False,
    full: Full = False,
    page: PageNumber = 1,
    per_page: PerPage = 20,
    format: Format = "json",
) -> Response:
    lang = requested or Lang.FR
    try:
        found = reading.organizations(
            snapshot, search, lang, page, per_page if format == "json" else max(1, len(snapshot))
        )
    except PageOutOfRange as error:
        raise _out_of_range(error) from error

    def item(org: Any) -> dict[str, Any]:
        if not (full or full_service):
            return objects.organization_item(org, lang)
        _, cards = reading.organization(snapshot, objects.organization_id(org.id))
        return objects.organization(
            org, cards, lang, full_service, geo.names, snapshot.places_of, now
        )

    if format == "ndjson":
        return _lines(item(org) for org in found.contents)
    return _page(found, [item(org) for org in found.contents])


@router.get(
    "/organizations/{id}",
    summary="One organization with its services",
    response_model=dict[str, Any],
    responses=_described("organization.json", one=True),
)
async def hsds_organization(
    snapshot: SnapshotDep,
    geo: GeoDep,
    now: NowDep,
    requested: LangDep,
    id: Id,
    full_service: FullService = False,
) -> Response:
    org, cards = reading.organization(snapshot, id)
    lang = requested or Lang.FR
    return responses.json(
        objects.organization(org, cards, lang, full_service, geo.names, snapshot.places_of, now)
    )


def _listed(items: list[dict[str, Any]], page: int, per_page: int, format: str) -> Response:
    if format == "ndjson":
        return _lines(items)
    try:
        contents, total_pages = reading.paged(items, page, per_page)
    except PageOutOfRange as error:
        raise _out_of_range(error) from error
    return _page(reading.Page(len(items), page, total_pages, contents), contents)


@router.get(
    "/taxonomies",
    response_model=schemas.HsdsPage,
    summary="The search vocabulary as a taxonomy",
    responses=_described("taxonomy.json"),
)
async def hsds_taxonomies(
    requested: LangDep,
    search: Search = None,
    page: PageNumber = 1,
    per_page: PerPage = 20,
    format: Format = "json",
) -> Response:
    items = taxonomy.matching([taxonomy.taxonomy(requested or Lang.FR)], search)
    return _listed(items, page, per_page, format)


@router.get(
    "/taxonomies/{id}",
    summary="One taxonomy",
    response_model=dict[str, Any],
    responses=_described("taxonomy.json", one=True),
)
async def hsds_taxonomy(requested: LangDep, id: Id) -> Response:
    found = taxonomy.taxonomy(requested or Lang.FR)
    if found["id"] != id:
        raise NotFound(f"id: no taxonomy {id!r}")
    return responses.json(found)


@router.get(
    "/taxonomy_terms",
    response_model=schemas.HsdsPage,
    summary="Its terms: the groups and, under them, each concept with its words",
    responses=_described("taxonomy_term.json"),
)
async def hsds_taxonomy_terms(
    requested: LangDep,
    search: Search = None,
    page: PageNumber = 1,
    per_page: PerPage = 100,
    format: Format = "json",
    taxonomy_id: TaxonomyId = None,
    top_only: Annotated[bool, Query(description="Only the terms without a parent.")] = False,
    parent_id: Annotated[
        str | None, Query(max_length=100, description="Only the children of this term.")
    ] = None,
) -> Response:
    items = taxonomy.terms_matching(
        requested or Lang.FR,
        search,
        taxonomy_id=taxonomy_id,
        parent_id=parent_id,
        top_only=top_only,
    )
    return _listed(items, page, per_page, format)


@router.get(
    "/taxonomy_terms/{id}",
    summary="One taxonomy term",
    response_model=dict[str, Any],
    responses=_described("taxonomy_term.json", one=True),
)
async def hsds_taxonomy_term(requested: LangDep, id: Id) -> Response:
    found = next((t for t in taxonomy.terms(requested or Lang.FR) if t["id"] == id), None)
    if found is None:
        raise NotFound(f"id: no taxonomy term {id!r}")
    return responses.json(found)
