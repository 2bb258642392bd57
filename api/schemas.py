"""Response shapes. Field names follow HSDS 3.0 where HSDS has the concept."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


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
    verified_at: dt.datetime | None


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
        description="0 municipality, 1 arrondissement, 2 province, 3 region, 4 national."
    )


class ServiceDetail(ServiceOut):
    translations: dict[str, TextField]
    notes: str | None = Field(description="Maintainers' notes on the sources and open questions.")


class PlaceOut(BaseModel):
    nis_code: str
    name: str
    region: str


class ServicePage(BaseModel):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[ServiceHit]
    places: list[PlaceOut] = Field(description="The municipalities the place filter resolved to.")


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
    languages: list[str] = Field(description="Official languages, main one first.")
    language_regime: str
    facility_municipality: bool
    postal_codes: list[PostalLocality]
    services_by_kind: list[KindGroup]
