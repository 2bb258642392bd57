"""Response shapes. Field names follow HSDS 3.0 where HSDS has the concept."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from directory.records import ServiceRecord


class Root(BaseModel):
    version: str = Field(description="HSDS version of this API.")
    profile: str = Field(description="URL of the information on this API's HSDS profile.")
    openapi_url: str = Field(description="URL of the OpenAPI document of this API.")


class Coded(BaseModel):
    code: str
    label: str


class PhoneOut(BaseModel):
    number: str = Field(description="E.164, or a Belgian short number such as 1712.")
    display: str = Field(description="The number written the Belgian way.")
    uri: str = Field(description="tel: link for tap-to-call.")
    type: str
    description: str | None = Field(description="The label as the source printed it.")


class ScheduleOut(BaseModel):
    attending_type: str | None = Field(description="Channel the rule is for; null for all.")
    freq: str
    byday: str
    opens_at: str
    closes_at: str
    timezone: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class ServiceAreaOut(BaseModel):
    scope: str
    code: str | None
    name: str = Field(description="The area's name in the response language.")
    raw: str = Field(description="The coverage as the source stated it.")


class LocationOut(BaseModel):
    id: str
    location_type: str
    name: str | None
    address_1: str | None
    postal_code: str | None
    city: str | None
    municipality_nis: str | None
    confidential: bool = Field(description="The address is withheld (e.g. a shelter).")


class Verification(BaseModel):
    status: str
    label: str
    verified_at: dt.datetime | None = Field(
        description="When an editor confirmed the record with the service (the strongest status)."
    )
    checked_on: dt.date | None = Field(
        description="When the cited sources were read and the values found on them."
    )
    source_date: str | None = Field(
        description="The sources' own date as they show it (YYYY, YYYY-MM or YYYY-MM-DD)."
    )
    text: str = Field(description="One honest line for the card, in the response's language.")


class TextField(BaseModel):
    fr: str | None = None
    nl: str | None = None
    de: str | None = None
    en: str | None = None


class ServiceOut(BaseModel):
    id: str
    name: str
    description: str | None
    text_language: str = Field(description="Language of `name` (after fallback).")
    kind: Coded
    url: str | None
    email: str | None
    phones: list[PhoneOut]
    urgent: bool | None = Field(
        description="Takes acute situations round the clock; null: unknown."
    )
    anonymous: bool | None
    free: bool | None
    audiences: list[Coded]
    violence_types: list[Coded]
    channels: list[Coded]
    languages: list[str] = Field(description="Languages spoken at the service (ISO 639-1).")
    service_areas: list[ServiceAreaOut]
    locations: list[LocationOut]
    schedules: list[ScheduleOut]
    hours_notes: str | None = Field(description="Opening hours as the sources state them.")
    hours_notes_language: str | None
    open_now: bool | None = Field(description="From the structured schedule; null: unknown.")
    verification: Verification
    sources: list[str]


class ServiceHit(ServiceOut):
    specificity: int | None = Field(
        description="0 municipality or its police zone, 1 arrondissement or judicial district, "
        "2 province, 3 region, 4 national."
    )


class ServiceDetail(ServiceOut):
    translations: dict[str, TextField]


class PlaceOut(BaseModel):
    nis_code: str
    name: str
    region: str


class AlternativeOut(BaseModel):
    reason: str = Field(
        description="spelling, fewer_words, without_filters, same_kind or helpline."
    )
    label: str = Field(description="The part's heading, in the response language.")
    text: str | None = Field(description="The corrected or shortened search text.")
    dropped: str | None = Field(description="The word left out (fewer_words).")
    kinds: list[str] = Field(description="The kinds of service shown (same_kind).")
    total_items: int
    contents: list[ServiceHit] = Field(description="Its first services, at most five.")


class _Page(BaseModel):
    """The HSDS OpenAPI document's `Page` envelope; `contents` is added by each page."""

    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool


class ServicePage(_Page):
    contents: list[ServiceHit]
    places: list[PlaceOut] = Field(description="The municipalities the place filter resolved to.")
    alternatives: list[AlternativeOut] = Field(
        description="Only when nothing was found: what exists instead, each part labelled "
        "(a spelling, fewer words, no filters, the kinds of service the query names, the "
        "helpline covering the place). Empty when the search found something."
    )


class HsdsPage(_Page):
    contents: list[dict[str, Any]] = Field(
        description="HSDS 3.0 objects; the 200 response names their official schema."
    )


class CandidateOut(BaseModel):
    nis_code: str
    name: str
    name_fr: str
    name_nl: str
    region: str
    score: float
    match: str
    matched: str


class ResolutionOut(BaseModel):
    query: str
    status: str = Field(description="exact, fuzzy, ambiguous or not_found.")
    postal_code: str | None
    candidates: list[CandidateOut]


class Named(BaseModel):
    code: str
    name: str


class PostalLocality(BaseModel):
    postal_code: str
    locality: str


class KindGroup(BaseModel):
    kind: Coded
    services: list[ServiceHit]


class MunicipalityOut(BaseModel):
    nis_code: str
    name: str
    name_fr: str
    name_nl: str
    name_de: str | None
    region: Named
    province: Named | None
    arrondissement: Named
    judicial_district: Named | None = Field(
        description="Judicial arrondissement (the catchment of justice houses, CPVS/ZSG, legal aid)."
    )
    police_zone: Named | None = Field(
        description="Local police zone (code as police.be numbers it); null where no public "
        "list was found."
    )
    languages: list[str] = Field(description="Official languages, main one first.")
    language_regime: str
    facility_municipality: bool
    postal_codes: list[PostalLocality]
    services_by_kind: list[KindGroup]


# -- errors -----------------------------------------------------------------------------------------


class ProblemItem(BaseModel):
    model_config = ConfigDict(extra="allow")  # e.g. `accepted` values, place `candidates`

    loc: list[str | int] | None = Field(
        default=None,
        description="Where: the location (query, path, header, body) then the parameter's name; "
        "absent on authorization errors.",
    )
    msg: str
    type: str


class Problem(BaseModel):
    """An error the client can act on."""

    message: str = Field(description="What is wrong and how to fix it, naming the parameter.")
    detail: list[ProblemItem]


class NotFoundProblem(BaseModel):
    message: str
    detail: str


class StaleProblem(BaseModel):
    message: str = Field(description="Merge your change into `current` and send it again.")
    revision: int = Field(description="The service's current revision (also in the ETag).")
    current: ServiceRecord = Field(description="The current record.")


class Refusal(BaseModel):
    """A request refused before it was read: too large, or too many from this connection."""

    message: str
    retry_after: int | None = Field(default=None, description="Seconds to wait (429).")


class BodyError(BaseModel):
    """A body that is not JSON at all (e.g. not UTF-8)."""

    detail: str


_PROBLEMS: dict[int, tuple[type[BaseModel], str]] = {
    400: (BodyError, "The body could not be read as JSON"),
    401: (Problem, "No bearer token, or an unknown or expired one: log in again"),
    403: (Problem, "This account may not do this (an editor outside their areas)"),
    404: (NotFoundProblem, "Not found"),
    409: (Problem, "Conflicts with the current state"),
    412: (StaleProblem, "If-Match names an older revision; the body holds the current record"),
    413: (Refusal, "The request body is too large"),
    422: (Problem, "A parameter the API cannot use; `message` names it"),
    428: (Problem, "If-Match is required: send the ETag of the version you edited"),
    429: (Refusal, "Too many requests from this connection; Retry-After says when to go on"),
}
_HEADERS: dict[int, dict[str, str]] = {
    401: {"WWW-Authenticate": "Bearer"},
    412: {"ETag": "The current revision, to send as If-Match"},
    429: {"Retry-After": "Seconds to wait"},
}


def problems(*codes: int, notes: dict[int, str] | None = None) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for these error statuses: their bodies' schemas and headers, with
    the endpoint's own description of a status in `notes`."""
    found: dict[int | str, dict[str, Any]] = {}
    for code in sorted({*codes, *(notes or {})}):
        model, description = _PROBLEMS[code]
        entry: dict[str, Any] = {
            "model": model,
            "description": (notes or {}).get(code, description),
        }
        if code in _HEADERS:
            entry["headers"] = {
                name: {"description": text, "schema": {"type": "string"}}
                for name, text in _HEADERS[code].items()
            }
        found[code] = entry
    return found


# -- admin ------------------------------------------------------------------------------------------


class TokenOut(BaseModel):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'.")
    token_type: Literal["bearer"]
    expires_at: dt.datetime


class AreaOut(BaseModel):
    scope: str
    code: str


class AccountOut(BaseModel):
    email: str
    display_name: str | None
    role: str = Field(description="admin (everything) or editor (inside `areas` only).")
    areas: list[AreaOut]


class AdminServiceRow(BaseModel):
    id: str
    name_fr: str | None
    name_nl: str | None
    kind: str
    status: str
    revision: int
    verification_status: str
    verified_at: dt.datetime | None
    editable: bool = Field(description="This account may edit the service.")


class AdminServiceList(BaseModel):
    total_items: int
    contents: list[AdminServiceRow]


class RecordOut(BaseModel):
    revision: int = Field(description="Also in the ETag: send it back as If-Match to edit.")
    record: ServiceRecord


class ChangeOut(BaseModel):
    id: int
    action: str
    actor: str
    at: dt.datetime
    revision: int = Field(description="The service's revision after the change.")
    batch_id: str | None = Field(description="The import batch, if the change was one.")
    note: str | None
    changed_fields: list[str]
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class HistoryOut(BaseModel):
    service_id: str
    contents: list[ChangeOut] = Field(description="Newest first.")


class ImportProblemOut(BaseModel):
    row: int = Field(description="CSV: the spreadsheet row (header = 1); NDJSON: the line.")
    id: str | None
    field: str
    reason: str


class ImportReportOut(BaseModel):
    format: str
    rows: int
    valid: int
    problems: list[ImportProblemOut]
    created: list[str]
    updated: list[str]
    unchanged: list[str]
    applied: bool
    batch_id: str | None = Field(description="Undo with POST /v1/admin/import/{batch_id}/revert.")


class RevertedImportOut(BaseModel):
    batch_id: str = Field(description="The new batch that undid the import.")
    reverted: list[str] = Field(description="The services changed back.")


class SuggestionCreated(BaseModel):
    id: int


class SuggestionOut(BaseModel):
    id: int
    service_id: str | None
    message: str
    contact_email: str | None
    status: str = Field(description="open, accepted or rejected.")
    created_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str | None


class SuggestionList(BaseModel):
    total_items: int
    contents: list[SuggestionOut]


# -- coverage report ------------------------------------------------------------------------------


class CoverageContact(BaseModel):
    service_id: str
    name: str
    kind: str
    scope: str = Field(description="The most local of its areas that holds the municipality.")
    phone: bool
    assurance: str = Field(description="confirmed (with the service), sourced, or unchecked.")
    last_checked: dt.date | None
    stale: bool = Field(description="Never checked, or last checked more than 12 months ago.")


class CoverageRow(BaseModel):
    nis_code: str
    municipality_fr: str
    municipality_nl: str
    region: str
    police_zone: str
    judicial_district: str
    contacts: int
    contacts_with_phone: int
    confirmed: int
    sources_checked: int
    stale: int
    missing_kinds: list[str] = Field(description="Expected local kinds with no contact at all.")
    to_fill: list[str] = Field(
        description="Expected kinds without a callable, up-to-date contact: fill these first."
    )
    contact_list: list[CoverageContact]


class CoverageOut(BaseModel):
    total_items: int
    contents: list[CoverageRow]


class TaxonomyOut(BaseModel):
    """An HSDS 3.0 `taxonomy`."""

    id: str
    name: str
    description: str
    version: str


class TaxonomyTermOut(BaseModel):
    """An HSDS 3.0 `taxonomy_term`; `alternate_names` is the Belgian profile's addition."""

    id: str
    code: str = Field(description="A group, or a concept id such as violence.sexual.")
    name: str
    description: str
    parent_id: str | None = None
    taxonomy: str
    taxonomy_id: str
    language: str
    alternate_names: dict[str, list[str]] | None = Field(
        default=None, description="Every word of the concept, per language (fr, nl, de, en)."
    )


class TaxonomyPage(_Page):
    contents: list[TaxonomyOut]


class TaxonomyTermPage(_Page):
    contents: list[TaxonomyTermOut]
