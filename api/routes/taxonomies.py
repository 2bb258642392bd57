"""The search vocabulary as HSDS 3.0 taxonomies: GET /v1/taxonomies and /v1/taxonomy_terms."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from api import presenters, responses, schemas
from api.deps import LangDep
from api.errors import ParameterError
from directory import taxonomy
from directory.search import MAX_PER_PAGE
from directory.vocab import Lang

router = APIRouter(prefix="/v1", tags=["taxonomies"])

Page = Annotated[int, Query(ge=1, le=100_000)]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE)]


def _page(items: list[dict[str, Any]], page: int, per_page: int) -> Response:
    """The HSDS OpenAPI document's `Page` envelope around one page of `items`."""
    total_pages = max(1, math.ceil(len(items) / per_page))
    if page > total_pages:
        raise ParameterError("page", f"page {page} is out of range; use 1 to {total_pages}")
    contents = items[(page - 1) * per_page : page * per_page]
    envelope = presenters.page(len(items), page, total_pages, len(contents))
    return responses.json({**envelope, "contents": contents})


@router.get(
    "/taxonomies",
    response_model=schemas.TaxonomyPage,
    summary="The vocabulary the search understands, as HSDS taxonomies",
    responses=schemas.problems(422, 429),
)
async def list_taxonomies(requested: LangDep, page: Page = 1, per_page: PerPage = 20) -> Response:
    return _page([taxonomy.taxonomy(requested or Lang.FR)], page, per_page)


@router.get(
    "/taxonomy_terms",
    response_model=schemas.TaxonomyTermPage,
    summary="Its terms: the groups and, under them, each concept with its words",
    responses=schemas.problems(422, 429),
)
async def list_taxonomy_terms(
    requested: LangDep,
    taxonomy_id: Annotated[str | None, Query(description="Only this taxonomy's terms.")] = None,
    parent_id: Annotated[str | None, Query(description="Only the children of this term.")] = None,
    top_only: Annotated[bool, Query(description="Only the terms without a parent.")] = False,
    page: Page = 1,
    per_page: PerPage = 100,
) -> Response:
    items = taxonomy.terms_matching(
        requested or Lang.FR, taxonomy_id=taxonomy_id, parent_id=parent_id, top_only=top_only
    )
    return _page(items, page, per_page)
