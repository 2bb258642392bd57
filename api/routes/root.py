"""GET /: what this API is, in HSDS terms."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api import schemas
from api.deps import public_base

router = APIRouter(tags=["meta"])

HSDS_VERSION = "3.0"


def api_info(request: Request) -> schemas.Root:
    """What GET / and GET /hsds/ answer: the HSDS version, the profile, the OpenAPI document."""
    base = public_base(request)
    return schemas.Root(
        version=HSDS_VERSION,
        profile=f"{base}/profile",
        openapi_url=f"{base}{request.app.openapi_url}",
    )


@router.get("/", response_model=schemas.Root, summary="API information (HSDS)")
async def root(request: Request) -> schemas.Root:
    return api_info(request)


@router.get("/profile", summary="The Passerelle HSDS profile", response_model=dict[str, object])
async def profile() -> dict[str, object]:
    """How Passerelle extends HSDS 3.0 for Belgium."""
    return {
        "name": "Passerelle Belgian profile of HSDS 3.0",
        "hsds_version": HSDS_VERSION,
        "api": "/hsds/ serves the HSDS 3.0 API (services, service_at_locations, organizations, "
        "taxonomies, taxonomy_terms) with the parameters and paging of its OpenAPI document; "
        "/v1 is Passerelle's own, richer API.",
        "attributes": "What HSDS has no field for travels as attributes whose link_type starts "
        "with 'passerelle:': id, kind, audiences, violence_types, channels, urgent, anonymous, "
        "free, the texts in the other languages (name_nl, description_de…), source_urls, "
        "checked_on, source_date, verification_status, verified_at; on service areas "
        "area_scope and area_code; on locations municipality_nis and confidential; on "
        "schedules timezone.",
        "confidential_locations": "a confidential location keeps its name and type; its "
        "address, municipality and coordinates never appear.",
        "extensions": {
            "multilingual_text": "name, description and hours notes exist per language (fr, nl, "
            "optional de, en); responses carry one language, chosen by `lang` or Accept-Language, "
            "with `text_language` saying which one was used after fallback.",
            "service_area": "scope (national, region, province, arrondissement, judicial "
            "district, police zone, municipality, area) and code (region VLG/WAL/BRU, Statbel "
            "province/arrondissement code, NIS code, judicial district, police zone number).",
            "taxonomies": "audience, violence_type, channel and kind, as coded lists with labels; "
            "the search's vocabulary as HSDS taxonomy terms (GET /v1/taxonomies, "
            "/v1/taxonomy_terms), each with `alternate_names`: its words per language. In the "
            "HSDS export, coded attributes carry their term.",
            "verification": "verification.status (unverified, verified), verified_at, sources.",
            "schedule": "weekly rules in Europe/Brussels; attending_type names the channel; in "
            "/hsds/ `timezone` is the UTC offset in force at the answer's moment.",
        },
    }
