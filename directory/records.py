"""The human-editable service record (`data/services.yaml`) and its validation.

A record mirrors the shared source file field for field, so a maintainer can diff the two;
every problem in a file is reported at once, naming the record and the field.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    StrictBool,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from directory import phones
from directory.models import Service
from directory.vocab import (
    WEEKDAYS,
    Audience,
    Channel,
    Kind,
    ServiceStatus,
    SpokenLanguage,
    VerificationMethod,
    VerificationStatus,
    ViolenceType,
)

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

_url = TypeAdapter(HttpUrl)


def _check_url(value: str) -> str:
    # A line break would survive validation (the parser drops it) and reach vCards and headers.
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        raise ValueError("must not contain line breaks, tabs or other control characters")
    value = value.strip()
    _url.validate_python(value)
    return value


Url = Annotated[str, AfterValidator(_check_url)]


def _not_a_number(example: str) -> BeforeValidator:
    """Refuse a bare number where a date is written: pydantic would read it as seconds since
    1970 (0 → 1970-01-01)."""

    def check(value: Any) -> Any:
        if isinstance(value, str):
            number = value.strip().removeprefix("-").replace(".", "", 1).isdigit()
        else:
            number = isinstance(value, int | float) and not isinstance(value, bool)
        if number:
            raise ValueError(f"must be written in ISO 8601, e.g. {example}, got {value!r}")
        return value

    return BeforeValidator(check)


DateTime = Annotated[dt.datetime, _not_a_number("2026-03-12T10:00:00+01:00")]
Date = Annotated[dt.date, _not_a_number("2026-03-12")]


def storable(value: str) -> str:
    """PostgreSQL text cannot hold NUL characters, and no record needs one: refuse them."""
    if "\x00" in value:
        raise ValueError("must not contain NUL (\\x00) characters")
    return value


# Text that is stored or looked up in the database.
StorableText = Annotated[str, AfterValidator(storable)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                storable(item)
        return value


class PhoneRecord(Strict):
    number: str
    label: str | None = Field(default=None, max_length=300)

    @field_validator("number")
    @classmethod
    def _phone(cls, value: str) -> str:
        number = phones.normalise(value)
        if number is None:
            raise ValueError(
                "must be a Belgian number (+32…, or 0… as dialled) "
                f"or a short number, got {value!r}"
            )
        return number


class AddressRecord(Strict):
    street: str | None = Field(default=None, max_length=300)
    postal_code: str | None = Field(default=None, pattern=r"^\d{4}$")
    municipality: str | None = Field(default=None, max_length=100)
    # A shelter's address: only editors see it; public answers and exports never do.
    confidential: StrictBool = False


class ScheduleRecord(Strict):
    """A weekly rule; `closes` may be '24:00' (midnight) or earlier than `opens` (overnight)."""

    channel: Channel | None = None
    days: list[str] = Field(min_length=1)
    opens: str
    closes: str

    @field_validator("days")
    @classmethod
    def _days(cls, value: list[str]) -> list[str]:
        unknown = [d for d in value if d not in WEEKDAYS]
        if unknown:
            raise ValueError(f"unknown day(s) {unknown}; use {', '.join(WEEKDAYS)}")
        return value

    @field_validator("opens", "closes")
    @classmethod
    def _time(cls, value: str) -> str:
        if not TIME.match(value):
            raise ValueError(f"must be HH:MM between 00:00 and 24:00, got {value!r}")
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> ScheduleRecord:
        if self.opens == self.closes and self.opens != "00:00":
            raise ValueError("opens and closes are equal; use 00:00-24:00 for a whole day")
        return self

    @staticmethod
    def parse_time(value: str) -> dt.time:
        return dt.time(0, 0) if value == "24:00" else dt.time.fromisoformat(value)


# The lengths below are those of the database columns (`directory.models`): PostgreSQL refuses
# longer text. The id leaves room for the address's location id, `<id>-address`.
Name = Annotated[str, Field(max_length=300)]


class ServiceRecord(Strict):
    id: str = Field(pattern=SLUG.pattern, max_length=92)
    name_fr: Name | None = None
    name_nl: Name | None = None
    name_de: Name | None = None
    name_en: Name | None = None
    kind: Kind
    description_fr: str | None = None
    description_nl: str | None = None
    description_de: str | None = None
    description_en: str | None = None
    phones: list[PhoneRecord] = Field(default_factory=list)
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    website: Annotated[str, Field(max_length=500), AfterValidator(_check_url)] | None = None
    address: AddressRecord | None = None
    channels: list[Channel] = Field(default_factory=list)
    hours_text: str | None = None
    schedules: list[ScheduleRecord] = Field(default_factory=list)
    languages: list[SpokenLanguage] | None = None
    audiences: list[Audience] = Field(min_length=1)
    violence_types: list[ViolenceType] | None = None
    coverage: list[Annotated[str, Field(max_length=200)]] | None = None
    # Strict: JSON true/false only (pydantic would read 0, "no" or "off" as false).
    urgent: StrictBool | None = None
    anonymous: StrictBool | None = None
    free: StrictBool | None = None
    source_urls: list[Url] = Field(min_length=1)
    # The day the values were last found on the sources (HSDS assured_date), and the sources' own
    # date as they show it: a 2017 page read today is still a 2017 fact.
    checked_on: Date | None = None
    source_date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    notes: str | None = None
    verification_status: VerificationStatus = VerificationStatus.UNVERIFIED
    verified_at: DateTime | None = None
    verified_by: str | None = Field(default=None, max_length=200)
    verification_method: VerificationMethod | None = None
    # None leaves an existing service's status as it is (a re-seed never un-archives).
    status: ServiceStatus | None = None

    @model_validator(mode="after")
    def _named(self) -> ServiceRecord:
        if not (self.name_fr or self.name_nl):
            raise ValueError("a service needs name_fr or name_nl")
        if self.verification_status is VerificationStatus.VERIFIED and not self.verified_at:
            raise ValueError("verified_at is required when verification_status is 'verified'")
        return self


def hhmm(value: dt.time, closing: bool) -> str:
    """A stored time as written in records: a closing midnight is '24:00'."""
    return "24:00" if closing and value == dt.time(0, 0) else value.strftime("%H:%M")


def record_of(service: Service) -> ServiceRecord:
    """The record of a stored service: the inverse of what the seed writes."""
    location = service.service_at_locations[0].location if service.service_at_locations else None
    values = service.values
    return ServiceRecord.model_construct(
        id=service.id,
        name_fr=service.name_fr,
        name_nl=service.name_nl,
        name_de=service.name_de,
        name_en=service.name_en,
        kind=Kind(service.kind),
        description_fr=service.description_fr,
        description_nl=service.description_nl,
        description_de=service.description_de,
        description_en=service.description_en,
        phones=[
            PhoneRecord.model_construct(number=p.number, label=p.description)
            for p in service.phones
        ],
        email=service.email,
        website=service.url,
        address=(
            AddressRecord.model_construct(
                street=location.address_1,
                postal_code=location.postal_code,
                municipality=location.city,
                confidential=location.confidential,
            )
            if location
            else None
        ),
        channels=[Channel(c) for c in values("channel")],
        hours_text=service.hours_notes_en,
        schedules=[
            ScheduleRecord.model_construct(
                channel=Channel(s.attending_type) if s.attending_type else None,
                days=s.byday.split(","),
                opens=hhmm(s.opens_at, closing=False),
                closes=hhmm(s.closes_at, closing=True),
            )
            for s in service.schedules
        ],
        languages=[SpokenLanguage(language.code) for language in service.languages] or None,
        audiences=[Audience(a) for a in values("audience")],
        violence_types=[ViolenceType(v) for v in values("violence_type")] or None,
        coverage=[area.raw for area in service.service_areas] or None,
        urgent=service.urgent,
        anonymous=service.anonymous,
        free=service.free,
        source_urls=list(service.sources),
        checked_on=service.assured_date,
        source_date=service.source_date,
        notes=service.notes,
        verification_status=VerificationStatus(service.verification_status),
        verified_at=service.verified_at,
        verified_by=service.verified_by,
        verification_method=(
            VerificationMethod(service.verification_method) if service.verification_method else None
        ),
        status=ServiceStatus(service.status),
    )


def without_confidential_address(record: ServiceRecord) -> ServiceRecord:
    """The record as anyone outside its editors may see it: a confidential location keeps the
    fact that it is confidential, never where it is (street, postal code, municipality)."""
    if record.address is None or not record.address.confidential:
        return record
    hidden = record.address.model_copy(
        update={"street": None, "postal_code": None, "municipality": None}
    )
    return record.model_copy(update={"address": hidden})


def document_without_confidential_address(document: dict[str, Any] | None) -> dict[str, Any] | None:
    """The same for a stored version (history's before/after)."""
    address = (document or {}).get("address")
    if not document or not address or not address.get("confidential"):
        return document
    hidden = {**address, "street": None, "postal_code": None, "municipality": None}
    return {**document, "address": hidden}


def as_document(record: ServiceRecord) -> dict[str, Any]:
    """A record as JSON-ready data (for history and exports); empty lists read as unknown."""
    document = record.model_dump(mode="json", exclude_none=False)
    for field in ("languages", "violence_types", "coverage"):
        document[field] = document[field] or None
    return document


class RecordError(ValueError):
    """A seed file with problems; `problems` lists every one as 'record id: field: message'."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{path}: {len(problems)} problem(s)\n" + "\n".join(problems))


def parse_records(raw: Any, source: Path | str = "<data>") -> list[ServiceRecord]:
    if not isinstance(raw, list):
        raise RecordError(source, ["the file must be a YAML list of service records"])
    records: list[ServiceRecord] = []
    problems: list[str] = []
    seen: set[str] = set()
    for position, item in enumerate(raw, start=1):
        ident = item.get("id", f"#{position}") if isinstance(item, dict) else f"#{position}"
        try:
            record = ServiceRecord.model_validate(item)
        except ValidationError as error:
            for detail in error.errors():
                where = ".".join(str(part) for part in detail["loc"]) or "(record)"
                problems.append(f"{ident}: {where}: {detail['msg']}")
            continue
        if record.id in seen:
            problems.append(f"{record.id}: id: duplicate id")
        seen.add(record.id)
        records.append(record)
    if problems:
        raise RecordError(source, problems)
    return records


def load_records(path: Path) -> list[ServiceRecord]:
    with path.open(encoding="utf-8") as handle:
        return parse_records(yaml.safe_load(handle), path)
