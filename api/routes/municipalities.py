"""Places: the resolver (GET /v1/municipalities?q=) and one municipality with its services."""

from __future__ import annotations

from typing import Annotated

import orjson
from fastapi import APIRouter, Path, Query, Response

from api import responses, schemas
from api.deps import GeoDep, HitBodiesDep, LangDep, NowDep, SessionDep, SnapshotDep
from api.errors import NotFound
from directory import labels
from directory.models import (
    Arrondissement,
    JudicialDistrict,
    Municipality,
    PoliceZone,
    Province,
    Region,
    localized,
)
from directory.vocab import Kind, Lang, Scope

router = APIRouter(prefix="/v1", tags=["places"])


@router.get(
    "/municipalities",
    response_model=schemas.ResolutionOut,
    summary="Resolve free text to municipalities, with candidates and scores",
    responses=schemas.problems(422, 429),
)
async def resolve_place(
    geo: GeoDep,
    requested: LangDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=100,
            description="Name, postal code or NIS code.",
            examples=["Luik"],
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
    complete: Annotated[
        bool,
        Query(
            description="Type-ahead: the text may end with an unfinished word or postal code; "
            "the places it begins are suggested too (match `completion`: 'Jupil' → Liège)."
        ),
    ] = False,
) -> schemas.ResolutionOut:
    lang = requested or Lang.FR
    resolver = geo.resolver
    resolution = resolver.complete(q, limit=limit) if complete else resolver.resolve(q, limit=limit)
    return schemas.ResolutionOut(
        query=resolution.query,
        status=resolution.status.value,
        postal_code=resolution.postal_code,
        candidates=[
            schemas.CandidateOut(
                nis_code=c.nis_code,
                name=geo.names[(Scope.MUNICIPALITY.value, c.nis_code)][lang],
                name_fr=c.name_fr,
                name_nl=c.name_nl,
                region=geo.region_of[c.nis_code],
                score=c.score,
                match=c.match.value,
                matched=c.matched,
            )
            for c in resolution.candidates
        ],
    )


@router.get(
    "/municipalities/{nis_code}",
    response_model=schemas.MunicipalityOut,
    summary="A municipality with the services that cover it, grouped by kind",
    responses=schemas.problems(422, 429, notes={404: "No municipality with this NIS code"}),
)
async def read_municipality(
    session: SessionDep,
    snapshot: SnapshotDep,
    bodies: HitBodiesDep,
    geo: GeoDep,
    now: NowDep,
    requested: LangDep,
    nis_code: Annotated[
        str, Path(pattern=r"^\d{5}$", description="5-digit NIS code.", examples=["62063"])
    ],
) -> Response:
    municipality = session.get(Municipality, nis_code)
    if municipality is None:
        raise NotFound(f"nis_code: no municipality {nis_code!r} (565 NIS codes since 2025)")
    lang = requested or municipality.languages[0]
    if lang is Lang.DE and not municipality.name_de:
        lang = Lang.FR
    by_kind: dict[str, list[orjson.Fragment]] = {}
    opening = snapshot.opening(now)
    for hit in snapshot.covering(nis_code):
        card = snapshot.card(hit.service_id)
        body = bodies.hit(card, lang, opening(card.id), geo.names, hit.specificity)
        by_kind.setdefault(card.kind, []).append(body)
    order = list(Kind)
    groups = [
        {"kind": {"code": kind, "label": labels.label(labels.KIND, kind, lang)}, "services": bodies}
        for kind, bodies in sorted(by_kind.items(), key=lambda item: order.index(Kind(item[0])))
    ]

    def named(
        row: Region | Province | Arrondissement | JudicialDistrict | PoliceZone | None,
    ) -> dict[str, str] | None:
        if row is None:
            return None
        return {"code": row.code, "name": localized(row, "name", lang) or row.name_fr}

    return responses.json(
        {
            "nis_code": municipality.nis_code,
            "name": localized(municipality, "name", lang) or municipality.name_fr,
            "name_fr": municipality.name_fr,
            "name_nl": municipality.name_nl,
            "name_de": municipality.name_de,
            "region": named(municipality.region),
            "province": named(municipality.province),
            "arrondissement": named(municipality.arrondissement),
            "judicial_district": named(municipality.judicial_district),
            "police_zone": named(municipality.police_zone),
            "languages": [language.value for language in municipality.languages],
            "language_regime": municipality.language_regime,
            "facility_municipality": municipality.facility_municipality,
            "postal_codes": [
                {
                    "postal_code": p.postal_code,
                    "locality": localized(p, "locality", lang) or p.locality_fr,
                }
                for p in municipality.postal_codes
            ],
            "services_by_kind": groups,
        }
    )
