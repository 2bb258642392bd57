"""Public search API: GET /v1/services and GET /v1/services/{id}."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from api import presenters, responses, schemas
from api.deps import GeoDep, HitBodiesDep, LangDep, NowDep, SnapshotDep, public_base
from api.errors import NotFound, ParameterError
from api.places import place_error, response_lang
from api.service_files import qr_svg, record_url, vcard
from directory.cards import ServiceCard
from directory.places import AmbiguousPlace, UnknownPlace
from directory.records import StorableText
from directory.search import MAX_PER_PAGE, PageOutOfRange, SearchQuery
from directory.search_alternatives import alternatives
from directory.snapshot import SearchSnapshot
from directory.vocab import (
    Audience,
    Channel,
    Kind,
    Lang,
    RegionCode,
    SpokenLanguage,
    ViolenceType,
)

router = APIRouter(prefix="/v1", tags=["services"])


@router.get(
    "/services",
    response_model=schemas.ServicePage,
    summary="Search the directory",
    responses=schemas.problems(
        429,
        notes={422: "A parameter the API cannot use, an unknown place or a page out of range"},
    ),
)
async def list_services(
    snapshot: SnapshotDep,
    bodies: HitBodiesDep,
    geo: GeoDep,
    now: NowDep,
    requested: LangDep,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Free text in French or Dutch; accents optional."),
    ] = None,
    municipality: Annotated[
        str | None,
        Query(
            max_length=100,
            description="NIS code, name in any language, or postal code.",
            examples=["Liège"],
        ),
    ] = None,
    postcode: Annotated[
        str | None, Query(pattern=r"^\d{4}$", description="Belgian postal code.")
    ] = None,
    audience: Annotated[list[Audience], Query(description="Any of these audiences.")] = [],  # noqa: B006
    violence_type: Annotated[
        list[ViolenceType], Query(description="Any of these; services for any violence match too.")
    ] = [],  # noqa: B006
    kind: Annotated[list[Kind], Query()] = [],  # noqa: B006
    language: Annotated[
        list[SpokenLanguage], Query(description="Spoken at the service, any of these.")
    ] = [],  # noqa: B006
    channel: Annotated[list[Channel], Query()] = [],  # noqa: B006
    urgent: Annotated[
        bool | None, Query(description="Takes acute situations round the clock.")
    ] = None,
    open_now: Annotated[bool, Query(description="Open now by the structured schedule.")] = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 20,
) -> Response:
    nis_codes: tuple[str, ...] = ()
    for parameter, value in (("municipality", municipality), ("postcode", postcode)):
        if value is None:
            continue
        try:
            found = geo.resolver.municipalities_for(value)
        except (UnknownPlace, AmbiguousPlace) as error:
            raise place_error(parameter, error) from error
        nis_codes = tuple(sorted(set(found) & set(nis_codes))) if nis_codes else found
        if not nis_codes:
            raise ParameterError(parameter, "municipality and postcode name different places")
    lang = response_lang(requested, nis_codes, geo)
    query = SearchQuery(
        text=q,
        municipalities=nis_codes,
        audiences=tuple(audience),
        violence_types=tuple(violence_type),
        kinds=tuple(kind),
        languages=tuple(language),
        channels=tuple(channel),
        urgent=urgent,
        open_now=open_now,
        lang=lang,
        page=page,
        per_page=per_page,
    )
    try:
        result = snapshot.search(query, now)
    except PageOutOfRange as error:
        raise ParameterError("page", f"{error}; use 1 to {error.total_pages}") from error
    places = [presenters.place(nis, geo.names, geo.region_of, lang) for nis in nis_codes]
    offered = []
    if not result.hits:
        regions = sorted(
            {RegionCode(geo.region_of[nis]) for nis in nis_codes if nis in geo.region_of}
        )
        offered = alternatives(query, lambda q: snapshot.search(q, now), regions)
    place_name = ", ".join(p["name"] for p in places) or None
    return responses.json(
        {
            **presenters.page(
                result.total_items, result.page_number, result.total_pages, len(result.hits)
            ),
            "contents": [
                bodies.hit(snapshot.card(hit.service_id), lang, now, geo.names, hit.specificity)
                for hit in result.hits
            ],
            "places": places,
            "alternatives": [
                {
                    "reason": alt.reason.value,
                    "label": presenters.alternative_label(alt, lang, place_name),
                    "text": alt.text,
                    "dropped": alt.dropped,
                    "kinds": [kind.value for kind in alt.kinds],
                    "total_items": alt.page.total_items,
                    "contents": [
                        bodies.hit(snapshot.card(h.service_id), lang, now, geo.names, h.specificity)
                        for h in alt.page.hits
                    ],
                }
                for alt in offered
            ],
        }
    )


ServiceId = Annotated[StorableText, Path(max_length=100, examples=["cvfe-liege"])]


def _card(snapshot: SearchSnapshot, service_id: str) -> ServiceCard:
    card = snapshot.find(service_id)
    if card is None:
        raise NotFound(f"service_id: no service {service_id!r}")
    return card


@router.get(
    "/services/{service_id}.vcf",
    summary="One service as a vCard for an address book",
    response_class=Response,
    responses={
        **schemas.problems(422, 429, notes={404: "No service with this id"}),
        200: {"description": "vCard 3.0", "content": {"text/vcard": {}}},
    },
)
async def service_vcard(
    request: Request, snapshot: SnapshotDep, requested: LangDep, service_id: ServiceId
) -> Response:
    card = _card(snapshot, service_id)
    url = record_url(public_base(request), card.id)
    return Response(
        vcard(card, requested or Lang.FR, url),
        media_type="text/vcard; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{card.id}.vcf"'},
    )


@router.get(
    "/services/{service_id}/qr.svg",
    summary="A QR code that leads to the service's up-to-date record",
    response_class=Response,
    responses={
        **schemas.problems(422, 429, notes={404: "No service with this id"}),
        200: {"description": "SVG image", "content": {"image/svg+xml": {}}},
    },
)
async def service_qr(request: Request, snapshot: SnapshotDep, service_id: ServiceId) -> Response:
    card = _card(snapshot, service_id)
    url = record_url(public_base(request), card.id)
    response = Response(qr_svg(url, url), media_type="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@router.get(
    "/services/{service_id}",
    response_model=schemas.ServiceDetail,
    summary="One service with its sources and verification status",
    responses=schemas.problems(422, 429, notes={404: "No service with this id"}),
)
async def read_service(
    snapshot: SnapshotDep,
    geo: GeoDep,
    now: NowDep,
    requested: LangDep,
    service_id: ServiceId,
) -> Response:
    card = _card(snapshot, service_id)
    return responses.json(presenters.service_detail(card, requested or Lang.FR, now, geo.names))
