"""Public search API: GET /v1/services and GET /v1/services/{id}."""

from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import APIRouter, Path, Query, Request, Response

from api import presenters, responses, schemas
from api.deps import (
    GeoDep,
    LangDep,
    NowDep,
    SnapshotDep,
    get_geo,
    get_hit_bodies,
    get_now,
    get_snapshot,
    preferred_lang,
    public_base,
)
from api.errors import NotFound, ParameterError
from api.places import municipalities_of, response_lang
from api.query_route import ModelQueryRoute
from api.search_cache import answer_is_about
from api.search_params import ServiceSearchParams
from api.service_files import qr_svg, record_url, vcard
from directory.cards import ServiceCard
from directory.records import StorableText
from directory.search import PageOutOfRange, SearchHit, SearchQuery
from directory.search_alternatives import alternatives
from directory.snapshot import SearchSnapshot
from directory.vocab import Lang, RegionCode

router = APIRouter(prefix="/v1", tags=["services"])


async def list_services(
    request: Request, params: Annotated[ServiceSearchParams, Query()]
) -> Response:
    snapshot = await get_snapshot(request)
    geo = await get_geo(request)
    bodies = await get_hit_bodies(request)
    now = await get_now(request)
    nis_codes: tuple[str, ...] = ()
    for parameter, value in (("municipality", params.municipality), ("postcode", params.postcode)):
        if value is None:
            continue
        found = municipalities_of(value, geo, parameter)
        nis_codes = tuple(sorted(set(found) & set(nis_codes))) if nis_codes else found
        if not nis_codes:
            raise ParameterError(parameter, "municipality and postcode name different places")
    answer_is_about(request, nis_codes)
    requested = params.lang or preferred_lang(request.headers.get("accept-language"))
    lang = response_lang(requested, nis_codes, geo)
    query = SearchQuery(
        text=params.q,
        municipalities=nis_codes,
        audiences=params.audience,
        violence_types=params.violence_type,
        kinds=params.kind,
        languages=params.language,
        channels=params.channel,
        urgent=params.urgent,
        open_now=params.open_now,
        lang=lang,
        page=params.page,
        per_page=params.per_page,
    )
    try:
        result = snapshot.search(query, now)
    except PageOutOfRange as error:
        raise ParameterError("page", f"{error}; use 1 to {error.total_pages}") from error
    opening = snapshot.opening(now)

    def hit(found: SearchHit) -> orjson.Fragment:
        card = snapshot.card(found.service_id)
        return bodies.hit(card, lang, opening(card.id), geo.names, found.specificity)

    places = [presenters.place(nis, geo.names, geo.region_of, lang) for nis in nis_codes]
    offered = []
    if not result.hits:
        regions = sorted(
            {RegionCode(geo.region_of[nis]) for nis in nis_codes if nis in geo.region_of}
        )
        offered = alternatives(query, lambda q: snapshot.search(q, now), regions)
    return responses.json(presenters.search_answer(result, places, offered, hit, lang))


# The query is one model validated in one step (api/query_route.py): the search's hot path.
router.add_api_route(
    "/services",
    list_services,
    methods=["GET"],
    route_class_override=ModelQueryRoute,
    response_model=schemas.ServicePage,
    summary="Search the directory",
    responses=schemas.problems(
        429,
        notes={422: "A parameter the API cannot use, an unknown place or a page out of range"},
    ),
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
