"""The public search's query parameters as one model, validated in one step.

Declared one by one, FastAPI validated each of the fourteen parameters on its own and that cost
more than the search itself (bench/README.md, issue 17). As one pydantic model the query is
checked by pydantic's core in one call; FastAPI still lists every field as its own query
parameter in the OpenAPI document, and a refusal still names the parameter
(`loc: ["query", "page"]`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from directory.search import MAX_PER_PAGE
from directory.vocab import Audience, Channel, Kind, Lang, SpokenLanguage, ViolenceType


class ServiceSearchParams(BaseModel):
    """What GET /v1/services takes; the order is the OpenAPI document's. Repeated parameters
    are tuples: an immutable default is not copied at every request, as a list's is."""

    # Unknown parameters are ignored, as they were when each was declared on its own.
    model_config = ConfigDict(extra="ignore", frozen=True)

    q: Annotated[
        str | None,
        Field(max_length=200, description="Free text in French or Dutch; accents optional."),
    ] = None
    municipality: Annotated[
        str | None,
        Field(
            max_length=100,
            description="NIS code, name in any language, or postal code.",
            examples=["Liège"],
        ),
    ] = None
    postcode: Annotated[
        str | None, Field(pattern=r"^\d{4}$", description="Belgian postal code.")
    ] = None
    audience: Annotated[tuple[Audience, ...], Field(description="Any of these audiences.")] = ()
    violence_type: Annotated[
        tuple[ViolenceType, ...],
        Field(description="Any of these; services for any violence match too."),
    ] = ()
    kind: tuple[Kind, ...] = ()
    language: Annotated[
        tuple[SpokenLanguage, ...], Field(description="Spoken at the service, any of these.")
    ] = ()
    channel: tuple[Channel, ...] = ()
    urgent: Annotated[bool | None, Field(description="Takes acute situations round the clock.")] = (
        None
    )
    open_now: Annotated[bool, Field(description="Open now by the structured schedule.")] = False
    page: Annotated[int, Field(ge=1, le=100_000)] = 1
    per_page: Annotated[int, Field(ge=1, le=MAX_PER_PAGE)] = 20
    lang: Annotated[
        Lang | None,
        Field(description="Language of the response text; else Accept-Language, else French."),
    ] = None
