"""GET /: what this API is, in HSDS terms."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api import schemas

router = APIRouter(tags=["meta"])

HSDS_VERSION = "3.0"


@router.get("/", response_model=schemas.Root, summary="API information (HSDS)")
async def root(request: Request) -> schemas.Root:
    configured = request.app.state.settings.public_url
    base = (configured or str(request.base_url)).rstrip("/")
    return schemas.Root(
        version=HSDS_VERSION,
        profile=f"{base}/profile",
        openapi_url=f"{base}{request.app.openapi_url}",
    )


@router.get("/profile", summary="The Passerelle HSDS profile", response_model=dict[str, object])
async def profile() -> dict[str, object]:
    """How Passerelle extends HSDS 3.0 for Belgium."""
    return {
        "name": "Passerelle Belgian profile of HSDS 3.0",
        "hsds_version": HSDS_VERSION,
        "extensions": {
            "multilingual_text": "name, description and hours notes exist per language (fr, nl, "
            "optional de, en); responses carry one language, chosen by `lang` or Accept-Language, "
            "with `text_language` saying which one was used after fallback.",
            "service_area": "scope (national, region, province, arrondissement, municipality, "
            "area) and code (region VLG/WAL/BRU, Statbel province/arrondissement code, NIS code).",
            "taxonomies": "audience, violence_type, channel and kind, as coded lists with labels; "
            "the search's vocabulary as HSDS taxonomy terms (GET /v1/taxonomies, "
            "/v1/taxonomy_terms), each with `alternate_names`: its words per language. In the "
            "HSDS export, coded attributes carry their term.",
            "verification": "verification.status (unverified, verified), verified_at, sources.",
            "schedule": "weekly rules in Europe/Brussels; attending_type names the channel.",
        },
    }
