"""Loads service records into the database. Idempotent: a second run changes nothing.

Records are synced by id; their phones, schedules, areas, languages and codes are synced by
natural key, so running the seed twice leaves every row (and every row id) as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from directory import search_index
from directory.coverage import Coverage, Gazetteer
from directory.models import (
    Attribute,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from directory.places import PlaceResolver
from directory.records import ScheduleRecord, ServiceRecord

T = TypeVar("T")


@dataclass
class SeedReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    indexed: int = 0
    # (service id, coverage string, reason): coverage kept as an unmatched named area.
    unresolved_coverage: list[tuple[str, str, str]] = field(default_factory=list)
    # (service id, coverage string, note): mapped, but only approximately.
    approximate_coverage: list[tuple[str, str, str]] = field(default_factory=list)
    unknown_coverage: list[str] = field(default_factory=list)  # records with no coverage
    unresolved_addresses: list[tuple[str, str]] = field(default_factory=list)


def seed_services(
    session: Session,
    records: Sequence[ServiceRecord],
    resolver: PlaceResolver,
    progress: Callable[[int], None] | None = None,
) -> SeedReport:
    report = SeedReport()
    gazetteer = Gazetteer(session, resolver)
    existing = _load_existing(session, [r.id for r in records])
    touched: list[Service] = []
    for position, record in enumerate(records, start=1):
        service = existing.get(record.id)
        is_new = service is None
        if service is None:
            service = Service(id=record.id)
            session.add(service)
        changed = _apply(session, service, record, gazetteer, report)
        if is_new:
            report.created += 1
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1
        if is_new or changed:
            touched.append(service)
        if progress and position % 500 == 0:
            progress(500)
    session.flush()
    report.indexed = search_index.refresh(session, touched)
    if progress:
        progress(len(records) % 500)
    return report


def _load_existing(session: Session, ids: list[str]) -> dict[str, Service]:
    found: dict[str, Service] = {}
    options = [
        selectinload(Service.phones),
        selectinload(Service.schedules),
        selectinload(Service.service_areas),
        selectinload(Service.languages),
        selectinload(Service.attributes),
        selectinload(Service.service_at_locations),
    ]
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        stmt = select(Service).where(Service.id.in_(chunk)).options(*options)
        found.update({s.id: s for s in session.scalars(stmt)})
    return found


def _assign(obj: object, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _sync(
    current: list[T],
    wanted: Iterable[T],
    key: Callable[[T], Hashable],
) -> bool:
    """Make `current` hold `wanted` by key, keeping rows that already match."""
    wanted_by_key = {key(item): item for item in wanted}
    current_keys = {key(item) for item in current}
    if current_keys == set(wanted_by_key) and len(current) == len(wanted_by_key):
        return False
    for item in list(current):
        if key(item) not in wanted_by_key:
            current.remove(item)
    for k, item in wanted_by_key.items():
        if k not in current_keys:
            current.append(item)
    return True


def _apply(
    session: Session,
    service: Service,
    record: ServiceRecord,
    gazetteer: Gazetteer,
    report: SeedReport,
) -> bool:
    changed = _assign(
        service,
        {
            "name_fr": record.name_fr,
            "name_nl": record.name_nl,
            "name_de": record.name_de,
            "name_en": record.name_en,
            "description_fr": record.description_fr,
            "description_nl": record.description_nl,
            "description_de": record.description_de,
            "description_en": record.description_en,
            "kind": record.kind.value,
            "url": record.website,
            "email": record.email,
            "urgent": record.urgent,
            "anonymous": record.anonymous,
            "free": record.free,
            "hours_notes_en": record.hours_text,
            "sources": list(record.source_urls),
            "notes": record.notes,
            "verification_status": record.verification_status.value,
            "verified_at": _aware(record.verified_at),
        },
    )
    phones = [Phone(number=p.number, description=p.label, type="voice") for p in record.phones]
    changed |= _sync(service.phones, phones, lambda p: (p.number, p.description))
    schedules = [
        Schedule(
            attending_type=s.channel.value if s.channel else None,
            byday=",".join(s.days),
            opens_at=ScheduleRecord.parse_time(s.opens),
            closes_at=ScheduleRecord.parse_time(s.closes),
        )
        for s in record.schedules
    ]
    changed |= _sync(
        service.schedules, schedules, lambda s: (s.attending_type, s.byday, s.opens_at, s.closes_at)
    )
    areas = [_area(record.id, raw, gazetteer, report) for raw in record.coverage or []]
    if not record.coverage:
        report.unknown_coverage.append(record.id)
    changed |= _sync(
        service.service_areas,
        [ServiceArea(scope=a.scope.value, code=a.code, raw=a.raw) for a in areas],
        lambda a: (a.scope, a.code, a.raw),
    )
    changed |= _sync(
        service.languages,
        [Language(code=code.value) for code in record.languages or []],
        lambda lang: lang.code,
    )
    attributes = [
        *(Attribute(taxonomy="audience", value=a.value) for a in record.audiences),
        *(Attribute(taxonomy="violence_type", value=v.value) for v in record.violence_types or []),
        *(Attribute(taxonomy="channel", value=c.value) for c in record.channels),
    ]
    changed |= _sync(service.attributes, attributes, lambda a: (a.taxonomy, a.value))
    changed |= _sync_location(session, service, record, gazetteer, report)
    return changed


def _area(service_id: str, raw: str, gazetteer: Gazetteer, report: SeedReport) -> Coverage:
    coverage = gazetteer.map(raw)
    if coverage.code is None and coverage.note:
        report.unresolved_coverage.append((service_id, raw, coverage.note))
    elif coverage.note:
        report.approximate_coverage.append((service_id, raw, coverage.note))
    return coverage


def _sync_location(
    session: Session,
    service: Service,
    record: ServiceRecord,
    gazetteer: Gazetteer,
    report: SeedReport,
) -> bool:
    """The record's one address becomes a location `<service id>-address`."""
    address = record.address
    location_id = f"{record.id}-address"
    if address is None or not (address.street or address.municipality or address.postal_code):
        return _sync(service.service_at_locations, [], lambda sal: sal.location_id)
    nis = None
    place = address.postal_code or address.municipality
    if place:
        best = gazetteer.resolver.resolve(
            f"{address.postal_code or ''} {address.municipality or ''}".strip()
        ).best
        nis = best.nis_code if best else None
        if nis is None:
            report.unresolved_addresses.append((record.id, place))
    location = session.get(Location, location_id) or Location(id=location_id)
    if location not in session:
        session.add(location)
    changed = _assign(
        location,
        {
            "location_type": "physical",
            "name_fr": record.name_fr,
            "name_nl": record.name_nl,
            "address_1": address.street,
            "city": address.municipality,
            "postal_code": address.postal_code,
            "municipality_nis": nis,
        },
    )
    links = service.service_at_locations
    for link in [sal for sal in links if sal.location is not location]:
        links.remove(link)
        changed = True
    if not links:
        links.append(ServiceAtLocation(location=location))
        changed = True
    return changed


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value
